import { Accordion, Alert, Anchor, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TFlagValidation } from '../../../common/api/flag-validation.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber } from '../reports/report-format.ts';
import { FairnessTable } from './fairness-section.tsx';
import { FlagTable, PointCells, PointHeads } from './flag-table.tsx';
import { RocSection } from './roc-section.tsx';
import { useFlagValidation } from './use-flag-validation.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;
const semesterLabel = (t: Translate, s: { schoolYear: number; number: number }) =>
  t('flagValidation.semesterValue', { from: s.schoolYear, to: s.schoolYear + 1, number: s.number });

/**
 * "Karogu pārbaude": how well the early-warning flags foretold a past semester's year-end outcomes
 * in a municipality or the nation, and the fairness figures. Organisation and semester in the address.
 */
export function FlagValidationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const report = useFlagValidation(params.get('org'), params.get('semester'));
  const choose = (key: 'org' | 'semester', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (key === 'org') next.delete('semester');
    else if (report.data) next.set('org', report.data.org.id);
    setParams(next);
  };
  if (report.isPending)
    return (
      <Stack>
        <PageHeading>{t('flagValidation.title')}</PageHeading>
        <LoadingState />
      </Stack>
    );
  if (report.error || !report.data)
    return (
      <Stack>
        <PageHeading>{t('flagValidation.title')}</PageHeading>
        <LoadError error={report.error} onRetry={() => void report.refetch()} />
      </Stack>
    );
  const data = report.data;
  const heading = data.semester
    ? `${t('flagValidation.title')}: ${data.org.name} — ${semesterLabel(t, data.semester)}`
    : `${t('flagValidation.title')}: ${data.org.name}`;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/reports" fz="sm">
          {t('flagValidation.back')}
        </Anchor>
        <PageHeading>{heading}</PageHeading>
        <Text maw={800}>{t('flagValidation.intro')}</Text>
      </div>
      <Group align="flex-end">
        {data.orgs.length > 1 && (
          <Select
            label={t('flagValidation.org')}
            data={data.orgs.map((o) => ({ value: o.id, label: o.name }))}
            value={data.org.id}
            onChange={(v) => v && choose('org', v)}
            allowDeselect={false}
            searchable
            w={{ base: '100%', sm: 320 }}
          />
        )}
        {data.semesters.length > 0 && data.semester && (
          <Select
            label={t('flagValidation.semester')}
            data={data.semesters.map((s) => ({
              value: s.id,
              label: t('flagValidation.semesterOption', {
                name: semesterLabel(t, s),
                count: s.knownOutcomes,
              }),
            }))}
            value={data.semester.id}
            onChange={(v) => v && choose('semester', v)}
            allowDeselect={false}
            w={{ base: '100%', sm: 420 }}
          />
        )}
      </Group>
      {data.figures.known === 0 ? (
        <Alert color="blue" title={t('flagValidation.emptyTitle')}>
          {t('flagValidation.empty')}
        </Alert>
      ) : (
        <Figures data={data} />
      )}
    </Stack>
  );
}

function Figures({ data }: { data: TFlagValidation }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const f = data.figures;
  const best = (key: string | null) => (key ? t(`flagValidation.flags.${key}`) : t('flagValidation.none'));
  const bestAuc = f.flags.find((x) => x.key === f.bestByAuc);
  const compareCaption = t('flagValidation.compareTitle');
  const rows = [
    { label: t('flagValidation.flagSet'), point: f.flagSet },
    ...(['bestByAccuracy', 'bestByF1'] as const).flatMap((by) => {
      const flag = f.flags.find((x) => x.key === f[by]);
      return flag
        ? [{ label: t(`flagValidation.${by}`, { name: best(flag.key) }), point: flag.current }]
        : [];
    }),
  ];
  return (
    <>
      <section aria-labelledby="fv-headline">
        <Title order={2} size="h3" id="fv-headline" mb="sm">
          {t('flagValidation.headline')}
        </Title>
        <Group gap="xl" data-testid="fv-headline">
          {(['students', 'known', 'atRisk'] as const).map((k) => (
            <div key={k}>
              <Text fz="sm">{t(`flagValidation.counts.${k}`)}</Text>
              <Text fz="xl" fw={700}>
                {formatNumber(f[k], lang)}
              </Text>
            </div>
          ))}
        </Group>
        <Text fz="sm" mt="xs" maw={800}>
          {t('flagValidation.atRiskRule')}
        </Text>
      </section>
      <Paper withBorder p="md" component="section" aria-labelledby="fv-flags">
        <Title order={2} size="h3" id="fv-flags" mb="sm">
          {t('flagValidation.flagsTitle')}
        </Title>
        <FlagTable flags={f.flags} />
        <Text fz="sm" maw={800}>
          {t('flagValidation.suggestionRule')}
        </Text>
        {data.canChangeThresholds && (
          <Anchor component={Link} to="/watch-list/thresholds" fz="sm">
            {t('flagValidation.changeThresholds')}
          </Anchor>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="fv-compare">
        <Title order={2} size="h3" id="fv-compare" mb="sm">
          {compareCaption}
        </Title>
        <TableScroll label={compareCaption} minWidth={1000}>
          <Table striped data-testid="fv-compare">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('flagValidation.rule')}</Table.Th>
                <PointHeads />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.label}>
                  <Table.Th scope="row" fw={400}>
                    {r.label}
                  </Table.Th>
                  <PointCells point={r.point} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Text data-testid="fv-score">
          {data.riskScore
            ? t('flagValidation.scoreAuc', {
                auc: formatNumber(data.riskScore.aucMean, lang, 2),
                sd: formatNumber(data.riskScore.aucSd, lang, 2),
              })
            : t('flagValidation.noScore')}{' '}
          {bestAuc?.roc.auc != null &&
            t('flagValidation.bestAuc', {
              name: best(bestAuc.key),
              auc: formatNumber(bestAuc.roc.auc, lang, 2),
            })}
        </Text>
      </Paper>
      <RocSection flags={f.flags} />
      <Accordion variant="contained">
        <Accordion.Item value="fairness">
          <Accordion.Control>{t('flagValidation.fairness.title')}</Accordion.Control>
          <Accordion.Panel>
            <Stack>
              <Text fz="sm" maw={800}>
                {t('flagValidation.fairness.intro')}
              </Text>
              <FairnessTable dimension={f.fairness.gender} name="gender" />
              <FairnessTable dimension={f.fairness.gradeBand} name="gradeBand" />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </>
  );
}
