import type { TErasureLogRow } from '../../../common/api/privacy.ts';

/** The reason of an erasure in words: a request's category, or the retention job's. */
export function erasureReasonLabel(reason: string, t: (key: string) => string): string {
  return t(`privacy.reasons.${reason}`);
}

/** How many values an erasure cleared, over how many columns (never the values themselves). */
export function clearedTotals(cleared: TErasureLogRow['cleared']): { values: number; columns: number } {
  const counts = Object.values(cleared);
  return { values: counts.reduce((a, b) => a + b, 0), columns: counts.filter((n) => n > 0).length };
}
