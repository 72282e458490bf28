import { RISK_FEATURE_KEYS } from '../../../common/api/risk-score.ts';
import {
  contributions,
  fitLogistic,
  type LogisticModel,
  predictLogistic,
} from '../../platform/stats/logistic.ts';

/**
 * The advisory risk score (issue 15): a logistic regression on the ABC indicators only — attendance,
 * behaviour, course performance and years not passed. Never on gender, nationality, language, family
 * or economic data: those are not inputs here, and nothing else is. Pure: the history comes from
 * history-repo.ts, the evaluation command maps a published data set onto the same inputs.
 */

/** The features in the model's order (the API's list, common/api/risk-score.ts). */
export const RISK_FEATURES = RISK_FEATURE_KEYS;
export type RiskFeature = (typeof RISK_FEATURES)[number];

/** One student's semester as the score reads it; null where the journal holds nothing. */
export type RiskInputs = Record<RiskFeature, number | null>;

export interface RiskModel {
  features: readonly RiskFeature[];
  /** Training means of each feature over the rows that had it: a missing value counts as this. */
  fill: number[];
  logistic: LogisticModel;
}

function vector(model: Pick<RiskModel, 'features' | 'fill'>, x: RiskInputs): number[] {
  return model.features.map((f, j) => x[f] ?? (model.fill[j] as number));
}

/** Fits the score on labelled rows (`failed`: did not pass the year or left education). */
export function fitRiskModel(rows: readonly RiskInputs[], failed: readonly boolean[]): RiskModel {
  const features = RISK_FEATURES;
  const fill = features.map((f) => {
    const known = rows.map((r) => r[f]).filter((v): v is number => v !== null);
    return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  });
  const x = rows.map((r) => vector({ features, fill }, r));
  return { features, fill, logistic: fitLogistic(x, failed) };
}

/** The modelled probability (0–1) that the student does not pass the year; used only to rank. */
export function riskProbability(model: RiskModel, x: RiskInputs): number {
  return predictLogistic(model.logistic, vector(model, x));
}

export interface Contributor {
  feature: RiskFeature;
  value: number;
  /** The feature's push on the score against an average student (log-odds). */
  weight: number;
}

/**
 * The indicators that raise this student's score most against an average student, largest first:
 * only known values that push the score up (a missing value contributes nothing).
 */
export function topContributors(model: RiskModel, x: RiskInputs, n = 3): Contributor[] {
  const parts = contributions(model.logistic, vector(model, x));
  return model.features
    .map((feature, j) => ({ feature, value: x[feature] as number | null, weight: parts[j] as number }))
    .filter((c): c is Contributor => c.value !== null && c.weight > 0.05)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, n);
}
