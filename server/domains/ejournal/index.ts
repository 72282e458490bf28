/** The e-journal's public module: its actions. No other domain uses the e-journal today. */
export {
  EJOURNAL_ENTER,
  EJOURNAL_IMPORT,
  LEGAL_DUTY_RECORD,
  THRESHOLDS_MANAGE,
  WATCH_LIST_VIEW,
} from './policy.ts';
