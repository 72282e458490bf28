import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { expectLabelled, figures } from '../../test/demo-history.ts';
import { findSemesters } from '../domains/calendar/index.ts';
import { findLabelledRows } from '../domains/risk-score/index.ts';
import { today } from '../platform/clock.ts';
import { demoCalendar, lastCompletedYearsFinalSemester } from './calendar.ts';
import { failChance } from './outcomes.ts';

/*
 * Issue 15: the demo carries a labelled past semester in every month — the last completed school
 * year's final semester has indicators for every demo student and an outcome for each of them
 * (school 1's programme students excepted where the outcomes page's demo leaves one to record), with
 * about 10–20 % of them not having passed the year, most of those flagged.
 */

describe('the demo’s labelled history (issue 15)', () => {
  let own: TestDatabase | null = null;
  afterAll(async () => {
    await own?.drop();
  });

  it('picks the final semester of the school year before the current one', async () => {
    own = await createTestDatabase();
    const year = Number(today().slice(0, 4));
    for (const [on, expected] of [
      [`${year}-10-15`, { schoolYear: year - 1, startsOn: `${year}-01-01` }],
      [`${year + 1}-03-15`, { schoolYear: year - 1, startsOn: `${year}-01-01` }],
      [`${year + 1}-07-15`, { schoolYear: year - 1, startsOn: `${year}-01-01` }],
      [`${year + 1}-09-01`, { schoolYear: year, startsOn: `${year + 1}-01-01` }],
    ] as const) {
      const cal = await (own as TestDatabase).database.withTx((tx) => demoCalendar(tx, on));
      expect({ on, schoolYear: cal.labelled.schoolYear, startsOn: cal.labelled.startsOn }).toEqual({
        on,
        ...expected,
      });
      expect(cal.labelled.startsOn < cal.current.startsOn).toBe(true);
    }
  });

  it('has indicators and an outcome for every demo student in that semester, 10–20 % not passed, today', async () => {
    const f = await figures((own as TestDatabase).database);
    expectLabelled(f);
  });

  it('is what the risk score and the validation read: labelled rows for every student', async () => {
    const database = (own as TestDatabase).database;
    const semesters = await database.read((db) => findSemesters(db));
    const current = semesters.find((s) => s.current) ?? semesters[0];
    const labelled = lastCompletedYearsFinalSemester(semesters, current);
    const rows = await database.read((db) => findLabelledRows(db, labelled, ['/']));
    const known = rows.filter((r) => r.failed !== null);
    expect(known.length).toBeGreaterThan(rows.length * 0.99);
    expect(known.some((r) => r.failed)).toBe(true);
    expect(rows.some((r) => (r.risk.yearsNotPassed ?? 0) > 0)).toBe(true);
  });

  it('draws failing from the indicators', () => {
    const none = { low_marks: 0, unjustified_lessons: 2, mark_average: 7, behaviour_notes: 0 };
    expect(failChance(none)).toBeLessThan(0.1);
    expect(failChance({ ...none, low_marks: 2 })).toBeGreaterThan(0.5);
    expect(failChance({ ...none, unjustified_lessons: 30 })).toBeGreaterThan(0.5);
    expect(failChance({ ...none, low_marks: 6, unjustified_lessons: 40, mark_average: 3 })).toBeLessThan(1);
  });
});
