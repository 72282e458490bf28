import { Button, Checkbox, Group, Paper, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pinSettersText } from '../../components/pin-status.tsx';
import { hoursOfLabel, measureLabel, percentOf } from './support-labels.ts';
import type { TMyMeasure } from './use-support.ts';

type Props = {
  items: TMyMeasure[];
  selected: string[];
  onSelectedChange: (measureIds: string[]) => void;
  onRecord: (measures: TMyMeasure[]) => void;
};

/** Planned against delivered hours as a bar (decoration) and as words ("1,5 no 8 h"). */
export function HoursProgress({ delivered, planned }: { delivered: number; planned: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Progress value={percentOf(delivered, planned)} size="lg" aria-hidden="true" />
      <Text size="sm">{hoursOfLabel(t, delivered, planned)}</Text>
    </Stack>
  );
}

/**
 * "My students": one card per consultation measure, with the hours, a button to record a session for
 * that student, and a tick to gather several students into one group session.
 */
export function MeasureList({ items, selected, onSelectedChange, onRecord }: Props) {
  const { t } = useTranslation();
  const chosen = items.filter((item) => selected.includes(item.measureId));
  const chosenStudents = new Set(chosen.map((item) => item.studentId));

  const toggle = (item: TMyMeasure, on: boolean) =>
    onSelectedChange(on ? [...selected, item.measureId] : selected.filter((id) => id !== item.measureId));

  return (
    <Stack gap="md">
      <Paper withBorder p="sm" component="section" aria-label={t('support.groupTitle')}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text aria-live="polite">{t('support.selectedCount', { count: chosen.length })}</Text>
          <Group gap="xs">
            {chosen.length > 0 && (
              <Button variant="default" onClick={() => onSelectedChange([])}>
                {t('support.clearSelection')}
              </Button>
            )}
            <Button disabled={chosen.length < 2} onClick={() => onRecord(chosen)}>
              {t('support.recordGroup')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" mt={4}>
          {t('support.groupHint')}
        </Text>
      </Paper>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item) => {
          const checked = selected.includes(item.measureId);
          const blocked = !checked && chosenStudents.has(item.studentId);
          return (
            <Paper component="li" withBorder p="md" key={item.measureId}>
              <Stack gap="xs">
                <Checkbox
                  checked={checked}
                  disabled={blocked}
                  onChange={(event) => toggle(item, event.currentTarget.checked)}
                  label={
                    <Text span fw={700}>
                      {item.studentName}
                      {item.classLabel ? `, ${item.classLabel}` : ''}
                      <VisuallyHidden>
                        {' '}
                        — {measureLabel(t, item.label)}, {t('support.selectForGroup')}
                      </VisuallyHidden>
                    </Text>
                  }
                  description={blocked ? t('support.studentAlreadySelected') : undefined}
                />
                <Text size="sm">
                  {t('support.measureLine', { measure: measureLabel(t, item.label), code: item.planCode })}
                </Text>
                {!item.hasPin && (
                  <Text size="sm" fw={700} data-testid="measure-no-pin">
                    {t('pins.statusNone')} — {pinSettersText(t, item.pinSetters)}
                  </Text>
                )}
                <HoursProgress delivered={item.deliveredHours} planned={item.plannedHours} />
                <Group>
                  <Button
                    variant="light"
                    onClick={() => onRecord([item])}
                    aria-label={`${t('support.recordSession')}: ${item.studentName}`}
                  >
                    {t('support.recordSession')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}
