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
    ...overrides,
  };
}
