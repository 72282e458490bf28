import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMailConfig, parseTrustProxy } from './config.ts';

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

describe('mail settings', () => {
  it('writes files by default outside production and is off by default in production', () => {
    expect(parseMailConfig({}, false)).toMatchObject({ transport: 'file', smtpUrl: null });
    expect(parseMailConfig({}, false).dir).toBe(path.resolve('data/mail'));
    expect(parseMailConfig({}, true).transport).toBe('off');
    expect(parseMailConfig({ MAIL_DIR: '/tmp/x' }, false).dir).toBe('/tmp/x');
  });
  it('takes smtp with an smtp:// or smtps:// URL and a sender', () => {
    const c = parseMailConfig(
      {
        MAIL_TRANSPORT: 'SMTP',
        SMTP_URL: 'smtps://u:p@mail.example.lv:465',
        MAIL_FROM: 'Skola <skola@example.lv>',
      },
      true,
    );
    expect(c).toMatchObject({
      transport: 'smtp',
      smtpUrl: 'smtps://u:p@mail.example.lv:465',
      from: 'Skola <skola@example.lv>',
    });
  });
  it('refuses an unknown transport, smtp without a valid URL, and a sender that is no address', () => {
    expect(() => parseMailConfig({ MAIL_TRANSPORT: 'sendmail' }, false)).toThrow(/MAIL_TRANSPORT/);
    for (const SMTP_URL of [undefined, '', 'http://mail.example.lv', 'mail.example.lv:25', 'smtp://'])
      expect(() => parseMailConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL }, false), String(SMTP_URL)).toThrow(
        /SMTP_URL/,
      );
    expect(() => parseMailConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://h' }, true)).toThrow(
      /MAIL_FROM/,
    );
    for (const MAIL_FROM of ['nobody', 'a@b', 'Name <nope>', 'x@y.lv\nBcc: z@y.lv'])
      expect(() => parseMailConfig({ MAIL_FROM }, false), MAIL_FROM).toThrow(/MAIL_FROM/);
  });
  it('never repeats the SMTP URL (it may hold a password) in its message', () => {
    try {
      parseMailConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'ftp://user:secret@h' }, false);
    } catch (e) {
      expect(String(e)).not.toMatch(/secret/);
    }
  });
});
