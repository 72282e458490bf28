import { describe, expect, it } from 'vitest';
import { leaksInAnswer, pinnedCells } from '../../../test/report-attacker.ts';
import { type Figure, type Group, isCountUnit, primarySuppressed, suppress } from './suppress.ts';

const fig = (value: number | null, students: number | null = null): Figure => ({
  value,
  students,
  suppressed: false,
});
const group = (unit: string, values: number[], total = values.reduce((a, b) => a + b, 0)): Group => ({
  unit,
  members: values.map((v) => fig(v, v)),
  total: fig(total, null),
});

describe('primary suppression', () => {
  it('hides a count from 1 to 4 and keeps 0 and 5', () => {
    expect([0, 1, 4, 5].map((v) => primarySuppressed('students', fig(v)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
  it('hides an amount resting on 1 to 4 students, whatever its size', () => {
    expect(primarySuppressed('hours', fig(120, 3))).toBe(true);
    expect(primarySuppressed('cents', fig(2, 9))).toBe(false);
    expect(primarySuppressed('mark', fig(7.5, null))).toBe(false);
  });
  it('blanks the value and the students of what it hides', () => {
    const f = fig(3, 3);
    suppress([], [], [{ unit: 'students', figure: f }]);
    expect(f).toEqual({ value: null, students: null, suppressed: true });
  });
});

describe('secondary suppression', () => {
  it('hides the next smallest cell when one cell alone would be the total minus the rest', () => {
    const g = group('plans', [3, 12, 7, 40]);
    suppress([g]);
    expect(g.members.map((m) => m.suppressed)).toEqual([true, false, true, false]);
    expect(g.total?.value).toBe(62);
  });
  it('hides more while the suppressed cells sum to less than 5', () => {
    const g = group('students', [1, 2, 30, 31]);
    suppress([g]);
    expect(g.members.filter((m) => m.suppressed).length).toBe(3);
  });
  it('hides the total when no visible cell is left', () => {
    const g = group('students', [2, 1]);
    suppress([g]);
    expect(g.total?.suppressed).toBe(true);
  });
  it('hides the same figure in both places it is shown', () => {
    const column = group('students', [2, 9, 11]);
    const headline = fig(22, 22);
    const own = column.total as Figure;
    suppress([column], [[own, headline]]);
    // The column's suppression (2 and 9) leaves the total visible, so the headline stays visible too.
    expect(headline.suppressed).toBe(own.suppressed);
    const other = group('students', [1, 0]);
    const twin = fig(1, 1);
    suppress([other], [[other.total as Figure, twin]]);
    expect(twin).toEqual({ value: null, students: null, suppressed: true });
  });
  it('leaves a group with no small figure alone', () => {
    const g = group('referrals', [5, 6, 7]);
    suppress([g]);
    expect(g.members.some((m) => m.suppressed) || g.total?.suppressed).toBe(false);
  });
});

describe('the attacker', () => {
  // Random groups of counts, many with small cells: no suppressed cell may be derivable.
  it('pins no suppressed cell in 3,000 random groups', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      const values = Array.from({ length: 1 + rand(7) }, () => (rand(3) === 0 ? rand(5) : rand(40)));
      const g = group('students', values);
      suppress([g]);
      const seen = g.members.map((m) => ({ value: m.value, suppressed: m.suppressed }));
      expect(pinnedCells(seen, g.total), JSON.stringify(values)).toEqual([]);
    }
  });
  it('would pin a lone suppressed cell (the attacker works)', () => {
    expect(
      pinnedCells(
        [
          { value: null, suppressed: true },
          { value: 9, suppressed: false },
        ],
        { value: 12, suppressed: false },
      ),
    ).toEqual([0]);
  });
  it('finds the leaks of an answer that was not protected', () => {
    const hidden = { value: null, students: null, suppressed: true };
    const leaks = leaksInAnswer(
      {
        indicators: [
          {
            code: 'plans_by_status',
            unit: 'plans',
            cells: [
              { key: 'draft', ...hidden },
              { key: 'approved', value: 9, students: 9, suppressed: false },
            ],
            total: { value: 12, suppressed: false },
          },
          { code: 'students_flagged', unit: 'students', cells: [{ key: '', ...hidden }], total: null },
        ],
        children: [{ cells: [{ key: 'students_flagged', value: 9, suppressed: false }] }],
        childrenTotal: [{ key: 'students_flagged', value: 9, suppressed: false }],
      },
      isCountUnit,
    );
    expect(leaks).toEqual(['plans_by_status draft: pinned', 'students_flagged: hidden in one place only']);
  });
});
