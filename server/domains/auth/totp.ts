import { createHash, randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, ScureBase32Plugin, verify } from 'otplib';
import QRCode from 'qrcode';

/**
 * TOTP (RFC 6238: 6 digits, 30-second steps, SHA-1, what every authenticator app does) through
 * otplib. The time is always passed in from the clock module, never read here.
 */
export const TOTP_ISSUER = 'Pumpurs';
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now is accepted, for clock drift and typing time. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** A new random secret (20 bytes, base32). */
export function newTotpSecret(): string {
  return generateSecret();
}

/**
 * The demo's published secret of an account: base32 of the first 20 bytes of
 * sha256('pumpurs-demo-totp:' + email). Demo only: anyone can compute it.
 */
export function demoTotpSecret(email: string): string {
  const bytes = createHash('sha256').update(`pumpurs-demo-totp:${email.toLowerCase()}`).digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(new Uint8Array(bytes));
}

/** The current code for `secret` at `epochMs` (the demo CLI and tests). */
export function totpCode(secret: string, epochMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(epochMs / 1000) });
}

/**
 * The time step of `token` when it is valid for `secret` at `epochMs` and later than `afterStep`
 * (a code is accepted once: RFC 6238 §5.2), else null.
 */
export async function acceptedStep(
  secret: string,
  token: string,
  epochMs: number,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(epochMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label, secret });
}

/** The URI as an SVG QR code (a string of markup the page shows as an image). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten new recovery codes, `xxxxx-xxxxx` (50 bits each), shown to the user once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** A typed recovery code in its stored form before hashing: lower case, no spaces or hyphens. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}
