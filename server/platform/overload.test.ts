import { describe, expect, it } from 'vitest';
import { parseOpsConfig } from './config.ts';
import { isPoolWaitTimeout, isStatementTimeout } from './db.ts';
import { isExemptFromShedding, shedReason } from './overload.ts';

describe('shedReason', () => {
  const limits = { maxInFlight: 3, maxDbWaiting: 2 };
  it('lets a request in below both bounds', () => {
    expect(shedReason(2, 1, limits)).toBeNull();
  });
  it('refuses at the in-flight bound first, then at the waiting bound', () => {
    expect(shedReason(3, 5, limits)).toBe('in_flight');
    expect(shedReason(0, 2, limits)).toBe('db_waiting');
  });
  it('never refuses on a bound set to 0', () => {
    expect(shedReason(10_000, 10_000, { maxInFlight: 0, maxDbWaiting: 0 })).toBeNull();
  });
});

describe('isExemptFromShedding', () => {
  it('exempts health and metrics, nothing else', () => {
    expect(isExemptFromShedding('/api/health')).toBe(true);
    expect(isExemptFromShedding('/api/health/ready')).toBe(true);
    expect(isExemptFromShedding('/metrics')).toBe(true);
    expect(isExemptFromShedding('/api/me')).toBe(false);
    expect(isExemptFromShedding('/api/students?q=health')).toBe(false);
  });
});

describe('database timeouts', () => {
  it('recognises PostgreSQL’s query_canceled and the pool’s wait timeout, directly or as a cause', () => {
    expect(isStatementTimeout({ code: '57014' })).toBe(true);
    expect(isStatementTimeout({ message: 'x', cause: { code: '57014' } })).toBe(true);
    expect(isStatementTimeout({ code: '23505' })).toBe(false);
    expect(isPoolWaitTimeout(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isPoolWaitTimeout({ cause: new Error('timeout exceeded when trying to connect') })).toBe(true);
    expect(isPoolWaitTimeout(new Error('connection refused'))).toBe(false);
  });
});

describe('parseOpsConfig', () => {
  it('has defaults: 10 s statements, 30 min long statements, 30 s requests, metrics off', () => {
    expect(parseOpsConfig({})).toEqual({
      dbPoolSize: 10,
      dbStatementTimeoutMs: 10_000,
      dbLongStatementTimeoutMs: 1_800_000,
      dbPoolWaitMs: 5_000,
      requestTimeoutMs: 30_000,
      maxInFlight: 200,
      maxDbWaiting: 50,
      metricsToken: null,
    });
  });
  it('takes 0 as off, and refuses negative numbers, a pool of 0 and a short metrics token', () => {
    expect(parseOpsConfig({ DB_STATEMENT_TIMEOUT_MS: '0', MAX_IN_FLIGHT: '0' })).toMatchObject({
      dbStatementTimeoutMs: 0,
      maxInFlight: 0,
    });
    expect(() => parseOpsConfig({ REQUEST_TIMEOUT_MS: '-1' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => parseOpsConfig({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/);
    expect(() => parseOpsConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(parseOpsConfig({ METRICS_TOKEN: 'x'.repeat(24) }).metricsToken).toBe('x'.repeat(24));
  });
});
