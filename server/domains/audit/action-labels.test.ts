import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EJOURNAL_KINDS } from '../../../common/api/ejournal.ts';
import { EXPORT_FORMATS } from '../../../common/api/reports.ts';
import { TIMESHEET_ENTRY_KINDS } from '../../../common/api/support.ts';

/**
 * Every action string the server writes to the audit log, found in the source: literal actions
 * ('student.read', both arms of a ternary) and the few built from a variable, expanded from the
 * lists they come from. A template the table below does not know fails the test, so a new one must
 * be added here (and labelled).
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const sources = sourceFiles(root).map((f) => ({
  file: path.relative(root, f),
  text: readFileSync(f, 'utf8'),
}));

function planActions(): string[] {
  const workflow = readFileSync(path.join(root, 'domains/plans/workflow.ts'), 'utf8');
  const union = workflow.match(/export type PlanAction =([^;]+);/)?.[1] ?? '';
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

/** Entity types named by the errors that become denied rows (`<type>.access`). */
function deniedEntityTypes(): string[] {
  const found = sources.flatMap((s) => [
    ...s.text.matchAll(/(?:NotFoundError|ForbiddenError)\('([a-z_]+)'/g),
  ]);
  return [...new Set(found.map((m) => m[1]))];
}

const TEMPLATES: Record<string, () => string[]> = {
  'plan.${action}': () => planActions().map((a) => `plan.${a}`),
  'plan.${m.action}': () => planActions().map((a) => `plan.${a}`),
  'ejournal.import_${kind}': () => EJOURNAL_KINDS.map((k) => `ejournal.import_${k}`),
  'ejournal.enter_${kind}': () => EJOURNAL_KINDS.map((k) => `ejournal.enter_${k}`),
  'timesheet.${input.kind}': () => [...TIMESHEET_ENTRY_KINDS, 'adjustment'].map((k) => `timesheet.${k}`),
  '${e.entityType}.access': () => deniedEntityTypes().map((t) => `${t}.access`),
  'report.export_${format}': () => EXPORT_FORMATS.map((f) => `report.export_${f}`),
};

function writtenActions(): { actions: Set<string>; unknownTemplates: string[] } {
  const actions = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const { file, text } of sources) {
    // The value of each `action:` property, up to the end of the line.
    for (const m of text.matchAll(/\baction:\s*([^\n]+)/g)) {
      const value = m[1];
      for (const lit of value.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(lit[1]);
      for (const tpl of value.matchAll(/`([^`]*\$\{[^`]*)`/g)) {
        const expand = TEMPLATES[tpl[1]];
        if (expand) for (const a of expand()) actions.add(a);
        else unknownTemplates.push(`${file}: ${tpl[1]}`);
      }
    }
  }
  return { actions, unknownTemplates };
}

function writtenEntityTypes(): string[] {
  const found = sources.flatMap((s) => [...s.text.matchAll(/\bentityType:\s*'([a-z_]+)'/g)].map((m) => m[1]));
  return [...new Set([...found, ...deniedEntityTypes()])];
}

type Tree = { [key: string]: string | Tree };
function labels(lang: 'lv' | 'en'): Tree {
  return JSON.parse(readFileSync(path.join(root, `../web/i18n/${lang}.json`), 'utf8')) as Tree;
}
function lookup(tree: Tree, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((t, part) => (t as Tree | undefined)?.[part], tree);
}

describe('audit action labels', () => {
  const { actions, unknownTemplates } = writtenActions();

  it('finds the actions the server writes, built ones included', () => {
    expect(unknownTemplates).toEqual([]);
    expect(actions.size).toBeGreaterThan(80);
    for (const a of ['student.read', 'plan.approve', 'ejournal.enter_marks', 'student.access', 'audit.list'])
      expect(actions.has(a), a).toBe(true);
  });

  it('has a Latvian and an English label for every action written to the audit log', () => {
    for (const lang of ['lv', 'en'] as const) {
      const tree = labels(lang);
      const missing = [...actions].filter((a) => typeof lookup(tree, `auditActions.${a}`) !== 'string');
      expect(missing, lang).toEqual([]);
    }
  });

  it('has a Latvian and an English name for every entity type written to the audit log', () => {
    for (const lang of ['lv', 'en'] as const) {
      const tree = labels(lang);
      const missing = writtenEntityTypes().filter(
        (t) => typeof lookup(tree, `entityTypes.${t}`) !== 'string',
      );
      expect(missing, lang).toEqual([]);
    }
  });
});
