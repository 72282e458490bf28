import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INVENTORY } from './inventory/index.ts';
import { buildRopa, renderRopaMarkdown } from './ropa.ts';
import { DEFAULT_RETENTION, parseRetentionSettings } from './settings.ts';

describe('the record of processing activities', () => {
  it('docs/record-of-processing.md is up to date with the inventory (regenerate: npx tsx server/cli.ts ropa --format md > docs/record-of-processing.md)', () => {
    const committed = readFileSync('docs/record-of-processing.md', 'utf8');
    expect(committed).toBe(renderRopaMarkdown(buildRopa('en', DEFAULT_RETENTION)));
  });

  it('names every table of the inventory under a purpose, in both languages', () => {
    for (const lang of ['lv', 'en'] as const) {
      const ropa = buildRopa(lang, DEFAULT_RETENTION);
      const tables = new Set(ropa.activities.flatMap((a) => a.tables));
      for (const t of INVENTORY) expect(tables.has(t.table), t.table).toBe(true);
      expect(ropa.retention).toHaveLength(8);
    }
  });

  it('reads the retention settings from the environment and refuses bad ones', () => {
    expect(parseRetentionSettings({ PUMPURS_RETENTION_CASE_YEARS: '7' }).caseYears).toBe(7);
    expect(() => parseRetentionSettings({ PUMPURS_RETENTION_CASE_YEARS: 'seven' })).toThrow(/CASE_YEARS/);
    expect(() => parseRetentionSettings({ PUMPURS_RETENTION_PROGRAMME_UNTIL: '2034-13' })).toThrow(
      /PROGRAMME_UNTIL/,
    );
  });
});
