import type { TProgrammeFigures, TReportCell } from '../../../common/api/reports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { findPeriods, type ResolvedPeriod } from './periods.ts';
import * as repo from './repo.ts';
import { presentOrg, presentPeriod, reportScope } from './scope.ts';
import { type Figure, type Group, suppress } from './suppress.ts';

/**
 * GET /api/reports/programme: the programme's published figures (as domain-notes §5 lists them: IAPs,
 * pupils with IAPs, institutions, municipalities) for every school year and semester the calendar
 * has, for the organisation and, for the nation, for each municipality.
 *
 * IAPs are plans approved at least once (`iaps`); pupils with IAPs are the distinct students behind
 * those plans (the `students` of the `iaps` figure); institutions and municipalities are
 * `schools_taking_part` and `municipalities_taking_part`.
 */

type Row = TProgrammeFigures['rows'][number];
const FIGURES = ['iaps', 'pupils', 'schools', 'municipalities'] as const;
const UNITS: Record<(typeof FIGURES)[number], string> = {
  iaps: 'plans',
  pupils: 'students',
  schools: 'schools',
  municipalities: 'municipalities',
};

const cell = (value: number): TReportCell => ({ key: '', value, students: null, suppressed: false });

function rowsOf(periods: ResolvedPeriod[], figures: repo.FigureRow[], orgId: string): Row[] {
  return periods.map((p) => {
    const get = (indicator: string) =>
      figures.find(
        (f) => f.org_id === orgId && f.period === p.code && f.indicator === indicator && f.key === '',
      );
    const iaps = get('iaps');
    return {
      period: presentPeriod(p),
      iaps: cell(iaps?.value ?? 0),
      pupils: cell(iaps?.students ?? 0),
      schools: cell(get('schools_taking_part')?.value ?? 0),
      municipalities: cell(get('municipalities_taking_part')?.value ?? 0),
    };
  });
}

/**
 * The auditor's suppression: each figure of each period is a group of the municipalities' cells and
 * what is left for the state vocational schools (never shown, but derivable), with the nation's as
 * the total; an organisation without municipalities below has its cells checked one by one.
 */
function suppressProgramme(a: TProgrammeFigures): void {
  const groups: Group[] = [];
  const loose: { unit: string; figure: Figure }[] = [];
  a.rows.forEach((row, i) => {
    for (const f of FIGURES) {
      if (a.byMunicipality.length === 0) {
        loose.push({ unit: UNITS[f], figure: row[f] });
        continue;
      }
      const members: Figure[] = a.byMunicipality.map((m) => m.rows[i][f]);
      const rest = (row[f].value ?? 0) - members.reduce((s, m) => s + (m.value ?? 0), 0);
      members.push({ value: Math.max(rest, 0), students: null, suppressed: false });
      groups.push({ unit: UNITS[f], members, total: row[f] });
    }
  });
  suppress(groups, [], loose);
}

export async function getProgramme(
  ctx: RequestContext,
  q: { org?: string },
  tx: Db,
): Promise<TProgrammeFigures> {
  const scope = await reportScope(ctx, tx, q.org);
  const periods = await findPeriods(tx);
  const municipalities =
    scope.org.type === 'nation'
      ? (await repo.findChildren(tx, scope.org.id)).filter((c) => c.type === 'municipality')
      : [];
  const figures = await repo.findFigureRows(
    tx,
    periods.map((p) => p.code),
    [scope.org.id, ...municipalities.map((m) => m.id)],
    ['iaps', 'schools_taking_part', 'municipalities_taking_part'],
  );
  const answer: TProgrammeFigures = {
    org: presentOrg(scope.org),
    suppressed: scope.suppressed,
    rows: rowsOf(periods, figures, scope.org.id),
    byMunicipality: municipalities.map((m) => ({ org: presentOrg(m), rows: rowsOf(periods, figures, m.id) })),
  };
  if (scope.suppressed) suppressProgramme(answer);
  return answer;
}
