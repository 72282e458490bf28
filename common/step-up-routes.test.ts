import { describe, expect, it } from 'vitest';
import { downloadNeedsStepUp, stepUpRouteOf } from './step-up-routes.ts';

describe('the step-up list as the web reads it', () => {
  it('asks before the bulk exports, with their query strings', () => {
    expect(downloadNeedsStepUp('/api/reports/export.xlsx?orgId=a&period=2026-S1')).toBe(true);
    expect(downloadNeedsStepUp('/api/watch-list.xlsx')).toBe(true);
    expect(downloadNeedsStepUp('/api/students/3f2a%2Db/subject-export?format=pdf')).toBe(true);
  });

  it('lets other downloads through', () => {
    expect(downloadNeedsStepUp('/api/plans/3f2a/pdf?lang=lv')).toBe(false);
    expect(downloadNeedsStepUp('/api/students/3f2a/letters/77/pdf')).toBe(false);
    expect(downloadNeedsStepUp('/api/reports/export.xlsx/extra')).toBe(false);
    expect(downloadNeedsStepUp('/api/reports/exportXxlsx')).toBe(false);
  });

  it('matches the method too, and names the body condition of a route that asks only for some changes', () => {
    expect(stepUpRouteOf('GET', '/api/students/1/reveal-code')).toBeUndefined();
    expect(stepUpRouteOf('post', '/api/students/1/reveal-code')?.path).toBe('/api/students/:id/reveal-code');
    const patch = stepUpRouteOf('PATCH', '/api/users/1');
    expect(patch?.when?.({ active: false })).toBe(true);
    expect(patch?.when?.({ password: 'x' })).toBe(true);
    expect(patch?.when?.({ active: true, firstName: 'Anna' })).toBe(false);
  });
});
