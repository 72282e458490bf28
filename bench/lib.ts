import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Percentile of a sorted array of numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Starts `npm start`-equivalent (server/main.ts) with extra env, in `cwd` (another checkout) when
 * given; resolves once /api/health is 200.
 */
export async function startServer(
  env: Record<string, string>,
  port: number,
  cwd?: string,
  timeoutMs = 120_000,
  /** What node runs: the sources through tsx, or e.g. `['scripts/start.mjs']` (the compiled build, as `npm start`). */
  entry: string[] = ['--import', 'tsx', 'server/main.ts'],
): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, entry, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return { child, ms: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(
    exited
      ? 'server exited before it became healthy'
      : `server did not become healthy in ${Math.round(timeoutMs / 1000)} s`,
  );
}

/**
 * Stops a server started by startServer and waits for it to exit; with `killAfterMs`, a server still
 * finishing abandoned requests after that long is killed.
 */
export function stopServer(child: ChildProcess, killAfterMs?: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', () => {
      if (timer) clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

import { passSecondFactorHttp } from '../scripts/second-factor-http.mjs';

/** A signed-in HTTP session against a running server: cookies and CSRF token. */
export async function signInHttp(
  base: string,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = (csrfRes.headers.getSetCookie()[0] ?? '').split(';')[0];
  const { token } = (await csrfRes.json()) as { token: string };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const sid =
    login.headers
      .getSetCookie()
      .find((c) => c.startsWith('pumpurs_sid='))
      ?.split(';')[0] ?? '';
  const cookie = `${csrfCookie}; ${sid}`;
  // Issue 16: the session owes its second factor (a demo code, or enrolment for a generated account).
  const { secondFactor } = (await login.json()) as { secondFactor?: 'required' | 'enrol' | null };
  await passSecondFactorHttp(base, { cookie, 'x-csrf-token': token }, email, secondFactor ?? null);
  return { cookie, csrf: token };
}

/** Fires `total` GETs with `concurrency` in flight; returns throughput and latency percentiles. */
export async function loadGet(url: string, cookie: string, total: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) failures += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    failures,
    latencies,
  };
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
