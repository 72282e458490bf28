import { describe, expect, it } from 'vitest';
import { groupByStatement, parseExplainLog, redactLiterals } from './slow-statements.ts';

const LOG = [
  '2026-12-04 17:10:59.734 UTC [12448] postgres@pumpurs_bench_a LOG:  duration: 72.5 ms  plan:',
  '\tQuery Text: select s.id',
  '\t  from students s where s.last_name like $1',
  '\tLimit  (cost=0.00..77.84 rows=1 width=48) (actual rows=5 loops=1)',
  '\t  ->  Seq Scan on students s  (cost=0.00..77.84 rows=1 width=48) (actual rows=5 loops=1)',
  "\t        Filter: ((last_name ~~ 'Ozol%'::text) AND (status = 'enrolled'::text))",
  '2026-12-04 17:11:00.001 UTC [12449] postgres@other_db LOG:  duration: 900.0 ms  plan:',
  '\tQuery Text: select 1',
  '\tResult  (cost=0.00..0.01 rows=1 width=4) (actual rows=1 loops=1)',
  '2026-12-04 17:11:00.100 UTC [12448] postgres@pumpurs_bench_a LOG:  duration: 51.0 ms  plan:',
  '\tQuery Text: select s.id',
  '\t  from students s where s.last_name like $1',
  '\tLimit  (cost=0.00..77.84 rows=1 width=48) (actual rows=0 loops=1)',
  '2026-12-04 17:11:01.000 UTC [2205] LOG:  checkpoint starting: time',
].join('\n');

describe('slow statements from the auto_explain log', () => {
  it("keeps only the bench database's entries and splits the query text from the plan", () => {
    const entries = parseExplainLog(LOG, 'pumpurs_bench_a');
    expect(entries).toHaveLength(2);
    expect(entries[0].ms).toBe(72.5);
    expect(entries[0].query).toBe('select s.id from students s where s.last_name like $1');
    expect(entries[0].plan.split('\n')[0]).toMatch(/^Limit/);
    expect(entries[0].plan).toContain('Seq Scan on students');
  });

  it('groups executions of one statement, slowest plan kept, literals that may be personal redacted', () => {
    const [group] = groupByStatement(parseExplainLog(LOG, 'pumpurs_bench_a'));
    expect(group.count).toBe(2);
    expect(group.maxMs).toBe(72.5);
    expect(group.totalMs).toBeCloseTo(123.5);
    expect(group.plan).not.toContain('Ozol');
    expect(group.plan).toContain("'enrolled'");
  });

  it('counts executions under the stage whose stretch of the log holds them', () => {
    const entries = parseExplainLog(LOG, 'pumpurs_bench_a');
    const [group] = groupByStatement([
      { ...entries[0], stage: '100' },
      { ...entries[1], stage: '1000' },
    ]);
    expect(group.byStage).toEqual({ '100': 1, '1000': 1 });
  });

  it('redacts ids, dates and names but keeps lower-case status words', () => {
    expect(redactLiterals("id = '0b9d…-12' and on_date = '2026-09-01' and status = 'in_progress'")).toBe(
      "id = '…' and on_date = '…' and status = 'in_progress'",
    );
  });
});
