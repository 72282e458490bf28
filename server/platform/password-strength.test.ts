import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { AppError } from './errors.ts';
import { assertPasswordNotGuessable, isPasswordGuessable } from './password-strength.ts';

describe('common and breached passwords (ASVS 2.1.7)', () => {
  it('refuses passwords from the common and breached lists even when 12 characters or longer', async () => {
    for (const p of [
      'password1234',
      'qwertyuiop123',
      'iloveyou1234',
      '123456789012',
      'Password123!',
      'aaaaaaaaaaaa',
    ])
      expect(await isPasswordGuessable(p), p).toBe(true);
  });

  it("refuses the product name and the account holder's own email or name as the password", async () => {
    expect(await isPasswordGuessable('Pumpurs2026!')).toBe(true);
    const own = ['ilze.berzina@skola.lv', 'Ilze', 'Berzina'];
    expect(await isPasswordGuessable('IlzeBerzina2024', own)).toBe(true);
    expect(await isPasswordGuessable('ilze.berzina@skola.lv', own)).toBe(true);
  });

  it('accepts long unpredictable passwords and passphrases', async () => {
    for (const p of ['Xk9#vT2qLmw8', 'zils-kalns-saulainā-diena', 'correct horse battery staple'])
      expect(await isPasswordGuessable(p), p).toBe(false);
  });

  it('answers a guessable password with a 400 password_too_common on the password field', async () => {
    const err = await assertPasswordNotGuessable('password1234').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).code).toBe('password_too_common');
    expect((err as AppError).details).toEqual([{ path: 'password', message: 'password_too_common' }]);
  });

  it('knows the demo password is seeded without this check (it is refused when set by a person)', async () => {
    // The demo seed hashes DEMO_PASSWORD directly; a person choosing it would be turned away,
    // because it names the product. Existing hashes keep signing in (see auth.int.test.ts).
    expect(await isPasswordGuessable(DEMO_PASSWORD)).toBe(true);
  });
});
