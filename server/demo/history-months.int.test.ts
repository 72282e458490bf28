import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectLabelled, figures } from '../../test/demo-history.ts';
import { resetClock, setClock, today } from '../platform/clock.ts';
import { openPglite } from '../platform/db.ts';

/*
 * Issue 15: the demo has a labelled past semester whatever the month it is loaded in. Each case loads
 * a fresh demo into its own PGlite folder (not the test database), so vitest.config.ts runs this file
 * in the PGlite project only: on the PostgreSQL project it would load the same PGlite demos again.
 */
describe('the demo’s labelled semester in any month', () => {
  // A fresh demo with the clock in a spring, a summer and an autumn month: the labelled semester is
  // then the one before the previous (spring, summer) or the previous one (autumn).
  it.each(['03-10', '07-20', '10-05'])(
    'has the labelled semester when loaded on MM-DD = %s of next year',
    async (monthDay) => {
      const { loadDemoIfEmpty } = await import('./seed.ts');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-demo-history-'));
      const on = `${Number(today().slice(0, 4)) + 1}-${monthDay}`;
      setClock(`${on}T09:00:00Z`);
      const database = await openPglite(dir);
      try {
        expect(await loadDemoIfEmpty(database)).toBe(true);
        const f = await figures(database);
        expect(f.labelledYear).toBe(Number(on.slice(0, 4)) - (monthDay >= '09' ? 1 : 2));
        expectLabelled(f);
      } finally {
        await database.close();
        resetClock();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
