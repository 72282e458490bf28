import { FLAG_KEYS } from '../../common/api/ejournal.ts';
import type {
  ConfusionReport,
  Evaluation,
  FairnessGroup,
  FairnessReport,
  MeanSd,
  Proportion,
  SetupReport,
} from './evaluate-flags.ts';
import { SETUPS, type Setup } from './mapping.ts';

/**
 * The two outputs of `cli evaluate-flags`: aligned tables for a reader and `--json` for machines. JSON
 * keeps full precision (naive_accuracy in percent, every other figure a proportion 0–1); the text
 * rounds (percent to one decimal, proportions to three).
 */

const KNOWN: Record<Setup, string> = {
  A: 'absences, failures, G1 (previous semester), G2 (current semester)',
  B: 'absences, failures, G1 (current semester)',
  C: 'absences, failures (no marks)',
};

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const dec = (v: number | null) => (v === null ? '—' : v.toFixed(3));
const ci = (p: Proportion) =>
  p.value === null
    ? '—'
    : `${p.value.toFixed(2)} (${(p.low as number).toFixed(2)}–${(p.high as number).toFixed(2)})`;
const ms = (m: MeanSd) => `${dec(m.mean)} ± ${dec(m.sd)}`;

/** Rows of cells as columns padded to the widest cell (numbers right-aligned). */
function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((c, j) => {
      widths[j] = Math.max(widths[j] ?? 0, c.length);
    });
  return rows.map(
    (row) =>
      indent +
      row
        .map((c, j) => (/^[\d.]+$/.test(c) ? c.padStart(widths[j] as number) : c.padEnd(widths[j] as number)))
        .join('  ')
        .trimEnd(),
  );
}

function confusionCells(r: ConfusionReport): string[] {
  const c = r.confusion;
  return [
    String(c.tp),
    String(c.fp),
    String(c.tn),
    String(c.fn),
    ci(r.precision),
    ci(r.recall),
    ci(r.specificity),
    ci(r.accuracy),
  ];
}

function fairnessRows(label: string, f: FairnessReport): string[][] {
  const row = (sex: string, g: FairnessGroup) => [
    label,
    sex,
    String(g.n),
    String(g.atRisk),
    ci(g.flagRate),
    ci(g.precision),
    ci(g.recall),
  ];
  return [row('F', f.F), row('M', f.M)];
}

function setupText(s: SetupReport, rows: number): string[] {
  const out = [`Setup ${s.setup} — known: ${KNOWN[s.setup]}`];
  out.push(`  Naive rule (at risk if the last known period mark < 10; none known → the majority class),`);
  out.push(`  accuracy over all ${rows} rows: ${pct(s.naiveAccuracy.value)}`);
  out.push('');
  out.push('  Flags with the default settings (precision … accuracy with Wilson 95 % intervals; a flag');
  out.push('  that is off is shown as if it were switched on):');
  const flagRows: string[][] = [
    ['flag', 'default', 'TP', 'FP', 'TN', 'FN', 'precision', 'recall', 'specificity', 'accuracy'],
  ];
  for (const k of FLAG_KEYS) {
    const f = s.flags[k];
    const on = f.onByDefault ? 'on' : 'off';
    if (f.asIfOn === null) flagRows.push([k, on, `not measurable: ${f.notMeasurable}`]);
    else flagRows.push([k, on, ...confusionCells(f.asIfOn)]);
  }
  // The measured rows are laid out as a table; a "not measurable" row spans the figures' columns.
  const nameWidth = Math.max(...flagRows.map((r) => (r[0] as string).length));
  const lead = (r: string[]) => [(r[0] as string).padEnd(nameWidth), (r[1] as string).padEnd(7)];
  const measured = table(flagRows.filter((r) => r.length > 3).map((r) => [...lead(r), ...r.slice(2)]));
  let m = 0;
  for (const r of flagRows)
    if (r !== flagRows[0] || measured.length > 1)
      out.push(r.length > 3 ? (measured[m++] as string) : `  ${lead(r).join('  ')}  ${r[2]}`);
  for (const k of FLAG_KEYS) {
    const a = s.flags[k].adds;
    if (a)
      out.push(
        `  ${k} adds to the other default flags: ${a.caught} failing student(s) no other flag caught, ${a.falseAlarms} false alarm(s) no other flag raised`,
      );
  }
  const set = s.flagSet;
  if (set.result === null) {
    out.push(
      '  Flag set (any default flag on): not measurable — no default flag can be judged in this setup',
    );
  } else {
    out.push(
      `  Flag set (any default flag on; measurable here: ${set.flags.join(', ')}): accuracy ${pct(set.result.accuracy.value)} ` +
        `(${pct(set.result.accuracy.low)}–${pct(set.result.accuracy.high)}), recall ${ci(set.result.recall)}, precision ${ci(set.result.precision)}`,
    );
    if (set.bestSingle)
      out.push(
        `  Best single flag: ${set.bestSingle.flag}, accuracy ${pct(set.bestSingle.accuracy)} — the set is ${
          set.atLeastBestSingle ? 'at least as accurate' : 'LESS accurate than its best member'
        }`,
      );
  }
  out.push('');
  const sc = s.score;
  out.push(
    `  Fitted risk score (fitRiskModel on each training split, judged on its test fold; ${sc.folds} folds, mean ± SD):`,
  );
  out.push(
    ...table([
      ['ROC AUC', 'PR AUC', 'precision top 10 %', 'recall', 'F1', 'accuracy', 'threshold'],
      [
        ms(sc.rocAuc),
        ms(sc.prAuc),
        ms(sc.precisionTop10),
        ms(sc.recall),
        ms(sc.f1),
        ms(sc.accuracy),
        ms(sc.threshold),
      ],
    ]),
  );
  out.push('  (recall, F1 and accuracy at the threshold maximising F1 on the training split)');
  out.push('');
  const fr = s.fairness;
  out.push(
    `  Fairness by sex (read only here; rows with no sex given, in neither group: ${fr.score.unknown}; the score over the first repeat's test folds):`,
  );
  const fRows: string[][] = [['', 'sex', 'n', 'at risk', 'flag rate', 'precision', 'recall']];
  if (fr.flagSet) fRows.push(...fairnessRows('flag set', fr.flagSet));
  fRows.push(...fairnessRows('score', fr.score));
  out.push(...table(fRows));
  if (!fr.flagSet) out.push('  flag set: not measurable in this setup');
  for (const [label, f] of [
    ['flag set', fr.flagSet],
    ['score', fr.score],
  ] as const) {
    if (f?.warning)
      out.push(
        `  WARNING: the ${label}'s recall differs between F and M by ${Math.abs((f.recallGap as number) * 100).toFixed(1)} points (more than 10)`,
      );
  }
  return out;
}

