import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { openSecret, sealSecret } from '../../platform/secret-box.ts';
import { completeSecondFactor, stepUpSession } from '../../platform/sessions/index.ts';
import { STEP_UP_MS, secondFactorMandatory, secondFactorPending } from '../../platform/step-up.ts';
import { hashToken } from '../../platform/tokens.ts';
import { findUserForLogin } from './repo.ts';
import * as repo from './second-factor-repo.ts';
import {
  acceptedStep,
  demoTotpSecret,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpQrSvg,
  totpUri,
} from './totp.ts';

/**
 * The second factor (issue 16): enrolment of an authenticator app, the sign-in's second step,
 * recovery codes, step-up and turning it off. Wrong codes are limited per user over a sliding
 * window (5 in 10 minutes) and every attempt is audited; the attempt and its audit row commit even
 * when the answer is a refusal.
 */
export const SECOND_FACTOR_WINDOW_MS = 10 * 60_000;
export const SECOND_FACTOR_MAX_FAILURES = 5;

/** What the session needs to act on: the signed-in user, the session cookie and the sealing key. */
export interface SecondFactorCall {
  ctx: RequestContext;
  sessionToken: string;
  secretKey: string;
}

type AuditAction =
  | 'auth.second_factor_verify'
  | 'auth.second_factor_enrol'
  | 'auth.second_factor_recovery_codes'
  | 'auth.second_factor_disable'
  | 'auth.step_up';

function actorOf(ctx: RequestContext) {
  if (!ctx.actor) throw new AppError(401, 'unauthenticated');
  return ctx.actor;
}

const invalid = (field: 'code' | 'password') =>
  field === 'code'
    ? new AppError(400, 'second_factor_invalid', [{ path: 'code', message: 'second_factor_invalid' }])
    : new AppError(400, 'password_invalid', [{ path: 'password', message: 'password_invalid' }]);

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Runs one code check for the signed-in user under the limit: `check` says whether the code (or
 * password) is right; `onSuccess` makes the change in the same transaction. Failures are recorded
 * and audited; refused attempts (too many failures) never reach the check.
 */
