import type { Db } from './db.ts';

/**
 * Lines of COPY text format written into a table inside the caller's transaction: through
 * `COPY … FROM STDIN` (pg-copy-streams) on PostgreSQL, and through `COPY … FROM '/dev/blob'` in
 * chunks of a few megabytes on PGlite. Memory stays bounded: PostgreSQL's stream applies
 * back-pressure, PGlite's chunk is flushed once full.
 */
export interface CopySink {
  /** Adds one line (tab-separated fields, see `copyField`, ending in "\n"). */
  write(line: string): Promise<void> | undefined;
  /** Sends what is left and waits until the server has every row. */
  end(): Promise<void>;
}

const PGLITE_CHUNK_CHARS = 4 * 1024 * 1024;

/** A field of COPY text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

type DrizzleSession = { session: { client: unknown } };
type PgClient = { query: (q: unknown) => unknown };
type PgliteClient = {
  query: (q: string, params: unknown[], options: { blob: Blob }) => Promise<unknown>;
  exec?: unknown;
};

/** The driver connection under a Drizzle transaction (node-postgres client or PGlite transaction). */
function driverOf(tx: Db): unknown {
  return (tx as unknown as DrizzleSession).session.client;
}

/**
 * Opens a COPY into `table (columns)` on the transaction's own connection. `table` and `columns`
 * come from the repository code, never from input.
 */
export async function openCopySink(tx: Db, kind: 'pglite' | 'postgres', target: string): Promise<CopySink> {
  const driver = driverOf(tx);
  if (kind === 'postgres') {
    const { from } = await import('pg-copy-streams');
    const stream = (driver as PgClient).query(from(`COPY ${target} FROM STDIN`)) as ReturnType<typeof from>;
    let failed: Error | null = null;
    stream.on('error', (e: Error) => {
      failed = e;
    });
    const finished = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', reject);
    });
    finished.catch(() => undefined);
    return {
      write(line) {
        if (failed) throw failed;
        if (stream.write(line)) return undefined;
        return new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (e: Error) => {
            stream.off('drain', onDrain);
            reject(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      },
      async end() {
        stream.end();
        await finished;
      },
    };
  }
  const client = driver as PgliteClient;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const blob = new Blob(parts);
    parts = [];
    size = 0;
    await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
  };
  return {
    write(line) {
      parts.push(line);
      size += line.length;
      return size >= PGLITE_CHUNK_CHARS ? flush() : undefined;
    },
    end: flush,
  };
}
