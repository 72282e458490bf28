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
  trustProxy: boolean;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
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
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    ...overrides,
  };
}
