import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The throw-away PostgreSQL cluster `.ci/faults` started for these tests (FAULTS_PG_*), which the
 * restart test may stop and start. Absent (no initdb on the machine): the shared server, which is
 * never restarted (the restart test is then not run).
 */
export interface FaultCluster {
  /** `pg_ctl` of the cluster's PostgreSQL version. */
  pgCtl: string;
  dataDir: string;
  /** The postmaster's options (`-o`): port, socket folder, listen address. */
  options: string;
  logFile: string;
  /** The operating-system user that owns the cluster (pg_ctl refuses to run as root). */
  owner: string | null;
}

/** The cluster `.ci/faults` started, or null when the tests run on the shared server. */
export function faultCluster(): FaultCluster | null {
  const { FAULTS_PG_CTL, FAULTS_PG_DATA, FAULTS_PG_OPTIONS, FAULTS_PG_LOG } = process.env;
  if (!FAULTS_PG_CTL || !FAULTS_PG_DATA || !FAULTS_PG_OPTIONS || !FAULTS_PG_LOG) return null;
  return {
    pgCtl: FAULTS_PG_CTL,
    dataDir: FAULTS_PG_DATA,
    options: FAULTS_PG_OPTIONS,
    logFile: FAULTS_PG_LOG,
    owner: process.env.FAULTS_PG_OWNER || null,
  };
}

/** Runs pg_ctl on the cluster as its owner (`runuser` when this process is root). */
export function pgCtl(cluster: FaultCluster, args: string[]): string {
  const command = [cluster.pgCtl, '-D', cluster.dataDir, ...args];
  const [file, ...rest] = cluster.owner ? ['runuser', '-u', cluster.owner, '--', ...command] : command;
  return execFileSync(file, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** Stops the cluster at once (`-m fast`: open transactions are rolled back, clients cut off). */
export function stopCluster(cluster: FaultCluster): void {
  pgCtl(cluster, ['-m', 'fast', '-w', '-t', '60', 'stop']);
}

/** Starts the cluster and waits until it accepts connections. */
export function startCluster(cluster: FaultCluster): void {
  pgCtl(cluster, ['-o', cluster.options, '-l', cluster.logFile, '-w', '-t', '60', 'start']);
}

/** One query on a short-lived connection (the tests' own view of the database, outside the app). */
export async function sqlRows<T>(
  url: string,
  text: string,
  params: unknown[] = [],
  setup?: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (setup) await client.query(setup);
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Thrown by a wait's check to stop waiting at once (the app exited). */
export class GiveUp extends Error {}

/** Waits (bounded) until `check` resolves true; returns the milliseconds it took. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 200,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const done = await check().catch((err) => {
      if (err instanceof GiveUp) throw err;
      return false;
    });
    if (done) return Math.round(performance.now() - started);
    if (performance.now() - started > timeoutMs)
      throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The app as a child process (`node --import tsx server/main.ts`), which a test may kill -9. */
export interface AppProcess {
  port: number;
  pid: number;
  base: string;
  /** The last of what the process wrote (for a failing test's message). */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGKILL: no shutdown hook, no rollback, no lock release. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the app on `port` against `databaseUrl`, with its own data, upload and mail folders. */
export function startApp(port: number, databaseUrl: string, env: Record<string, string> = {}): AppProcess {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-faults-app-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUMPURS_DATA_DIR: dataDir,
      PUMPURS_UPLOAD_DIR: path.join(dataDir, 'uploads'),
      MAIL_DIR: path.join(dataDir, 'mail'),
      PUMPURS_DEMO: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const keep = (d: unknown) => {
    text = (text + String(d)).slice(-30_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    port,
    pid: child.pid ?? -1,
    base: `http://127.0.0.1:${port}`,
    output: () => text,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
      cleanUp();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      cleanUp();
    },
  };
}

/** Waits until the app answers readiness 200 (migrated, database answering). */
export async function waitUntilAppReady(app: AppProcess, timeoutMs = 180_000): Promise<number> {
  return waitFor(
    `the app on port ${app.port} to be ready:\n${app.output()}`,
    async () => {
      if (!app.alive()) throw new GiveUp(`the app exited:\n${app.output()}`);
      return (await fetch(`${app.base}/api/health/ready`)).status === 200;
    },
    timeoutMs,
    250,
  );
}
