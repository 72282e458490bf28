import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TProgrammeFigures } from '../../../common/api/reports.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ReportCell } from './report-cell.tsx';
import { dashboardHref, periodLabel } from './report-format.ts';
import { useProgrammeFigures } from './use-reports.ts';

type Rows = TProgrammeFigures['rows'];

const COLUMNS = [
  ['iaps', 'iaps'],
  ['pupils', 'students_with_plans'],
  ['schools', 'schools_taking_part'],
  ['municipalities', 'municipalities_taking_part'],
] as const;

/** The programme's table: IAPs, pupils, institutions and municipalities per school year and semester. */
function ProgrammeTable({ rows, caption }: { rows: Rows; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption} minWidth={640}>
      <Table striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.period')}</Table.Th>
            {COLUMNS.map(([column]) => (
              <Table.Th scope="col" key={column} ta="right">
                {t(`reports.programme.columns.${column}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.period.code}>
              <Table.Th scope="row" fw={row.period.semester === null ? 700 : 400}>
                {periodLabel(t, row.period)}
              </Table.Th>
              {COLUMNS.map(([column, code]) => (
                <Table.Td key={column} ta="right" fw={row.period.semester === null ? 700 : 400}>
                  <ReportCell code={code} cell={row[column]} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/**
 * "Programmas rādītāji": the figures the programme published (IAPs per school year and semester,
 * pupils with an IAP, institutions and municipalities taking part), for the organisation and, for
 * the nation, per municipality.
 */
export function ProgrammePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const figures = useProgrammeFigures(params.get('org'));
  if (figures.isPending)
    return (
      <Stack>
        <PageHeading>{t('reports.programme.title')}</PageHeading>
        <LoadingState />
      </Stack>
    );
  if (figures.isError)
    return (
      <Stack>
        <PageHeading>{t('reports.programme.title')}</PageHeading>
        <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      </Stack>
    );
  const data = figures.data;
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{`${t('reports.programme.title')} — ${data.org.name}`}</PageHeading>
        <Text maw={800}>{t('reports.programme.intro')}</Text>
        {data.suppressed && <Text maw={800}>{t('reports.suppressedIntro')}</Text>}
        <Anchor component={Link} to={dashboardHref(data.org.id, null)} mt="xs" display="inline-block">
          {t('reports.programme.back')}
        </Anchor>
      </div>
      <Paper withBorder p="md" component="section" aria-labelledby="programme-org">
        <Title order={2} size="h3" id="programme-org" mb="sm">
          {data.org.name}
        </Title>
        {data.rows.length === 0 ? (
          <Text>{t('reports.noFigures')}</Text>
        ) : (
          <ProgrammeTable
            rows={data.rows}
            caption={t('reports.programme.tableOf', { name: data.org.name })}
          />
        )}
      </Paper>
      {data.byMunicipality.length > 0 && (
        <section aria-labelledby="programme-municipalities">
          <Title order={2} size="h3" id="programme-municipalities" mb="sm">
            {t('reports.programme.byMunicipality')}
          </Title>
          <Stack gap="md">
            {data.byMunicipality.map((m) => (
              <Paper withBorder p="md" key={m.org.id} component="section" aria-label={m.org.name}>
                <Title order={3} size="h4" mb="xs">
                  {m.org.name}
                </Title>
                <ProgrammeTable
                  rows={m.rows}
                  caption={t('reports.programme.tableOf', { name: m.org.name })}
                />
              </Paper>
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}
