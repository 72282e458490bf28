import pg from 'pg';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { openPostgres } from '../server/platform/db.ts';
import { percentile, signInHttp, startServer, stopServer } from './lib.ts';

/**
 * What an overload costs a client, with and without load shedding: one server process (pool of 10)
 * on a fresh demo database gets a burst of `burst` concurrent student-list requests; prints, per setting,
 * the answers by status and p50/p95 of each status's latency. With shedding, the 503s should come
 * back in milliseconds while the admitted requests finish no slower than without it.
 *   node --import tsx bench/overload-burst.ts postgres://postgres@127.0.0.1:5432/postgres [burst]
 */
async function main(baseUrl: string, burst: number): Promise<void> {
  const name = `pumpurs_ops_burst_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    // Migrated and loaded once here, so the server processes start on a ready database.
    const database = await openPostgres(url.toString(), 2);
    await loadDemoIfEmpty(database);
    await database.close();
    for (const [label, maxInFlight] of [
      ['no shedding (MAX_IN_FLIGHT=0)', '0'],
      ['shedding (MAX_IN_FLIGHT=40)', '40'],
    ] as const) {
      const port = 20000 + Math.floor(Math.random() * 20000);
      const { child } = await startServer(
        {
          DATABASE_URL: url.toString(),
          PUMPURS_DEMO: 'off',
          MAX_IN_FLIGHT: maxInFlight,
          MAX_DB_WAITING: '0',
          REQUEST_TIMEOUT_MS: '0',
        },
        port,
      );
      try {
        const origin = `http://127.0.0.1:${port}`;
        const { cookie } = await signInHttp(origin, 'koord.ziemelu@demo.pumpurs.lv', DEMO_PASSWORD);
        const results = await Promise.all(
          Array.from({ length: burst }, async () => {
            const start = performance.now();
            const res = await fetch(`${origin}/api/students?pageSize=50`, { headers: { cookie } });
            await res.arrayBuffer();
            return { status: res.status, ms: performance.now() - start };
          }),
        );
        const byStatus = new Map<number, number[]>();
        for (const r of results) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r.ms]);
        console.log(`${label}, burst of ${burst}:`);
        for (const [status, times] of [...byStatus].sort((a, b) => a[0] - b[0])) {
          const sorted = times.sort((a, b) => a - b);
          console.log(
            `  ${status}: ${sorted.length} answers, p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms`,
          );
        }
      } finally {
        await stopServer(child);
      }
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main(process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres', Number(process.argv[3] ?? 400));
