/**
 * The referrals' public module: the actions, and the reads the tasks and the chronology make in
 * their own transaction. No other domain imports referrals' internals.
 */
export { type ChronologyEntry, findReferralChronologyEntries } from './chronology.ts';
export {
  REFERRAL_CLOSE,
  REFERRAL_INBOX,
  REFERRAL_RESPOND,
  REFERRAL_SEND,
  REFERRAL_VIEW,
  REFERRAL_VIEW_TEXT,
} from './policy.ts';
export { findOverdueReferralTaskCandidates, type SystemTaskCandidate } from './tasks.ts';
