import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import * as repo from './repo.ts';
import type { SystemTaskFilter, SystemTaskSource } from './system-types.ts';

const sources = new Map<string, SystemTaskSource>();

/**
 * Adds (or replaces) the source of one kind of system task. Domains that build on tasks register
 * theirs in the composition root (server/wiring.ts), e.g.
 * `registerSystemTaskSource('referral_overdue', findOverdueReferralTaskCandidates)`.
 */
export function registerSystemTaskSource(kind: string, source: SystemTaskSource): void {
  sources.set(kind, source);
}

/** The kinds that have a source (for tests). */
export function systemTaskKinds(): string[] {
  return [...sources.keys()];
}

/**
 * Brings the system tasks up to date with their conditions: for each kind, an open task for every
 * candidate (by system key), and the open tasks of that kind within `filter` whose condition no
 * longer holds are marked done automatically (done_by null). With a filter (the caller's own tasks)
 * it stays cheap; without one it covers everyone (the hourly run).
 */
export async function reconcileSystemTasks(
  tx: Db,
  today: string,
  filter: SystemTaskFilter = {},
): Promise<void> {
  for (const [kind, source] of sources) {
    const candidates = (await source(tx, today, filter)).filter((c) => c.kind === kind);
    await repo.upsertSystemTasks(tx, kind, candidates);
    await repo.closeSystemTasksNotIn(
      tx,
      kind,
      candidates.map((c) => c.systemKey),
      filter,
      now(),
    );
  }
}
