import { describe, expect, it } from 'vitest';
import { defaultSemesters, schoolYearOf } from './service.ts';

describe('school years', () => {
  it('names a school year by the calendar year its September falls in', () => {
    expect(schoolYearOf('2029-09-01')).toBe(2029);
    expect(schoolYearOf('2029-12-31')).toBe(2029);
    expect(schoolYearOf('2030-01-01')).toBe(2029);
    expect(schoolYearOf('2030-07-15')).toBe(2029);
    expect(schoolYearOf('2030-08-31')).toBe(2029);
  });

  it('creates a year with the seeded calendar’s dates: 1 Sep – 31 Dec and 1 Jan – 31 May', () => {
    expect(defaultSemesters(2031)).toEqual([
      { schoolYear: 2031, number: 1, startsOn: '2031-09-01', endsOn: '2031-12-31' },
      { schoolYear: 2031, number: 2, startsOn: '2032-01-01', endsOn: '2032-05-31' },
    ]);
  });
});
