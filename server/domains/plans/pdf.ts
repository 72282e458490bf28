import type { TPlan } from '../../../common/api/plans.ts';
import { formatDate, formatEuro } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';
import { now } from '../../platform/clock.ts';
import { type KeysUnder, type MessageParams, t as tr } from '../../platform/i18n/index.ts';
import { renderPdf } from '../../platform/pdf.ts';

/** dd.mm.yyyy hh:mm in Latvia's time (Europe/Riga), whatever the server's time zone. */
export function rigaDateTime(at: string | Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Riga',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(typeof at === 'string' ? new Date(at) : at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The moves of the approval (submitted, approved or returned at a level), oldest first. */
const APPROVAL_ACTIONS = ['submit', 'approve', 'return'] as const;
type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];
const isApprovalAction = (a: string): a is ApprovalAction =>
  (APPROVAL_ACTIONS as readonly string[]).includes(a);
const LEVELS = ['director', 'municipality', 'expert'] as const;
type Level = (typeof LEVELS)[number];
const isLevel = (l: string | null): l is Level => l !== null && (LEVELS as readonly string[]).includes(l);

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
  const provider = (m: TPlan['content']['measures'][number]) =>
    (m.providerId && plan.peopleNames[m.providerId]) || t('noProvider');
  const history = plan.history
    .filter((e) => isApprovalAction(e.action))
    .sort((a, b) => a.at.localeCompare(b.at));
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
          widths: ['*', 100, 70, '*'],
          body: [
            [t('kind'), t('provider'), t('planned'), t('justification')].map((h) => ({
              text: h,
              bold: true,
            })),
            ...plan.content.measures.map((m) => [
              `${t(`kinds.${m.kind}`)}: ${labels.measure(m)}`,
              provider(m),
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
      { text: t('approvalHistory'), fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
      history.length === 0
        ? { text: t('noHistory'), margin: [0, 0, 0, 12] }
        : {
            table: {
              headerRows: 1,
              widths: [95, 110, '*', '*'],
              body: [
                [t('historyWhen'), t('historyAction'), t('historyLevel'), t('historyWho')].map((h) => ({
                  text: h,
                  bold: true,
                })),
                ...history.map((e) => [
                  rigaDateTime(e.at),
                  isApprovalAction(e.action) ? t(`historyActions.${e.action}`) : e.action,
                  isLevel(e.level) ? t(`levels.${e.level}`) : '—',
                  e.actorName ?? '—',
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
            margin: [0, 0, 0, 12],
          },
      { text: t('sign'), fontSize: 13, bold: true, margin: [0, 10, 0, 12] },
      ...[
        t('studentSign'),
        t('guardian'),
        plan.preparerName ? `${t('preparerSign')} (${plan.preparerName})` : t('preparerSign'),
        t('directorSign'),
        t('coordinator'),
      ].map((who) => ({
        columns: [
          { text: t('signatureLine', { who }), width: '*' },
          { text: t('dateLine'), width: 160 },
        ],
        margin: [0, 0, 0, 18],
      })),
    ],
    footer: (page: number, pages: number) => ({
      text: `${plan.code} · ${formatDate(now())} · ${t('pageOf', { page, pages })}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
  };
  return renderPdf(doc);
}