async function attempt<T>(
  database: Database,
  ctx: RequestContext,
  action: AuditAction,
  check: (tx: Db, at: Date) => Promise<boolean>,
  onSuccess: (tx: Db, at: Date) => Promise<T>,
  field: 'code' | 'password' = 'code',
): Promise<T> {
  const actor = actorOf(ctx);
  const audit = (tx: Db, outcome: 'ok' | 'failed' | 'denied') =>
    writeAudit(tx, ctx, { action, outcome, entityType: 'user', entityId: actor.userId });
  const outcome = await database.withTx(async (tx): Promise<Outcome<T>> => {
    if (!(await repo.tryLockUserForSecondFactor(tx, actor.userId))) {
      await audit(tx, 'denied');
      return { ok: false, error: new AppError(429, 'second_factor_locked', undefined, { 'retry-after': '1' }) };
    }
    const at = now();
    const recent = await repo.countRecentSecondFactorFailures(
      tx,
      actor.userId,
      new Date(at.getTime() - SECOND_FACTOR_WINDOW_MS),
    );
    if (recent.failures >= SECOND_FACTOR_MAX_FAILURES) {
      await audit(tx, 'denied');
      const waitMs = (recent.oldest?.getTime() ?? at.getTime()) + SECOND_FACTOR_WINDOW_MS - at.getTime();
      const retry = String(Math.max(1, Math.ceil(waitMs / 1000)));
      return { ok: false, error: new AppError(429, 'second_factor_locked', undefined, { 'retry-after': retry }) };
    }
    const right = await check(tx, at);
    await repo.recordSecondFactorAttempt(tx, { userId: actor.userId, ip: ctx.ip ?? 'unknown', success: right, at });
    if (!right) {
      await audit(tx, 'failed');
      return { ok: false, error: invalid(field) };
    }
    const value = await onSuccess(tx, at);
    await audit(tx, 'ok');
    return { ok: true, value };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** Whether `code` is a current, unused TOTP code of the user's enabled authenticator; uses it up. */
async function useTotpCode(tx: Db, userId: string, secretKey: string, code: string, at: Date): Promise<boolean> {
  const factor = await repo.findSecondFactor(tx, userId);
  if (!factor?.enabledAt) return false;
  const step = await acceptedStep(openSecret(secretKey, factor.secretEncrypted), code, at.getTime(), factor.lastUsedStep);
  return step !== null && (await repo.claimTimeStep(tx, userId, step));
}

/** A TOTP code, or (when `recovery` is allowed) one of the user's unused recovery codes; uses it up. */
async function useAnyCode(
  tx: Db,
  ctx: RequestContext,
  secretKey: string,
  code: string,
  at: Date,
): Promise<boolean> {
  const userId = actorOf(ctx).userId;
  if (/^\d{6}$/.test(code)) return useTotpCode(tx, userId, secretKey, code, at);
  const used = await repo.useRecoveryCode(tx, userId, hashToken(normaliseRecoveryCode(code)), at);
  if (used) await writeAudit(tx, ctx, { action: 'auth.recovery_code_used', entityType: 'user', entityId: userId });
  return used;
}

async function storeRecoveryCodes(tx: Db, userId: string, at: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await repo.replaceRecoveryCodes(tx, userId, codes.map((c) => hashToken(normaliseRecoveryCode(c))), at);
  return codes;
}

/** The signed-in user's second-factor state (account page, the sign-in's second step). */
export async function secondFactorStatus(database: Database, ctx: RequestContext) {
  const actor = actorOf(ctx);
  const recoveryCodesLeft = await database.read((db) => repo.countUnusedRecoveryCodes(db, actor.userId));
  return {
    enabled: actor.session?.secondFactorEnabled ?? false,
    mandatory: secondFactorMandatory(actor),
    pending: secondFactorPending(actor),
    recoveryCodesLeft,
    stepUpUntil: actor.session?.stepUpUntil?.toISOString() ?? null,
    serverTime: now().toISOString(),
  };
}

/**
 * Starts (or shows again) the enrolment of an authenticator: a new secret, or the one waiting for
 * its first code, with the otpauth URI and its QR code. Refused once an authenticator is enabled.
 */
export async function startEnrolment(database: Database, call: Omit<SecondFactorCall, 'sessionToken'>) {
  const actor = actorOf(call.ctx);
  const secret = await database.withTx(async (tx) => {
    const factor = await repo.findSecondFactor(tx, actor.userId);
    if (factor?.enabledAt) throw new AppError(409, 'second_factor_enrolled');
    let value = factor ? openSecret(call.secretKey, factor.secretEncrypted) : null;
    if (!value) {
      value = newTotpSecret();
      await repo.upsertPendingSecondFactor(tx, actor.userId, sealSecret(call.secretKey, value), now());
      await writeAudit(tx, call.ctx, { action: 'auth.second_factor_enrol_start', entityType: 'user', entityId: actor.userId });
    }
    return value;
  });
  const uri = totpUri(secret, actor.email);
  return { secret, uri, qrSvg: await totpQrSvg(uri) };
}

/**
 * Confirms enrolment with the first code from the app: the authenticator is enabled, ten recovery
 * codes are made (returned this once), and the session counts as past its second factor.
 */
export async function confirmEnrolment(database: Database, call: SecondFactorCall, code: string): Promise<string[]> {
  const actor = actorOf(call.ctx);
  if (actor.session?.secondFactorEnabled) throw new AppError(409, 'second_factor_enrolled');
  return attempt(
    database,
    call.ctx,
    'auth.second_factor_enrol',
    async (tx, at) => {
      const factor = await repo.findSecondFactor(tx, actor.userId);
      if (!factor || factor.enabledAt) return false;
      const step = await acceptedStep(openSecret(call.secretKey, factor.secretEncrypted), code, at.getTime(), null);
      return step !== null && (await repo.claimTimeStep(tx, actor.userId, step));
    },
    async (tx, at) => {
      await repo.enableSecondFactor(tx, actor.userId, at);
      await completeSecondFactor(tx, call.sessionToken, at, new Date(at.getTime() + STEP_UP_MS));
      return storeRecoveryCodes(tx, actor.userId, at);
    },
  );
}

/** The sign-in's second step: a TOTP code or a recovery code completes the session (and steps it up). */
export async function verifySecondFactor(database: Database, call: SecondFactorCall, code: string): Promise<void> {
  const actor = actorOf(call.ctx);
  if (!actor.session?.secondFactorEnabled) throw new AppError(409, 'second_factor_not_enrolled');
  await attempt(
    database,
    call.ctx,
    'auth.second_factor_verify',
    (tx, at) => useAnyCode(tx, call.ctx, call.secretKey, code, at),
    (tx, at) => completeSecondFactor(tx, call.sessionToken, at, new Date(at.getTime() + STEP_UP_MS)),
  );
}

/** New recovery codes (the old ones stop working), after a current TOTP code. */
export async function regenerateRecoveryCodes(database: Database, call: SecondFactorCall, code: string) {
  const actor = actorOf(call.ctx);
  if (!actor.session?.secondFactorEnabled) throw new AppError(409, 'second_factor_not_enrolled');
  return attempt(
    database,
    call.ctx,
    'auth.second_factor_recovery_codes',
    (tx, at) => useTotpCode(tx, actor.userId, call.secretKey, code, at),
    (tx, at) => storeRecoveryCodes(tx, actor.userId, at),
  );
}

/** Turns the second factor off (optional roles only), after a current TOTP code. */
export async function disableSecondFactor(database: Database, call: SecondFactorCall, code: string): Promise<void> {
  const actor = actorOf(call.ctx);
  if (secondFactorMandatory(actor)) throw new AppError(403, 'second_factor_mandatory');
  if (!actor.session?.secondFactorEnabled) throw new AppError(409, 'second_factor_not_enrolled');
  await attempt(
    database,
    call.ctx,
    'auth.second_factor_disable',
    (tx, at) => useTotpCode(tx, actor.userId, call.secretKey, code, at),
    (tx) => repo.deleteSecondFactor(tx, actor.userId),
  );
}

/**
 * Step-up: the code again (or the password, for a user without a second factor) lets this session
 * reveal personal codes, change permissions and export in bulk for the next 10 minutes.
 */
export async function stepUp(
  database: Database,
  call: SecondFactorCall,
  input: { code?: string | undefined; password?: string | undefined },
): Promise<{ stepUpUntil: string }> {
  const actor = actorOf(call.ctx);
  const enabled = actor.session?.secondFactorEnabled ?? false;
  const code = input.code;
  const password = input.password;
  if (enabled && code === undefined) throw invalid('code');
  if (!enabled && password === undefined) throw invalid('password');
  return attempt(
    database,
    call.ctx,
    'auth.step_up',
    async (tx, at) => {
      if (enabled) return useAnyCode(tx, call.ctx, call.secretKey, code ?? '', at);
      const user = await findUserForLogin(tx, actor.email);
      return verifyPassword(user?.passwordHash ?? null, password ?? '');
    },
    async (tx, at) => {
      const until = new Date(at.getTime() + STEP_UP_MS);
      await stepUpSession(tx, call.sessionToken, until);
      return { stepUpUntil: until.toISOString() };
    },
    enabled ? 'code' : 'password',
  );
}

/** Enrols a demo account with its published secret (demo only; see `demoTotpSecret`). */
export async function enrolDemoSecondFactor(
  tx: Db,
  userId: string,
  email: string,
  secretKey: string,
  at: Date,
): Promise<void> {
  await repo.insertEnabledSecondFactor(tx, userId, sealSecret(secretKey, demoTotpSecret(email)), at);
}
