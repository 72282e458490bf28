import http from 'node:http';

const DEBUG = process.env.BENCH_DEBUG === '1';

/**
 * A keep-alive HTTP client for the load generator: node:http with a bounded socket pool (requests
 * beyond it wait in the agent, and that wait counts in the measured latency) and a per-request
 * timeout after which the request counts as unanswered (status 0).
 */
export class BenchClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly base: URL,
    maxSockets: number,
    private readonly timeoutMs: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /**
   * Sends one request; answers the status, or 0 when the whole answer did not come within the
   * timeout (counted from the call, so a wait for a free socket counts too).
   */
  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => req.destroy(new Error('timeout')), this.timeoutMs);
      const done = (status: number) => {
        clearTimeout(timer);
        resolve(status);
      };
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          // BENCH_DEBUG=1 prints error answers (message codes, no personal data) to find their cause.
          if (DEBUG && status >= 400) {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () =>
              console.error(`bench: ${method} ${path.split('?')[0]} ${status} ${text.slice(0, 200)}`),
            );
          } else res.resume();
          res.on('end', () => done(status));
          res.on('error', () => done(0));
        },
      );
      req.on('error', () => done(0));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
