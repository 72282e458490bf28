import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

/** The header the proxy adds to every answer: the port of the instance that gave it. */
export const UPSTREAM_HEADER = 'x-upstream-port';

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One app process (`server/main.ts` under tsx), as `npm run dev` starts it. */
export interface Instance {
  port: number;
  /** What the process wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the server on `port` with `env` added to this process's environment. */
export function startInstance(port: number, env: Record<string, string>): Instance {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d) => {
    text = (text + String(d)).slice(-20_000);
  });
  child.stderr?.on('data', (d) => {
    text = (text + String(d)).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    output: () => text,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until the instance answers readiness 200 (its migrations done, its database answering). */
export async function waitUntilReady(instance: Instance, attempts = 600): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${instance.port}/api/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`instance on ${instance.port} never became ready:\n${instance.output()}`);
}

/** A round-robin reverse proxy: request n goes to `ports[n % ports.length]`, like nginx's default. */
export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export async function startRoundRobinBalancer(ports: number[]): Promise<Balancer> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const port = ports[next++ % ports.length];
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwarded, connection: 'close' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [UPSTREAM_HEADER]: String(port) });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { [UPSTREAM_HEADER]: String(port) });
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser-like client over fetch: keeps cookies and sends the CSRF token on writes. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(private readonly base: string) {}

  async request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; upstream: string | null; headers: Headers; json: () => unknown }> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        cookie: this.cookieHeader(),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '') this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    const text = await res.text();
    return {
      status: res.status,
      upstream: res.headers.get(UPSTREAM_HEADER),
      headers: res.headers,
      json: () => JSON.parse(text),
    };
  }

  /** The Cookie header this client sends (for a raw upload made with fetch). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetchCsrf() {
    const res = await this.request('GET', '/api/auth/csrf');
    this.csrf = (res.json() as { token: string }).token;
    return res;
  }
}
