import type { TPlan } from '../../../common/api/plans.ts';
import { formatDate, formatEuro } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';
import { now } from '../../platform/clock.ts';
import { type KeysUnder, type MessageParams, t as tr } from '../../platform/i18n/index.ts';
import { renderPdf } from '../../platform/pdf.ts';

/** The plan as a PDF for the guardian, the student and the coordinator to sign. */
export async function planPdf(
  plan: TPlan,
  lang: Language,
  labels: { status: string; measure: (m: TPlan['content']['measures'][number]) => string },
): Promise<Buffer> {
  const t = (key: KeysUnder<'pdf'>, params?: MessageParams) => tr(lang, `pdf.${key}`, params);
  const riskName = (r: TPlan['risks'][number]) =>
    r.nameLv === null ? t('restricted') : `${r.riskCode} ${lang === 'lv' ? r.nameLv : r.nameEn}`;
  const riskById = new Map(plan.risks.map((r) => [r.id, r]));
  const doc = {
    info: { title: t('documentTitle', { code: plan.code }) },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    pageMargins: [40, 40, 40, 50],
    content: [
      { text: t('title'), fontSize: 18, bold: true, margin: [0, 0, 0, 8] },
      {
        table: {
          widths: [120, '*'],
          body: [
            [t('code'), plan.code],
            [t('school'), plan.schoolName],
            [t('student'), plan.studentName],
            [t('cls'), plan.classLabel],
            [t('semester'), plan.semesterLabel],
            [t('status'), labels.status],
            [t('preparer'), plan.preparerName ?? ''],
          ].map(([k, v]) => [{ text: k, bold: true }, v]),
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      { text: t('risks'), fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
      { ul: plan.risks.map((r) => (r.justification ? `${riskName(r)} — ${r.justification}` : riskName(r))) },
      { text: t('goals'), fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      {
        ol: plan.content.goals.map((g) =>
          g.criterion ? t('goalWithCriterion', { goal: g.text, criterion: g.criterion }) : g.text,
        ),
      },
      { text: t('measures'), fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 80, '*'],
          body: [
            [t('kind'), t('planned'), t('justification')].map((h) => ({ text: h, bold: true })),
            ...plan.content.measures.map((m) => [
              `${t(`kinds.${m.kind}`)}: ${labels.measure(m)}`,
              m.kind === 'consultation'
                ? `${m.plannedHours} h`
                : m.kind === 'economic'
                  ? formatEuro(m.plannedCents ?? 0, lang)
                  : '',
              `${m.justification} (${m.riskIds.map((r) => riskById.get(r)?.riskCode ?? '—').join(', ')})`,
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        text: t('totals', {
          hours: plan.totals.consultationHours,
          euros: formatEuro(plan.totals.economicCents, lang),
        }),
        margin: [0, 8, 0, 16],
      },
      { text: t('sign'), fontSize: 13, bold: true, margin: [0, 10, 0, 12] },
      ...[t('guardian'), t('studentSign'), t('coordinator')].map((who) => ({
        columns: [
          { text: t('signatureLine', { who }), width: '*' },
          { text: t('dateLine'), width: 160 },
        ],
        margin: [0, 0, 0, 18],
      })),
    ],
    footer: (page: number, pages: number) => ({
      text: `${plan.code} · ${formatDate(now())} · ${page}/${pages}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
  };
  return renderPdf(doc);
}
