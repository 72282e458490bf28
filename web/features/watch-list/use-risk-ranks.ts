import { useQueries } from '@tanstack/react-query';
import type { TRiskContributor, TRiskRanks } from '../../../common/api/risk-score.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** One student's place in the school's order by the advisory risk score. */
export interface RiskRank {
  rank: number;
  /** Students of the school with indicators in the semester. */
  total: number;
  contributors: TRiskContributor[];
}

/** What the watch list needs of the ranks: each student's, and whether a fit exists at all. */
export interface RiskRanksView {
  byStudent: Map<string, RiskRank>;
  /** False when the answers say no fit exists (then the column is empty and a note says why). */
  fitted: boolean;
  /** True until every school's answer came. */
  pending: boolean;
}

/**
 * The ranks of the schools on the page (one request per school: a rank is within its school), for
 * the semester shown. `enabled` is false for a caller without the watch list.
 */
export function useRiskRanks(
  schoolIds: string[],
  semesterId: string | null,
  enabled: boolean,
): RiskRanksView {
  const results = useQueries({
    queries: [...new Set(schoolIds)].sort().map((schoolId) => ({
      queryKey: ['risk-score', 'ranks', schoolId, semesterId],
      queryFn: () => api.get<TRiskRanks>(`/api/risk-score/ranks${toQueryString({ schoolId, semesterId })}`),
      enabled: enabled && semesterId !== null,
      staleTime: 60_000,
    })),
  });
  const byStudent = new Map<string, RiskRank>();
  let fitted = false;
  for (const r of results) {
    if (!r.data) continue;
    if (r.data.fittedAt) fitted = true;
    for (const item of r.data.items)
      byStudent.set(item.studentId, {
        rank: item.rank,
        total: r.data.total,
        contributors: item.contributors,
      });
  }
  return { byStudent, fitted, pending: results.some((r) => r.isPending && r.fetchStatus !== 'idle') };
}
