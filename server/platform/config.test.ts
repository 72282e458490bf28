import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './config.ts';

describe('TRUST_PROXY', () => {
  it('is off when unset, empty, 0 or false', () => {
    for (const raw of [undefined, '', '0', 'false', ' FALSE ']) expect(parseTrustProxy(raw)).toBe(false);
  });

  it('takes a number as exactly that many proxy hops', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
  });

  it('takes a comma-separated list of proxy addresses and CIDRs', () => {
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.10,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.0.2.10',
      'fd00::/8',
    ]);
  });

  it('refuses "true" and anything else that would trust every hop or is not an address', () => {
    for (const raw of ['true', 'yes', '*', '10.0.0.0/33', 'loadbalancer', '10.0.0.1, ', '11'])
      expect(() => parseTrustProxy(raw), raw).toThrow(/TRUST_PROXY/);
  });
});
