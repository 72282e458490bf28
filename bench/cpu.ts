import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Linux's clock ticks a second for /proc times (USER_HZ, 100 on every common kernel). */
const TICKS = 100;

/** CPU seconds (user + system) a process has used, from /proc; 0 when it is gone or not Linux. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** Busy and total CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    // idle and iowait are not busy
    return { busy: (total - ticks[3] - ticks[4]) / TICKS, total: total / TICKS };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** The backend processes serving `database` right now (the app's pool connections). */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await db.end();
  }
}

/** Waits until no statement of `database` is running (abandoned requests finish), at most `maxMs`. */
export async function waitForQuiet(adminUrl: string, database: string, maxMs: number): Promise<number> {
  const started = performance.now();
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    while (performance.now() - started < maxMs) {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
        [database],
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return performance.now() - started;
  } finally {
    await db.end();
  }
}
