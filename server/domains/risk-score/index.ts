/**
 * The advisory risk score's public module (issue 15): the model (pure), the labelled history of a
 * semester that the flag validation report also judges flags on, and the fit in use.
 */
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
export { findLatestRiskModel, type RiskModelMetrics, type StoredRiskModel } from './repo.ts';
