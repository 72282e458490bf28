import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption of small secrets at rest (a user's TOTP secret): AES-256-GCM under a key derived from
 * PUMPURS_SECRET_KEY. The stored form is `v1.<iv>.<tag>.<ciphertext>` in base64url, so a database
 * leak without the key yields no authenticator secrets, and a tampered value fails to open.
 */
function keyOf(secretKey: string): Buffer {
  return createHash('sha256').update(`pumpurs-secret-box:${secretKey}`).digest();
}

/** Encrypts `plaintext` under `secretKey`. */
export function sealSecret(secretKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Decrypts a value of `sealSecret`; throws when the key is wrong or the value was altered. */
export function openSecret(secretKey: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
