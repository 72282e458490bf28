import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type ChronologyEntry,
  chronologyDayOf,
  chronologyParams,
  chronologyTextWithheld,
  chronologyWho,
} from '../../../common/api/chronology.ts';
import { formatDate, formatDateTime } from '../../../common/format.ts';
import { currentLanguage } from '../../i18n/index.ts';

/** One entry of the chronology: when, what kind, what happened in words, who, the free text it may show, a link. */
export function ChronologyEntryItem({ entry, studentId }: { entry: ChronologyEntry; studentId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage();
  const params = chronologyParams(
    entry.params,
    lang,
    (section, code) => {
      const key = `chronology.${section}.${code}`;
      return i18n.exists(key) ? t(key) : code;
    },
    (year, number) => t('plans.semesterValue', { from: year, to: year + 1, number }),
  );
  const eventKey = `chronology.events.${entry.event}`;
  const words = i18n.exists(eventKey) ? t(eventKey, params) : t(`chronology.types.${entry.type}`);
  const day = chronologyDayOf(entry.at);
  const by = chronologyWho(entry.params);
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text component="time" dateTime={entry.at} fw={600} size="sm">
          {day ? formatDate(day) : formatDateTime(entry.at)}
        </Text>
        <Badge variant="light" color="gray" c="dark.7">
          {t(`chronology.types.${entry.type}`)}
        </Badge>
      </Group>
      <Text>{words}</Text>
      {entry.text && (
        <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
          {entry.text}
        </Text>
      )}
      {!entry.text && chronologyTextWithheld(entry.params) && (
        <Text size="sm">{t('chronology.restrictedText')}</Text>
      )}
      {by && <Text size="sm">{t('chronology.by', { name: by })}</Text>}
      {entry.link?.kind === 'note' && (
        <Anchor component={Link} to={`/students/${encodeURIComponent(studentId)}?tab=notes`} size="sm">
          {t('chronology.openNotes')}
        </Anchor>
      )}
      {entry.link?.kind === 'plan' && (
        <Anchor component={Link} to={`/plans/${encodeURIComponent(entry.link.id)}`} size="sm">
          {t('chronology.openPlan', { code: entry.params.code ?? '' })}
        </Anchor>
      )}
      {entry.link?.kind === 'letter' && (
        <Anchor
          href={`/api/students/${encodeURIComponent(studentId)}/letters/${encodeURIComponent(entry.link.id)}/pdf`}
          download
          size="sm"
        >
          {t('chronology.openLetter')}
        </Anchor>
      )}
    </Stack>
  );
}
