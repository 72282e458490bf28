import http from 'node:http';

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

  /** Sends one request; answers the status, or 0 when no answer came within the timeout. */
  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          timeout: this.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(0));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
