import { sql } from 'drizzle-orm';
import { now } from '../server/platform/clock.ts';
import type { Database } from '../server/platform/db.ts';
import { hashToken } from '../server/platform/tokens.ts';

/** A step-up far beyond any test's clock, so tests of exports, reveals and grants need no dialog. */
export const TEST_STEP_UP_YEARS = 100;

/**
 * Test-only: marks the session of `token` as past its second factor (issue 16), directly in the
 * database, so a signed-in test client never depends on a TOTP code being unused in this step.
 * With `stepUp` (the default) the session is also stepped up for a hundred years.
 */
export async function completeSecondFactorForTest(
  database: Database,
  token: string,
  opts: { stepUp?: boolean } = {},
): Promise<void> {
  const at = now();
  const until = opts.stepUp === false ? null : new Date(at.getTime() + TEST_STEP_UP_YEARS * 365.25 * 86_400_000);
  await database.withTx((tx) =>
    tx.execute(
      sql`UPDATE sessions SET second_factor_at = ${at.toISOString()}::timestamptz,
        step_up_until = ${until?.toISOString() ?? null}::timestamptz
      WHERE id = ${hashToken(token)}`,
    ),
  );
}
