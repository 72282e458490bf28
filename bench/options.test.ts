import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './options.ts';

describe('bench options', () => {
  it('defaults to the four rates, 20 s stages and the 22,000-student generated set', () => {
    const o = parseBenchOptions([], {});
    expect(o.rates).toEqual([100, 200, 500, 1000]);
    expect(o.stageSeconds).toBe(20);
    expect(o).toMatchObject({ data: 'generate', students: 22_000, schools: 80, output: 'BENCHMARKS.md' });
    expect(o.adminUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
  });

  it('--quick makes the set and the stages small, unless sizes are given', () => {
    expect(parseBenchOptions(['--quick'], {})).toMatchObject({
      students: 3000,
      schools: 10,
      stageSeconds: 5,
    });
    expect(parseBenchOptions(['--quick', '--students', '220000', '--schools', '800'], {})).toMatchObject({
      students: 220_000,
      schools: 800,
    });
  });

  it('reads rates, the database URL from the environment, and --no-write', () => {
    const o = parseBenchOptions(['--rates', '50, 75', '--no-write'], {
      BENCH_DATABASE_URL: 'postgres://x/y',
    });
    expect(o.rates).toEqual([50, 75]);
    expect(o.adminUrl).toBe('postgres://x/y');
    expect(o.output).toBeNull();
  });

  it('refuses a bad number, an unknown option and a database name that is not plain', () => {
    expect(() => parseBenchOptions(['--students', '-5'], {})).toThrow(/--students/);
    expect(() => parseBenchOptions(['--what'], {})).toThrow();
    expect(() => parseBenchOptions(['--reuse', 'x; drop'], {})).toThrow(/--reuse/);
  });
});