/** The human report. */
export function evaluationText(e: Evaluation, file: string): string {
  const out = [
    'Early-warning flags and the risk score on a published data set (UCI Student Performance)',
    `File: ${file} — ${e.rows} students, ${e.atRisk} at risk (G3 < 10, ${pct(e.atRisk / e.rows)})`,
    `Folds: ${e.folds.source === 'file' ? 'from the folds file' : `stratified, seed ${e.folds.seed}`}, ${e.folds.repeats} repeats × ${e.folds.k} folds`,
    e.absencesAs === 'unknown'
      ? 'Absences read as lessons missed whose reason is unknown (the default).'
      : 'SENSITIVITY CHECK, NOT THE DEFAULT: absences read as unjustified lessons (--absences-as unjustified).',
    `Marks 0–20 mapped onto 1–10 with the pass lines meeting (10 → 4); at risk = G3 < 10.`,
    '',
  ];
  for (const setup of SETUPS) out.push(...setupText(e.setups[setup], e.rows), '');
  return `${out.join('\n').trimEnd()}\n`;
}

const propJson = (p: Proportion) => ({ value: p.value, k: p.k, n: p.n, ci95: [p.low, p.high] });
const confusionJson = (r: ConfusionReport) => ({
  ...r.confusion,
  flagged: r.flagged,
  precision: propJson(r.precision),
  recall: propJson(r.recall),
  specificity: propJson(r.specificity),
  accuracy: propJson(r.accuracy),
});
const groupJson = (g: FairnessGroup) => ({
  n: g.n,
  at_risk: g.atRisk,
  flag_rate: propJson(g.flagRate),
  precision: propJson(g.precision),
  recall: propJson(g.recall),
});
const fairJson = (f: FairnessReport | null) =>
  f && {
    F: groupJson(f.F),
    M: groupJson(f.M),
    unknown: f.unknown,
    recall_gap: f.recallGap,
    warning: f.warning,
  };

/** The `--json` report (full precision). */
export function evaluationJson(e: Evaluation) {
  const setups = Object.fromEntries(
    SETUPS.map((setup) => {
      const s = e.setups[setup];
      return [
        setup,
        {
          naive_accuracy: (s.naiveAccuracy.value as number) * 100,
          flags: Object.fromEntries(
            FLAG_KEYS.map((k) => {
              const f = s.flags[k];
              return [
                k,
                {
                  on_by_default: f.onByDefault,
                  measurable: f.notMeasurable === null,
                  not_measurable: f.notMeasurable,
                  as_if_on: f.asIfOn && confusionJson(f.asIfOn),
                  adds: f.adds && { caught: f.adds.caught, false_alarms: f.adds.falseAlarms },
                },
              ];
            }),
          ),
          flag_set: {
            flags: s.flagSet.flags,
            measurable: s.flagSet.result !== null,
            ...(s.flagSet.result ? confusionJson(s.flagSet.result) : {}),
            best_single: s.flagSet.bestSingle,
            at_least_best_single: s.flagSet.atLeastBestSingle,
          },
          folds: s.score.folds,
          roc_auc: s.score.rocAuc,
          pr_auc: s.score.prAuc,
          precision_top10: s.score.precisionTop10,
          recall: s.score.recall,
          f1: s.score.f1,
          accuracy: s.score.accuracy,
          threshold: { rule: 'max_f1_on_training_split', ...s.score.threshold },
          fairness: { flag_set: fairJson(s.fairness.flagSet), score: fairJson(s.fairness.score) },
        },
      ];
    }),
  );
  return {
    rows: e.rows,
    at_risk: e.atRisk,
    absences_as: e.absencesAs,
    folds: e.folds,
    flag_settings: e.settings,
    setups,
  };
}
