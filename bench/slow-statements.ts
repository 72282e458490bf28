import pg from 'pg';

/**
 * Slow statements with their plans, from PostgreSQL's own auto_explain: the bench database is set to
 * load it in every session (we connect as a superuser) and to log the plan, with actual row counts
 * (ANALYZE without per-node timing, which is cheap), of every statement over the threshold. The
 * server log is read back through pg_read_binary_file, cut at each stage's start, and the
 * entries of the bench database are grouped by statement.
 */

/** One logged plan. */
export interface ExplainEntry {
  ms: number;
  query: string;
  plan: string;
}

/** A statement's slow executions: how many, the median and slowest, and the slowest one's plan. */
export interface SlowStatement {
  query: string;
  count: number;
  medianMs: number;
  maxMs: number;
  totalMs: number;
  /** Executions over the threshold by stage label. */
  byStage: Record<string, number>;
  plan: string;
}

/** Where the server log is: the collector's file, else BENCH_PG_LOG, else Debian's default. */
async function logFile(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ file: string | null; dir: string; major: string }>(
    `select pg_current_logfile() as file, current_setting('data_directory') as dir,
            current_setting('server_version_num')::int / 10000 as major`,
  );
  const { file, dir, major } = rows[0];
  if (process.env.BENCH_PG_LOG) return process.env.BENCH_PG_LOG;
  if (file) return file.startsWith('/') ? file : `${dir}/${file}`;
  return `/var/log/postgresql/postgresql-${major}-main.log`;
}

/** Turns auto_explain on for new sessions of `database` and answers the server log's file. */
export async function startExplaining(
  adminUrl: string,
  database: string,
  thresholdMs: number,
): Promise<string> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const ident = `"${database.replaceAll('"', '""')}"`;
    // Refuses here when the server has no auto_explain, before any session of the database needs it.
    await db.query(`load 'auto_explain'`);
    await db.query(`alter database ${ident} set session_preload_libraries = 'auto_explain'`);
    await db.query(`alter database ${ident} set auto_explain.log_min_duration = ${Math.round(thresholdMs)}`);
    await db.query(`alter database ${ident} set auto_explain.log_analyze = on`);
    await db.query(`alter database ${ident} set auto_explain.log_timing = off`);
    const file = await logFile(db);
    // Readable, or the run learns now rather than at the end.
    await db.query('select size from pg_stat_file($1)', [file]);
    return file;
  } finally {
    await db.end();
  }
}

/** The server log's current end (bytes), to cut the log into stages. */
export async function logOffset(adminUrl: string, file: string): Promise<number> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ size: string }>('select size from pg_stat_file($1)', [file]);
    return Number(rows[0].size);
  } finally {
    await db.end();
  }
}

/**
 * Reads the log from the first mark to its end and answers the bench database's plans grouped by
 * statement, each execution counted under the stage (mark label) whose stretch of the log holds it.
 */
export async function collectSlowStatements(
  adminUrl: string,
  database: string,
  file: string,
  marks: { label: string; offset: number }[],
): Promise<SlowStatement[]> {
  if (marks.length === 0) return [];
  const end = await logOffset(adminUrl, file);
  const start = marks[0].offset;
  if (end <= start) return [];
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ t: Buffer }>('select pg_read_binary_file($1, $2, $3) as t', [
      file,
      start,
      Math.min(end - start, 512 * 1024 * 1024),
    ]);
    const bytes = rows[0].t;
    const entries: (ExplainEntry & { stage: string })[] = [];
    marks.forEach((m, i) => {
      const to = i + 1 < marks.length ? marks[i + 1].offset - start : bytes.length;
      const part = bytes.subarray(m.offset - start, to).toString('utf8');
      for (const e of parseExplainLog(part, database)) entries.push({ ...e, stage: m.label });
    });
    return groupByStatement(entries);
  } finally {
    await db.end();
  }
}

const SETTINGS = [
  'session_preload_libraries',
  'auto_explain.log_min_duration',
  'auto_explain.log_analyze',
  'auto_explain.log_timing',
];

/** Stops loading auto_explain in new sessions of `database`. */
export async function stopExplaining(adminUrl: string, database: string): Promise<void> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const ident = `"${database.replaceAll('"', '""')}"`;
    for (const setting of SETTINGS) await db.query(`alter database ${ident} reset ${setting}`);
  } finally {
    await db.end();
  }
}

/**
 * Literals that could carry personal data (names in a search pattern, ids, codes, dates) are
 * replaced in the plans we write down; lower-case words (statuses, kinds) are kept.
 */
export function redactLiterals(text: string): string {
  return text.replace(/'((?:[^']|'')*)'/g, (whole, inner: string) =>
    /^[a-z_ ,{}]*$/.test(inner) ? whole : "'…'",
  );
}

const PLAN_NODE = /^\S.*\(cost=[\d.]+\.\.[\d.]+ rows=\d+ width=\d+\)/;
const HEADER = /duration: ([\d.]+) ms {2}plan:\s*$/;

/** The auto_explain entries (text format) of `database` in a stretch of the server log. */
export function parseExplainLog(log: string, database: string): ExplainEntry[] {
  const entries: ExplainEntry[] = [];
  let current: { ms: number; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const lines = current.lines.map((l) => l.replace(/^\t/, ''));
    const queryStart = lines.findIndex((l) => l.startsWith('Query Text:'));
    // The plan starts at the first node line (a query's own text may span lines too).
    const planStart = lines.findIndex((l, i) => i > queryStart && PLAN_NODE.test(l));
    if (queryStart >= 0) {
      const queryLines = lines.slice(queryStart, planStart < 0 ? lines.length : planStart);
      entries.push({
        ms: current.ms,
        query: queryLines
          .join(' ')
          .replace(/^Query Text:\s*/, '')
          .replace(/\s+/g, ' ')
          .trim(),
        plan: planStart < 0 ? '' : lines.slice(planStart).join('\n'),
      });
    }
    current = null;
  };
  for (const line of log.split('\n')) {
    if (line.startsWith('\t')) {
      current?.lines.push(line);
      continue;
    }
    flush();
    const m = HEADER.exec(line);
    if (m && line.includes(`@${database} `)) current = { ms: Number(m[1]), lines: [] };
  }
  flush();
  return entries;
}

/** Entries grouped by statement text, the most total time first; plans and texts redacted. */
export function groupByStatement(entries: (ExplainEntry & { stage?: string })[]): SlowStatement[] {
  const groups = new Map<string, (ExplainEntry & { stage?: string })[]>();
  for (const e of entries) {
    const list = groups.get(e.query) ?? [];
    list.push(e);
    groups.set(e.query, list);
  }
  return [...groups.entries()]
    .map(([query, list]) => {
      const ms = list.map((e) => e.ms).sort((a, b) => a - b);
      const slowest = list.reduce((a, b) => (b.ms > a.ms ? b : a));
      const byStage: Record<string, number> = {};
      for (const e of list) if (e.stage !== undefined) byStage[e.stage] = (byStage[e.stage] ?? 0) + 1;
      return {
        query: redactLiterals(query),
        count: list.length,
        medianMs: ms[Math.floor(ms.length / 2)],
        maxMs: ms[ms.length - 1],
        totalMs: ms.reduce((a, b) => a + b, 0),
        byStage,
        plan: redactLiterals(slowest.plan),
      };
    })
    .sort((a, b) => b.totalMs - a.totalMs);
}
