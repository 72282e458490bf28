import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classListCsv, classListRows } from '../test/fixtures.ts';

/** Runs the command-line import of a 20,000-row class list into school 1 and reports the times. */
export function benchStudentImport(label: string, env: Record<string, string>): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-import-'));
  const file = path.join(dir, 'klase-20000.csv');
  writeFileSync(file, classListCsv(classListRows(20_000, 11)));
  try {
    const run = () => {
      const started = performance.now();
      const res = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/cli.ts', 'import', 'students', '--school', 'ZIEM-S1', file],
        {
          env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        },
      );
      const wall = performance.now() - started;
      if (res.status !== 0) throw new Error(`import failed: ${res.stdout}${res.stderr}`);
      const inner = /in (\d+) ms/.exec(res.stdout)?.[1];
      return { wall, inner: Number(inner) };
    };
    const first = run();
    console.log(
      `| ${label} | import 20,000 new students (CLI: parse, check, commit; process wall time) | ${(first.inner / 1000).toFixed(1)} s (${(first.wall / 1000).toFixed(1)} s wall) |`,
    );
    const again = run();
    console.log(
      `| ${label} | re-import the same 20,000 rows (all unchanged) | ${(again.inner / 1000).toFixed(1)} s (${(again.wall / 1000).toFixed(1)} s wall) |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
