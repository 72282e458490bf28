import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { evaluateFlagsCommand } from './cli-evaluate.ts';

/** `cli evaluate-flags` as an operator runs it (through tsx, as the sources; npm run cli runs the build). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CSV = 'test/fixtures/early-warning/student-por.csv';
const FOLDS = 'test/fixtures/early-warning/folds-student-por.json';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'evaluate-flags', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run cli -- evaluate-flags', () => {
  it('prints the JSON report with the published figures for setups A, B and C', () => {
    const run = cli('--uci-student', CSV, '--folds', FOLDS, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.folds.source).toBe('file');
    const naive = ['A', 'B', 'C'].map((s) => json.setups[s].naive_accuracy.toFixed(1));
    expect(naive).toEqual(['89.7', '87.5', '84.6']);
    expect(json.setups.A.roc_auc.mean).toBeGreaterThanOrEqual(0.961);
    expect(json.setups.B.roc_auc.mean).toBeGreaterThanOrEqual(0.939);
    expect(json.setups.C.roc_auc.mean).toBeGreaterThanOrEqual(0.705);
    for (const s of ['A', 'B', 'C'])
      for (const key of ['roc_auc', 'pr_auc', 'precision_top10', 'recall', 'f1'])
        expect(json.setups[s][key]).toEqual({ mean: expect.any(Number), sd: expect.any(Number) });
    expect(json.setups.A.flags.attendance.measurable).toBe(false);
    expect(json.setups.A.flag_set).toMatchObject({ flags: ['low_marks'], at_least_best_single: true });
    expect(json.setups.A.fairness.score.F.recall.ci95).toHaveLength(2);
  }, 60_000);

  it('exits 2 naming the line of a file that is not the data set', () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), 'evaluate-flags-')), 'bad.csv');
    writeFileSync(bad, 'school;sex\n"GP";"F"\n');
    const run = cli('--uci-student', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.csv: line 1: the header is not the UCI Student Performance header/);
    expect(run.stdout).toBe('');
  }, 60_000);
});

/** The same command in this process (each spawn above compiles the whole CLI: a few seconds). */
function inProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => {
    err.push(parts.join(' '));
  });
  try {
    const code = evaluateFlagsCommand(args);
    return { code, stdout: out.join(''), stderr: err.join('\n') };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}

describe('evaluateFlagsCommand', () => {
  const csv = path.join(ROOT, CSV);

  it('prints aligned tables by default, naming the sensitivity check when asked for it', () => {
    const text = inProcess('--uci-student', csv, '--absences-as', 'unjustified');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/SENSITIVITY CHECK, NOT THE DEFAULT/);
    expect(text.stdout).toMatch(/Folds: stratified, seed 20240601, 10 repeats × 5 folds/);
    expect(text.stdout).toMatch(/accuracy over all 649 rows: 89\.7 %/);
    expect(text.stdout).toMatch(/^ {2}low_marks {5}on {7}89 {2}56 {2}493 {2}11 {2}0\.61 \(0\.53–0\.69\)/m);
  });

  it('exits 2 for folds that do not fit, a missing file and bad arguments', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'evaluate-flags-'));
    const folds = path.join(dir, 'folds.json');
    writeFileSync(folds, JSON.stringify({ fold_of_row: [[0, 1]] }));
    const wrongFolds = inProcess('--uci-student', csv, '--folds', folds);
    expect(wrongFolds.code).toBe(2);
    expect(wrongFolds.stderr).toMatch(/folds\.json: fold_of_row\[0\] has 2 rows where the data set has 649/);
    const missing = inProcess('--uci-student', path.join(dir, 'missing.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*missing\.csv: ENOENT/);
    expect(inProcess('--uci-student', dir).stderr).toMatch(/is not a file/);
    expect(inProcess().code).toBe(2);
    expect(inProcess('--uci-student', csv, '--absences-as', 'justified').code).toBe(2);
    expect(inProcess('--uci-student').stderr).toMatch(/--uci-student needs a value/);
    expect(inProcess('--uci-student', csv, '--bogus').stderr).toMatch(/unknown argument: --bogus/);
  });
});
