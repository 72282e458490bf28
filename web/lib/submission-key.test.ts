import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyForSubmission, newKey, settleSubmission } from './submission-key.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('one idempotency key per form submission', () => {
  it('gives a double click (the same address and body while the first is on its way) the same key', () => {
    const a = keyForSubmission('/api/x\n{"a":1}', 1000);
    expect(keyForSubmission('/api/x\n{"a":1}', 1001)).toBe(a);
    expect(keyForSubmission('/api/x\n{"a":2}', 1001)).not.toBe(a);
  });

  it('keeps the key for a late double click after the answer, then starts a new submission', () => {
    const s = '/api/y\n{}';
    const a = keyForSubmission(s, 0);
    settleSubmission(s, 'answered', 100);
    expect(keyForSubmission(s, 5_000)).toBe(a);
    expect(keyForSubmission(s, 20_000)).not.toBe(a);
  });

  it('keeps the key for a retry after a network failure, and forgets it when the server refused the form', () => {
    const s = '/api/z\n{}';
    const a = keyForSubmission(s, 0);
    settleSubmission(s, 'network', 0);
    expect(keyForSubmission(s, 60_000)).toBe(a);
    settleSubmission(s, 'refused', 60_000);
    expect(keyForSubmission(s, 60_001)).not.toBe(a);
  });

  it('makes a version-4 UUID even where crypto.randomUUID is missing (plain HTTP)', () => {
    expect(newKey()).toMatch(UUID);
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => real.getRandomValues(b) });
    const k = newKey();
    expect(k).toMatch(UUID);
    expect(newKey()).not.toBe(k);
  });
});
