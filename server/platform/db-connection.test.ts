import { describe, expect, it } from 'vitest';
import { isConnectionLost } from './db.ts';

describe('isConnectionLost', () => {
  it('recognises a server that went away or refuses connections', () => {
    expect(
      isConnectionLost({ code: '57P01', message: 'terminating connection due to administrator command' }),
    ).toBe(true);
    expect(isConnectionLost({ code: '57P03', message: 'the database system is starting up' })).toBe(true);
    expect(isConnectionLost({ code: '08006' })).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionLost(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    // Drizzle wraps the driver's error; a connect to several addresses fails with an AggregateError.
    expect(
      isConnectionLost(new Error('Failed query: select 1\nparams: ', { cause: { code: '57P01' } })),
    ).toBe(true);
    expect(
      isConnectionLost(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])),
    ).toBe(true);
  });

  it('leaves other errors alone, whatever a query parameter says', () => {
    expect(isConnectionLost({ code: '23505', message: 'duplicate key' })).toBe(false);
    expect(isConnectionLost({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(
      false,
    );
    expect(isConnectionLost(new Error('Failed query: insert\nparams: Connection terminated'))).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
    expect(isConnectionLost('ECONNREFUSED')).toBe(false);
  });
});
