import { PARTNER_KINDS } from '../../../common/api/organisations.ts';
import type { Language } from '../../../common/roles.ts';
import { INVENTORY, type InventoryTable, PURPOSES } from './inventory/index.ts';
import { retentionClasses } from './retention.ts';
import { ROPA_LISTS, ropaText } from './ropa-texts.ts';
import type { RetentionSettings } from './settings.ts';

/** One processing activity (one purpose) of the record. */
export interface RopaActivity {
  purpose: string;
  name: string;
  subjects: string[];
  categories: string[];
  legalBases: string[];
  retention: string[];
  tables: string[];
}

/** The record of processing activities (GDPR Art. 30(1)), generated from the data inventory. */
export interface Ropa {
  language: Language;
  controller: string;
  activities: RopaActivity[];
  recipients: string[];
  transfers: string;
  retention: { code: string; period: string; rule: string; source: string }[];
  security: string[];
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/** Builds the record from the inventory, the retention settings and the fixed texts, in one language. */
export function buildRopa(
  language: Language,
  settings: RetentionSettings,
  inventory: readonly InventoryTable[] = INVENTORY,
): Ropa {
  const activities: RopaActivity[] = [];
  for (const purpose of PURPOSES) {
    const rows = inventory.flatMap((t) =>
      Object.values(t.columns)
        .filter((c) => c.purpose === purpose)
        .map((c) => ({ table: t.table, ...c })),
    );
    if (rows.length === 0) continue;
    const personal = rows.filter((r) => r.subject !== 'none');
    activities.push({
      purpose,
      name: ropaText(language, `purpose.${purpose}`),
      subjects: uniq(personal.map((r) => r.subject))
        .sort()
        .map((s) => ropaText(language, `subject.${s}`)),
      categories: uniq(rows.map((r) => r.category))
        .sort()
        .map((c) => ropaText(language, `category.${c}`)),
      legalBases: uniq(rows.flatMap((r) => r.bases))
        .filter((b) => b !== 'none')
        .sort()
        .map((b) => ropaText(language, `basis.${b}`)),
      retention: uniq(rows.map((r) => r.retention)).sort(),
      tables: uniq(rows.map((r) => r.table)).sort(),
    });
  }
  return {
    language,
    controller: ropaText(language, 'controller'),
    activities,
    recipients: [
      ...PARTNER_KINDS.map(
        (k) => `${ropaText(language, `partner.${k}`)} (${ropaText(language, 'referrals')})`,
      ),
      ...ROPA_LISTS.otherRecipients.map((k) => ropaText(language, `otherRecipients.${k}`)),
    ],
    transfers: ropaText(language, 'transfers'),
    retention: retentionClasses(settings).map((c) => ({
      code: c.code,
      period: c.period[language],
      rule: c.rule[language],
      source: c.source[language],
    })),
    security: ROPA_LISTS.security.map((k) => ropaText(language, `security.${k}`)),
  };
}

const cell = (s: string) => s.replaceAll('|', '\\|');

/** The record as Markdown (docs/record-of-processing.md is this, in English, with the default settings). */
export function renderRopaMarkdown(r: Ropa): string {
  const h = (key: string) => ropaText(r.language, `head.${key}`);
  const out = [
    `# ${h('title')}`,
    '',
    `> ${h('note')}`,
    '',
    `## ${h('controller')}`,
    '',
    r.controller,
    '',
    `## ${h('activities')}`,
    '',
  ];
  for (const a of r.activities) {
    out.push(`### ${a.name}`, '');
    out.push(`- **${h('subjects')}:** ${a.subjects.join('; ') || '—'}`);
    out.push(`- **${h('categories')}:** ${a.categories.join('; ')}`);
    out.push(`- **${h('bases')}:** ${a.legalBases.join('; ') || '—'}`);
    out.push(`- **${h('retention')}:** ${a.retention.map((c) => `\`${c}\``).join(', ')}`);
    out.push(`- **${h('tables')}:** ${a.tables.map((t) => `\`${t}\``).join(', ')}`, '');
  }
  out.push(`## ${h('recipients')}`, '', ...r.recipients.map((x) => `- ${x}`), '');
  out.push(`## ${h('transfers')}`, '', r.transfers, '');
  out.push(
    `## ${h('periods')}`,
    '',
    `| ${h('cls')} | ${h('period')} | ${h('rule')} | ${h('source')} |`,
    '|---|---|---|---|',
  );
  for (const c of r.retention)
    out.push(`| \`${c.code}\` | ${cell(c.period)} | ${cell(c.rule)} | ${cell(c.source)} |`);
  out.push('', `## ${h('security')}`, '', ...r.security.map((x) => `- ${x}`), '');
  return out.join('\n');
}
