import { Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TSemester, TStudentRisk } from '../../../common/api/risks.ts';
import { formatDate } from '../../../common/format.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { semesterLabel, studentRiskName } from './risk-labels.ts';

type Props = {
  items: TStudentRisk[];
  semesters: TSemester[];
  canRecord: boolean;
  onRemove: (risk: TStudentRisk, name: string) => void;
};

/** The risk records, one table per semester (newest first); removed ones stay, struck through and marked. */
export function StudentRiskList({ items, semesters, canRecord, onRemove }: Props) {
  const { t } = useTranslation();
  const groups = semesters
    .map((semester) => ({ semester, risks: items.filter((risk) => risk.semesterId === semester.id) }))
    .filter((group) => group.risks.length > 0);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="risk-list-title">
      <Title order={2} size="h3" id="risk-list-title" mb="sm">
        {t('risks.listTitle')}
      </Title>
      {groups.length === 0 && <Text>{t('risks.empty')}</Text>}
      {groups.map(({ semester, risks }) => (
        <SemesterRisks
          key={semester.id}
          title={semesterLabel(t, semester)}
          risks={risks}
          canRecord={canRecord}
          onRemove={onRemove}
        />
      ))}
    </Paper>
  );
}

type SemesterProps = {
  title: string;
  risks: TStudentRisk[];
  canRecord: boolean;
  onRemove: Props['onRemove'];
};

function SemesterRisks({ title, risks, canRecord, onRemove }: SemesterProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const active = risks.filter((risk) => !risk.removed).length;
  return (
    <section aria-label={title}>
      <Title order={3} size="h4" mt="md" mb="xs">
        {`${title} — ${t('risks.activeCount', { count: active })}`}
      </Title>
      <TableScroll label={t('risks.tableCaption', { semester: title })} minWidth={820}>
        <Table striped verticalSpacing="sm">
          <caption>
            <VisuallyHidden>{t('risks.tableCaption', { semester: title })}</VisuallyHidden>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('risks.type')}</Table.Th>
              <Table.Th scope="col">{t('risks.risk')}</Table.Th>
              <Table.Th scope="col">{t('risks.justification')}</Table.Th>
              <Table.Th scope="col">{t('risks.foundBy')}</Table.Th>
              {canRecord && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {risks.map((risk) => {
              const name = studentRiskName(risk, language);
              const struck = risk.removed ? { textDecoration: 'line-through' } : undefined;
              return (
                <Table.Tr key={risk.id}>
                  <Table.Td fz="sm">{t(`riskCatalogue.types.${risk.riskType}`)}</Table.Td>
                  <Table.Td>
                    {name === null ? (
                      <Text fz="sm" fs="italic">
                        {t('risks.restricted')}
                      </Text>
                    ) : (
                      <Text span fz="inherit" fw={500} style={struck}>
                        {name}
                      </Text>
                    )}
                    {risk.removed && (
                      <Text fz="sm" fw={700}>
                        {t('risks.removed')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={struck}>{risk.justification ?? t('common.none')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {risk.foundByName ?? t('common.none')}
                    <Text fz="sm">{formatDate(risk.foundOn)}</Text>
                  </Table.Td>
                  {canRecord && (
                    <Table.Td>
                      {!risk.removed && (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => onRemove(risk, name ?? t('risks.restrictedShort'))}
                          aria-label={t('common.removeItem', { name: name ?? t('risks.restrictedShort') })}
                        >
                          {t('common.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </section>
  );
}
