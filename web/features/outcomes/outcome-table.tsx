import { Button, Group, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_OUTCOME_REASON, type TOutcomeRow } from '../../../common/api/outcomes.ts';
import { OUTCOMES, type Outcome } from '../../../common/api/reports.ts';
import { errorMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { useSaveOutcome } from './use-outcomes.ts';

type Props = {
  rows: TOutcomeRow[];
  schoolYear: number;
  caption: string;
  canRecord: boolean;
  /** Announces a saved or cleared outcome (the page's status line). */
  onSaved: (text: string) => void;
};

const NONE = '';

/** "12 / 3", "5,50 / 6,25"; "—" where a figure is missing. */
function beforeAfter(v: { before: number | null; after: number | null }, digits: number): string {
  const format = (n: number | null) =>
    n === null
      ? '—'
      : n.toLocaleString(currentLanguage() === 'lv' ? 'lv-LV' : 'en-GB', {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
  return `${format(v.before)} / ${format(v.after)}`;
}

/** One student: the outcome chooser, and the reason with its save button when "left education". */
function OutcomeRowView({
  row,
  schoolYear,
  canRecord,
  onSaved,
}: Omit<Props, 'rows' | 'caption'> & { row: TOutcomeRow }) {
  const { t } = useTranslation();
  const save = useSaveOutcome();
  const [choice, setChoice] = useState<string>(row.outcome ?? NONE);
  const [reason, setReason] = useState(row.reason ?? '');
  const name = `${row.lastName} ${row.firstName}`;
  const send = (outcome: Outcome | null, why?: string) =>
    save.mutate(
      { studentId: row.studentId, schoolYear, outcome, reason: why },
      {
        onSuccess: () =>
          onSaved(outcome ? t('yearOutcomes.saved', { name }) : t('yearOutcomes.cleared', { name })),
      },
    );
  const leaving = choice === 'left_education';
  const reasonChanged = leaving && (row.outcome !== 'left_education' || reason.trim() !== (row.reason ?? ''));
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {name}
        {row.movedAway && (
          <Text size="sm" c="dimmed">
            {t('yearOutcomes.movedAway')}
          </Text>
        )}
      </Table.Th>
      <Table.Td>{row.classLabel ?? '—'}</Table.Td>
      <Table.Td>{row.planCodes.join(', ')}</Table.Td>
      <Table.Td miw={230}>
        {canRecord ? (
          <>
            <Select
              aria-label={t('yearOutcomes.outcomeOf', { name })}
              data={[
                { value: NONE, label: t('yearOutcomes.none') },
                ...OUTCOMES.map((o) => ({ value: o, label: t(`yearOutcomes.values.${o}`) })),
              ]}
              value={choice}
              allowDeselect={false}
              disabled={save.isPending}
              onChange={(value) => {
                const next = value ?? NONE;
                setChoice(next);
                if (next === 'left_education') return;
                if (next === (row.outcome ?? NONE)) return;
                send(next === NONE ? null : (next as Outcome));
              }}
            />
            {leaving && (
              <Group gap="xs" mt="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('yearOutcomes.reason')}
                  aria-label={t('yearOutcomes.reasonOf', { name })}
                  required
                  maxLength={MAX_OUTCOME_REASON}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button
                  variant="light"
                  disabled={!reason.trim() || !reasonChanged}
                  loading={save.isPending}
                  onClick={() => send('left_education', reason.trim())}
                  aria-label={t('yearOutcomes.saveReasonOf', { name })}
                >
                  {t('yearOutcomes.save')}
                </Button>
              </Group>
            )}
            {save.error && (
              <Text c="red.8" size="sm" role="alert" mt={4}>
                {errorMessage(save.error, t('errors.unexpected'))}
              </Text>
            )}
          </>
        ) : row.outcome ? (
          <>
            {t(`yearOutcomes.values.${row.outcome}`)}
            {row.reason && <Text size="sm">{row.reason}</Text>}
          </>
        ) : (
          t('yearOutcomes.none')
        )}
      </Table.Td>
      <Table.Td ta="right">{beforeAfter(row.unjustifiedLessons, 0)}</Table.Td>
      <Table.Td ta="right">{beforeAfter(row.markAverage, 2)}</Table.Td>
    </Table.Tr>
  );
}

/** The school's programme students of the year with their outcomes and before/after figures. */
export function OutcomeTable({ rows, schoolYear, caption, canRecord, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption} minWidth={900}>
      <Table verticalSpacing="sm" striped>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('yearOutcomes.student')}</Table.Th>
            <Table.Th scope="col">{t('yearOutcomes.class')}</Table.Th>
            <Table.Th scope="col">{t('yearOutcomes.plans')}</Table.Th>
            <Table.Th scope="col">{t('yearOutcomes.outcome')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('yearOutcomes.unjustified')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('yearOutcomes.marks')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <OutcomeRowView
              key={`${row.studentId}-${schoolYear}-${row.outcome ?? ''}-${row.reason ?? ''}`}
              row={row}
              schoolYear={schoolYear}
              canRecord={canRecord}
              onSaved={onSaved}
            />
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
