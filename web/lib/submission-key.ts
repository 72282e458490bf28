/**
 * Idempotency keys for creating requests (the server's `Idempotency-Key`). One submission of a form
 * is one key: a double click, a retry after a lost answer or a second click while the first is still
 * on its way sends the same request with the same key, so the server creates the record once and
 * answers both with the same result. A submission is recognised by its address and body.
 */

/** How long after an answer the same submission still counts as the same (a late double click). */
const REUSE_AFTER_ANSWER_MS = 10_000;
/** After a network failure the server may have done the work: a retry keeps the key this long. */
const REUSE_AFTER_NETWORK_FAILURE_MS = 10 * 60_000;

type Entry = { key: string; until: number | null };
const submissions = new Map<string, Entry>();

/** A random UUID; `crypto.randomUUID` exists only on HTTPS or localhost, `getRandomValues` everywhere. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The key of this submission: the one already in use for the same address and body, or a new one. */
export function keyForSubmission(submission: string, at = Date.now()): string {
  for (const [id, entry] of submissions) if (entry.until !== null && entry.until < at) submissions.delete(id);
  const found = submissions.get(submission);
  if (found) return found.key;
  const key = newKey();
  submissions.set(submission, { key, until: null });
  return key;
}

/**
 * Records how the submission ended: answered (kept briefly for a late double click), lost on the
 * network (kept for a retry), or refused (forgotten: a corrected form is a new submission).
 */
export function settleSubmission(
  submission: string,
  outcome: 'answered' | 'network' | 'refused',
  at = Date.now(),
): void {
  const entry = submissions.get(submission);
  if (!entry) return;
  if (outcome === 'refused') submissions.delete(submission);
  else entry.until = at + (outcome === 'answered' ? REUSE_AFTER_ANSWER_MS : REUSE_AFTER_NETWORK_FAILURE_MS);
}
