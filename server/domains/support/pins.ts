import { randomInt } from 'node:crypto';
import { MAX_PINS_PER_REQUEST, type TGeneratePinsBody } from '../../../common/api/support.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { can } from '../../platform/policy/gate.ts';
import { studentScope } from '../students/index.ts';
import { pinSlipsPdf } from './pin-slips.ts';
import { findPinCandidates, type PinCandidate, writePins } from './pins-repo.ts';
import { STUDENT_PIN_SET } from './policy.ts';

/** Digits of a generated PIN: the longest a PIN may have today (4–6 digits, `ZPinBody`). */
export const GENERATED_PIN_DIGITS = 6;

/** A random PIN from the operating system's CSPRNG, zero-padded. */
export function newPin(): string {
  return String(randomInt(0, 10 ** GENERATED_PIN_DIGITS)).padStart(GENERATED_PIN_DIGITS, '0');
}

/** The students a request gives PINs to, checked against scope and rights. */
async function selectTargets(ctx: RequestContext, body: TGeneratePinsBody, tx: Db): Promise<PinCandidate[]> {
  const ids = body.studentIds ? [...new Set(body.studentIds)] : undefined;
  const found = await findPinCandidates(tx, studentScope(ctx), {
    schoolId: body.schoolId,
    classLabel: body.classLabel,
    studentIds: ids,
    limit: MAX_PINS_PER_REQUEST + 1,
  });
  // Another school's class, or any listed id the caller cannot see: the whole request is a 404.
  if (ids ? found.length !== ids.length : found.length === 0)
    throw new NotFoundError(ids ? 'student' : 'organisation', ids ? undefined : body.schoolId);
  if (!can(ctx.actor, STUDENT_PIN_SET, { orgPath: found[0].schoolPath }))
    throw new ForbiddenError('organisation', body.schoolId, body.schoolId);
  if (found.length > MAX_PINS_PER_REQUEST)
    throw new AppError(400, 'pins_over_limit', [{ path: 'classLabel', message: 'pins_over_limit' }]);
  const targets = body.mode === 'replace' ? found : found.filter((s) => !s.hasPin);
  if (targets.length === 0) throw conflict('pins_none_missing');
  return targets;
}

/**
 * New PINs for a class (or listed students) of one school, and the sheet of slips to hand out.
 * All or nothing: every student must be visible to the caller (else 404 for the whole request), the
 * caller must be allowed to set PINs at the school (403), at most one class (400). Only the hashes are
 * stored; the PINs exist only in the returned PDF.
 *
 * argon2 takes about 20 ms a PIN here (1.2 s for 60), so the hashes are made between a read and
 * the write transaction, not inside it (PGlite has one connection: a transaction blocks every other
 * request). The write transaction selects the students again and answers 409 `pins_changed` when the
 * set moved meanwhile (a concurrent request, a student who left); `missing` also refuses when a
 * concurrent request set one of these PINs first.
 */
export async function generatePins(
  ctx: RequestContext,
  body: TGeneratePinsBody,
  database: Database,
): Promise<{ pdf: Buffer; count: number }> {
  const planned = await database.read((tx) => selectTargets(ctx, body, tx));
  const pins = planned.map(() => newPin());
  // argon2 runs on libuv's thread pool: the hashes of a class are computed side by side.
  const hashes = await Promise.all(pins.map((pin) => hashPassword(pin)));
  return database.withTx(async (tx) => {
    const targets = await selectTargets(ctx, body, tx);
    const same = targets.length === planned.length && targets.every((s, i) => s.id === planned[i].id);
    if (!same) throw conflict('pins_changed');
    const written = await writePins(
      tx,
      targets.map((s, i) => ({ studentId: s.id, pinHash: hashes[i] })),
      ctx.actor?.userId ?? null,
      body.mode === 'replace',
    );
    if (written.length !== targets.length) throw conflict('pins_changed');
    await writeAuditMany(
      tx,
      ctx,
      targets.map((s) => ({
        action: 'student.pin_generated',
        entityType: 'student',
        entityId: s.id,
        orgId: body.schoolId,
      })),
    );
    const pdf = await pinSlipsPdf(
      targets.map((s, i) => ({
        name: `${s.firstName} ${s.lastName}`,
        classLabel: s.classLabel,
        pin: pins[i],
      })),
      ctx.language,
    );
    return { pdf, count: targets.length };
  });
}
