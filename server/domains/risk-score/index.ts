/**
 * The advisory risk score's public module (issue 15): the model (pure), the labelled history of a
 * semester that the flag validation report also judges flags on, the fit in use, and the refit
 * (the demo seed calls `refitRiskScore(database)` after writing its labelled history).
 */
export { bestFlagAuc, flagIndicator, MIN_ROWS_PER_CLASS } from './fit.ts';
export { findLabelledRows, type LabelledRow } from './history-repo.ts';
export {
  type Contributor,
  fitRiskModel,
  RISK_FEATURES,
  type RiskFeature,
  type RiskInputs,
  type RiskModel,
  riskProbability,
  topContributors,
} from './model.ts';
export { RISK_MODEL_VIEW, RISK_RANKS_VIEW, RISK_SCORE_REFIT } from './policy.ts';
export {
  RISK_SCORE_REFIT_JOB,
  type RefitResult,
  type RiskScoreRefitData,
  refitRiskScore,
  runRiskScoreRefitJob,
  sendRiskScoreRefit,
} from './refit.ts';
export { findLatestRiskModel, type RiskModelMetrics, type StoredRiskModel } from './repo.ts';
