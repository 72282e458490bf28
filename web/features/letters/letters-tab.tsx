import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LETTER_KINDS,
  LETTER_LANGUAGES,
  LETTER_METHODS,
  type LetterKind,
  type LetterMethod,
} from '../../../common/api/letters.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useSendLetter, useStudentLetters } from './use-letters.ts';

/** The "Letters" tab of a student: the letters sent to the guardians, and the form to send one. */
export function LettersTab({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const letters = useStudentLetters(studentId);
  const send = useSendLetter(studentId);
  const [kind, setKind] = useState<LetterKind>('plan_summary');
  const [language, setLanguage] = useState<'lv' | 'en'>('lv');
  const [method, setMethod] = useState<LetterMethod>('printed');
  const [guardianId, setGuardianId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (letters.isPending) return <LoadingState />;
  if (letters.isError) return <LoadError error={letters.error} onRetry={() => void letters.refetch()} />;
  const data = letters.data;
  const guardian = guardianId ?? data.guardians[0]?.id ?? null;
  const pdfUrl = (id: string) =>
    `/api/students/${encodeURIComponent(studentId)}/letters/${encodeURIComponent(id)}/pdf`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!guardian) return;
    setMessage(null);
    send.mutate(
      { kind, language, method, guardianId: guardian },
      { onSuccess: () => setMessage(t('letters.sent')) },
    );
  }

  return (
    <Stack gap="xl">
      {data.can.send && (
        <Paper withBorder p="lg" component="section" aria-labelledby="letter-new-title">
          <Title order={2} size="h3" id="letter-new-title" mb="md">
            {t('letters.newTitle')}
          </Title>
          {data.guardians.length === 0 ? (
            <Text>{t('letters.noGuardians')}</Text>
          ) : (
            <form onSubmit={submit}>
              <Stack gap="sm" maw={560}>
                <Select
                  label={t('letters.kind')}
                  data={LETTER_KINDS.map((k) => ({ value: k, label: t(`letters.kinds.${k}`) }))}
                  value={kind}
                  onChange={(v) => v && setKind(v as LetterKind)}
                  allowDeselect={false}
                />
                <Select
                  label={t('letters.guardian')}
                  data={data.guardians.map((g) => ({ value: g.id, label: g.name }))}
                  value={guardian}
                  onChange={setGuardianId}
                  allowDeselect={false}
                />
                <Select
                  label={t('letters.language')}
                  data={LETTER_LANGUAGES.map((l) => ({ value: l, label: t(`letters.languages.${l}`) }))}
                  value={language}
                  onChange={(v) => v && setLanguage(v as 'lv' | 'en')}
                  allowDeselect={false}
                />
                <Select
                  label={t('letters.method')}
                  data={LETTER_METHODS.map((m) => ({ value: m, label: t(`letters.methods.${m}`) }))}
                  value={method}
                  onChange={(v) => v && setMethod(v as LetterMethod)}
                  allowDeselect={false}
                />
                <ErrorAlert error={send.error} />
                <StatusMessage message={message} />
                <Group>
                  <Button type="submit" loading={send.isPending}>
                    {t('letters.generate')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Paper>
      )}
      <Paper withBorder p="lg" component="section" aria-labelledby="letters-title">
        <Title order={2} size="h3" id="letters-title" mb="md">
          {t('letters.title')}
        </Title>
        {data.items.length === 0 ? (
          <Text>{t('letters.none')}</Text>
        ) : (
          <TableScroll label={t('letters.caption')} minWidth={720}>
            <Table striped>
              <caption>
                <VisuallyHidden>{t('letters.caption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('letters.sentAt')}</Table.Th>
                  <Table.Th scope="col">{t('letters.kind')}</Table.Th>
                  <Table.Th scope="col">{t('letters.guardian')}</Table.Th>
                  <Table.Th scope="col">{t('letters.method')}</Table.Th>
                  <Table.Th scope="col">{t('letters.language')}</Table.Th>
                  <Table.Th scope="col">{t('letters.sentBy')}</Table.Th>
                  <Table.Th scope="col">{t('letters.file')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((letter) => (
                  <Table.Tr key={letter.id}>
                    <Table.Td>{formatDateTime(letter.sentAt)}</Table.Td>
                    <Table.Td>
                      {t(`letters.kinds.${letter.kind}`)}
                      {letter.planCode ? ` (${letter.planCode})` : ''}
                    </Table.Td>
                    <Table.Td>{letter.guardianName}</Table.Td>
                    <Table.Td>{t(`letters.methods.${letter.method}`)}</Table.Td>
                    <Table.Td>{t(`letters.languages.${letter.language}`)}</Table.Td>
                    <Table.Td>{letter.sentByName}</Table.Td>
                    <Table.Td>
                      <Anchor
                        href={pdfUrl(letter.id)}
                        download
                        aria-label={t('letters.downloadItem', { kind: t(`letters.kinds.${letter.kind}`) })}
                      >
                        {t('letters.download')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Paper>
    </Stack>
  );
}
