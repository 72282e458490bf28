import { nowMs } from '../../platform/clock.ts';

/**
 * Start-page counts of scopes wider than one school (a municipality, the nation), kept for a
 * minute in this process: counting them reads every indicator row of the scope, which grows with
 * the country. A school's counts are always exact (they are not cached).
 */
export const SUMMARY_CACHE_MS = 60_000;
const MAX_ENTRIES = 500;
const entries = new Map<string, { at: number; value: unknown }>();

/** The cached value for `key` when younger than SUMMARY_CACHE_MS, else `compute()`'s, kept. */
export async function cachedSummary<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  const at = nowMs();
  if (hit && at - hit.at >= 0 && at - hit.at < SUMMARY_CACHE_MS) return hit.value as T;
  const value = await compute();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(key, { at, value });
  return value;
}
