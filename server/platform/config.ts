import { isIP } from 'node:net';
import path from 'node:path';

/** Runtime configuration, read once from the environment. Every variable is listed in the README. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  production: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loadDemo: boolean;
  logLevel: string;
  /**
   * Which proxies may name the client in X-Forwarded-For: false (none), a number of hops
   * (1 = exactly one proxy: the right-most address is the client), or proxy addresses/CIDRs.
   */
  trustProxy: TrustProxy;
  /** How letters are e-mailed (server/platform/mail.ts). */
  mail: MailConfig;
  /**
   * The address users open Pumpurs at, for links in e-mails (PUMPURS_PUBLIC_URL; never taken from a
   * request's Host header, which a client controls). Null in production until it is set.
   */
  publicUrl: string | null;
  /** Overload protection, timeouts and metrics of the server (server/platform/overload.ts). */
  ops: OpsConfig;
  /**
   * The key that encrypts secrets at rest (TOTP secrets): PUMPURS_SECRET_KEY, at least 32
   * characters, required in production; outside production a fixed development key stands in.
   */
  secretKey: string;
}

/** The stand-in for PUMPURS_SECRET_KEY outside production (the demo and tests); never secret. */
export const DEVELOPMENT_SECRET_KEY = 'pumpurs-development-secret-key-not-for-production';

/** Reads PUMPURS_SECRET_KEY: at least 32 characters; required in production. */
export function parseSecretKey(env: NodeJS.ProcessEnv, production: boolean): string {
  const key = (env.PUMPURS_SECRET_KEY ?? '').trim();
  if (key === '') {
    if (production) throw new Error('PUMPURS_SECRET_KEY must be set in production (at least 32 characters)');
    return DEVELOPMENT_SECRET_KEY;
  }
  if (key.length < 32) throw new Error('PUMPURS_SECRET_KEY must be at least 32 characters');
  return key;
}

/**
 * Limits that keep one instance answering under overload, and its metrics. Every time is in
 * milliseconds; 0 turns the limit off.
 */
export interface OpsConfig {
  /** PostgreSQL connections in this instance's pool (DB_POOL_SIZE). */
  dbPoolSize: number;
  /** PostgreSQL `statement_timeout` of the server's connections (DB_STATEMENT_TIMEOUT_MS). */
  dbStatementTimeoutMs: number;
  /** The statement timeout of transactions that ask for long statements: imports, jobs (DB_LONG_STATEMENT_TIMEOUT_MS). */
  dbLongStatementTimeoutMs: number;
  /** The longest a request may wait for a pooled connection before it fails (DB_POOL_WAIT_MS). */
  dbPoolWaitMs: number;
  /** A request still unanswered after this long gets 503 `request_timeout` (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** /api requests being answered at once above which a new one gets 503 `overloaded` (MAX_IN_FLIGHT). */
  maxInFlight: number;
  /** Queries waiting for a pooled connection above which a new request gets 503 `overloaded` (MAX_DB_WAITING). */
  maxDbWaiting: number;
  /** The bearer token that `/metrics` asks for; null: no `/metrics` (METRICS_TOKEN). */
  metricsToken: string | null;
}

function nonNegativeIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, 0 or more`);
  return n;
}

/** Reads the overload, timeout and metrics settings; refuses a METRICS_TOKEN shorter than 24 characters. */
export function parseOpsConfig(env: NodeJS.ProcessEnv): OpsConfig {
  const token = (env.METRICS_TOKEN ?? '').trim();
  if (token !== '' && token.length < 24) throw new Error('METRICS_TOKEN must be at least 24 characters');
  const poolSize = nonNegativeIntFromEnv(env, 'DB_POOL_SIZE', 10);
  if (poolSize < 1) throw new Error('DB_POOL_SIZE must be at least 1');
  return {
    dbPoolSize: poolSize,
    dbStatementTimeoutMs: nonNegativeIntFromEnv(env, 'DB_STATEMENT_TIMEOUT_MS', 10_000),
    dbLongStatementTimeoutMs: nonNegativeIntFromEnv(env, 'DB_LONG_STATEMENT_TIMEOUT_MS', 30 * 60_000),
    dbPoolWaitMs: nonNegativeIntFromEnv(env, 'DB_POOL_WAIT_MS', 5_000),
    requestTimeoutMs: nonNegativeIntFromEnv(env, 'REQUEST_TIMEOUT_MS', 30_000),
    maxInFlight: nonNegativeIntFromEnv(env, 'MAX_IN_FLIGHT', 200),
    maxDbWaiting: nonNegativeIntFromEnv(env, 'MAX_DB_WAITING', 50),
    metricsToken: token || null,
  };
}

/**
 * E-mail: `smtp` (SMTP_URL), `file` (each message written as an .eml file into MAIL_DIR; the default
 * in development and tests) or `off` (the default in production until MAIL_TRANSPORT is set).
 */
export interface MailConfig {
  transport: 'smtp' | 'file' | 'off';
  dir: string;
  smtpUrl: string | null;
  from: string;
}

const MAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** Whether MAIL_FROM is `address` or `Name <address>`. */
function isSender(value: string): boolean {
  const named = /^([^<>\r\n]*)<([^<>]+)>$/.exec(value);
  return MAIL_ADDRESS.test(named ? named[2].trim() : value);
}

/**
 * Reads MAIL_TRANSPORT, MAIL_DIR, SMTP_URL and MAIL_FROM. Refuses an unknown transport, `smtp`
 * without a valid smtp:// or smtps:// URL, and a sender that is not an address. The messages never
 * repeat SMTP_URL (it may hold a password).
 */
export function parseMailConfig(env: NodeJS.ProcessEnv, production: boolean): MailConfig {
  const raw = (env.MAIL_TRANSPORT ?? '').trim().toLowerCase();
  const transport = raw === '' ? (production ? 'off' : 'file') : raw;
  if (transport !== 'smtp' && transport !== 'file' && transport !== 'off')
    throw new Error('MAIL_TRANSPORT must be smtp, file or off');
  let smtpUrl: string | null = null;
  if (transport === 'smtp') {
    const url = (env.SMTP_URL ?? '').trim();
    let ok = false;
    try {
      const parsed = new URL(url);
      ok = (parsed.protocol === 'smtp:' || parsed.protocol === 'smtps:') && parsed.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL when MAIL_TRANSPORT=smtp');
    smtpUrl = url;
  }
  const from = (env.MAIL_FROM ?? '').trim();
  if (from === '' && transport === 'smtp' && production)
    throw new Error('MAIL_FROM must be set when MAIL_TRANSPORT=smtp in production');
  if (from !== '' && !isSender(from)) throw new Error('MAIL_FROM must be an address or "Name <address>"');
  return {
    transport,
    dir: path.resolve(env.MAIL_DIR || path.join('data', 'mail')),
    smtpUrl,
    from: from || 'Pumpurs <no-reply@pumpurs.invalid>',
  };
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

/** Fastify's `trustProxy`, bounded: never `true` (which would believe every hop). */
export type TrustProxy = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Parses TRUST_PROXY: empty/0/false = off; a positive integer = that many proxy hops; otherwise a
 * comma-separated list of proxy addresses or CIDRs. `true` is refused: with it a client could write
 * any address into X-Forwarded-For and into the audit log.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error('TRUST_PROXY: at most 10 proxy hops');
    return hops;
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0)
    throw new Error(
      'TRUST_PROXY must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDRs',
    );
  return entries;
}

/**
 * Reads PUMPURS_PUBLIC_URL: an http(s) origin with an optional path, without a trailing slash.
 * Unset: `http://localhost:<port>` in development, null in production (no links are mailed).
 */
export function parsePublicUrl(raw: string | undefined, production: boolean, port: number): string | null {
  const value = (raw ?? '').trim();
  if (value === '') return production ? null : `http://localhost:${port}`;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error('PUMPURS_PUBLIC_URL must be an http:// or https:// URL');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search || parsed.hash)
    throw new Error('PUMPURS_PUBLIC_URL must be an http:// or https:// URL without a query or fragment');
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** Reads the configuration; `overrides` is for tests. */
export function loadConfig(overrides: Partial<Config> = {}): Config {
  const production = process.env.NODE_ENV === 'production';
  return {
    port: intFromEnv('PORT', 3000),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir: path.resolve(process.env.PUMPURS_DATA_DIR ?? 'data'),
    production,
    sessionIdleMinutes: intFromEnv('SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFromEnv('SESSION_ABSOLUTE_HOURS', 12),
    loadDemo: !production && process.env.PUMPURS_DEMO !== 'off',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
    mail: parseMailConfig(process.env, production),
    publicUrl: parsePublicUrl(process.env.PUMPURS_PUBLIC_URL, production, intFromEnv('PORT', 3000)),
    ops: parseOpsConfig(process.env),
    secretKey: parseSecretKey(process.env, production),
    ...overrides,
  };
}
