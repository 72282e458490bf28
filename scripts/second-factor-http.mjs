// Completes the second factor (issue 16) of a session signed in over HTTP, for scripts that drive a
// running server (the smoke check, benchmarks). A demo account types its published code; an account
// that must enrol enrols itself with the secret the server shows. The code is computed on the
// server's clock (GET /api/auth/second-factor tells it). A code already used in this 30-second
// step is refused (single use): then it waits for the next step and tries once more.
import { createHash } from 'node:crypto';
import { generate, ScureBase32Plugin } from 'otplib';

/** The demo's published secret of an account (server/domains/auth/totp.ts demoTotpSecret). */
export function demoTotpSecret(email) {
  const bytes = createHash('sha256')
    .update(`pumpurs-demo-totp:${email.toLowerCase()}`)
    .digest()
    .subarray(0, 20);
  return new ScureBase32Plugin().encode(new Uint8Array(bytes));
}

/**
 * `pending` is the login answer's `secondFactor`; `headers` carry the cookie and CSRF token.
 * Returns when the session is complete; throws otherwise.
 */
export async function passSecondFactorHttp(base, headers, email, pending) {
  if (!pending) return;
  const call = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
  const status = await call('GET', '/api/auth/second-factor');
  const skew = new Date(status.json.serverTime).getTime() - Date.now();
  let secret = demoTotpSecret(email);
  let path = '/api/auth/second-factor/verify';
  if (pending === 'enrol') {
    secret = (await call('GET', '/api/auth/second-factor/enrolment')).json.secret;
    path = '/api/auth/second-factor/enrolment';
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const epochMs = Date.now() + skew;
    const code = await generate({ secret, epoch: Math.floor(epochMs / 1000) });
    const res = await call('POST', path, { code });
    if (res.status === 200) return;
    if (attempt === 0 && res.status === 400)
      await new Promise((r) => setTimeout(r, 30_000 - (epochMs % 30_000) + 500));
    else throw new Error(`second factor for ${email}: ${res.status} ${JSON.stringify(res.json)}`);
  }
}
