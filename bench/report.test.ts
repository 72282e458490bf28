import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertSection } from './report.ts';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-report-'));
  dirs.push(dir);
  return path.join(dir, 'BENCH.md');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('insertSection', () => {
  it('puts a new section above the newest dated one', () => {
    const file = tempFile();
    writeFileSync(file, '# Title\n\nIntro.\n\n## 2026-01-01 — old\n\nold figures\n');
    insertSection(file, '## 2026-12-04 — new\n\nnew figures\n');
    const text = readFileSync(file, 'utf8');
    expect(text.indexOf('## 2026-12-04 — new')).toBeGreaterThan(text.indexOf('Intro.'));
    expect(text.indexOf('## 2026-12-04 — new')).toBeLessThan(text.indexOf('## 2026-01-01 — old'));
  });

  it('starts a file that does not exist yet (--output elsewhere)', () => {
    const file = tempFile();
    insertSection(file, '## 2026-12-04 — new\n\nnew figures\n');
    expect(readFileSync(file, 'utf8')).toMatch(/^# Pumpurs benchmarks\n\n## 2026-12-04 — new/);
  });
});
