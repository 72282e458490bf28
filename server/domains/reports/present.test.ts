import { describe, expect, it } from 'vitest';
import { buildIndicators } from './present.ts';
import type { FigureRow } from './repo.ts';
import { defuse } from './tables.ts';

const row = (indicator: string, key: string, value: number, students: number | null = value): FigureRow => ({
  period: '2026-1',
  org_id: '00000000-0000-4000-8000-000000000001',
  indicator,
  key,
  value,
  students,
});

describe('the indicators answer', () => {
  it('orders keys as a reader expects them and names partners', () => {
    const partner = '00000000-0000-4000-8000-0000000000aa';
    const list = buildIndicators(
      [
        row('plans_by_status', 'closed', 2),
        row('plans_by_status', 'draft', 5),
        row('plans_by_status', 'approved', 7),
        row('attendance_before_after', 'after', 3.5, 9),
        row('attendance_before_after', 'before', 6.25, 9),
        row('referrals_by_partner', partner, 6),
      ],
      new Map([[partner, 'Bāriņtiesa']]),
    );
    const by = (code: string) => list.find((i) => i.code === code);
    expect(by('plans_by_status')?.cells.map((c) => c.key)).toEqual(['draft', 'approved', 'closed']);
    expect(by('plans_by_status')?.total?.value).toBe(14);
    expect(by('attendance_before_after')?.cells.map((c) => c.key)).toEqual(['before', 'after']);
    expect(by('attendance_before_after')?.total).toBeNull();
    expect(by('referrals_by_partner')?.cells[0].label).toBe('Bāriņtiesa');
    // A one-number indicator without a row yet is a zero; a median without one has no cell.
    expect(by('students_flagged')?.cells).toEqual([{ key: '', value: 0, students: 0, suppressed: false }]);
    expect(by('approval_wait_days')?.cells).toEqual([]);
  });

  it('defuses every text a spreadsheet would run', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(defuse(bad).startsWith("'"), JSON.stringify(bad)).toBe(true);
    expect(defuse('Ziemeļu novads')).toBe('Ziemeļu novads');
  });
});
