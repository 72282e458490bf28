import type pg from 'pg';

/** Tables whose secondary indexes are dropped while the bulk rows go in and rebuilt once after. */
const BULK_TABLES = ['attendance', 'marks', 'behaviour_notes'];

/** Whether the database holds anyone or anything the generator would collide with. */
export async function findExistingData(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ t: string; n: boolean }>(
    `select 'organisations' as t, exists(select 1 from organisations) as n
     union all select 'users', exists(select 1 from users)
     union all select 'students', exists(select 1 from students)`,
  );
  return rows.filter((r) => r.n).map((r) => r.t);
}

/** Whether we may switch off foreign-key triggers for the load (superuser only). */
export async function isSuperuser(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ s: boolean }>(
    'select rolsuper as s from pg_roles where rolname = current_user',
  );
  return rows[0]?.s === true;
}

/**
 * Session settings for one big transaction. With `replica` the foreign-key triggers do not fire:
 * every row is generated consistent by construction, and a per-row check would double the time.
 */
export async function tuneSession(client: pg.ClientBase, superuser: boolean): Promise<void> {
  await client.query(`set local synchronous_commit = off`);
  await client.query(`set local maintenance_work_mem = '512MB'`);
  await client.query(`set local work_mem = '128MB'`);
  if (superuser) await client.query(`set local session_replication_role = replica`);
}

/**
 * Deterministic helpers in pg_temp: `r(key, salt)` a number in [0,1) from the seed, `gid(name)` a
 * stable UUID. Both are pure, so the same seed gives the same rows in any order or plan.
 */
export async function createHelpers(client: pg.ClientBase, seed: number): Promise<void> {
  const s = Math.trunc(seed);
  await client.query(
    `create function pg_temp.r(k bigint, salt int) returns float8 language sql immutable parallel safe as
     $$ select (hashint8extended(k, ${s}::bigint * 1000 + salt) & 2147483647)::float8 / 2147483648.0 $$`,
  );
  await client.query(
    `create function pg_temp.gid(t text) returns uuid language sql immutable parallel safe as
     $$ select (substr(h, 1, 12) || '5' || substr(h, 14, 3) || '9' || substr(h, 18, 15))::uuid
        from (select md5('${s}:' || t) as h) x $$`,
  );
}

/**
 * Drops the bulk tables' indexes and primary keys (none is referenced by a foreign key) and returns
 * the statements that rebuild them: one sorted build after the load beats a btree insert per row.
 */
export async function dropBulkIndexes(client: pg.ClientBase): Promise<string[]> {
  const { rows: keys } = await client.query<{ t: string; name: string; def: string }>(
    `select c.conrelid::regclass::text as t, c.conname as name, pg_get_constraintdef(c.oid) as def from pg_constraint c
     where c.contype = 'p' and c.conrelid = any(select ('public.' || x)::regclass from unnest($1::text[]) x)
       and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)`,
    [BULK_TABLES],
  );
  const { rows } = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const r of rows) await client.query(`drop index public."${r.name}"`);
  for (const k of keys) await client.query(`alter table ${k.t} drop constraint "${k.name}"`);
  return [
    ...keys.map((k) => `alter table ${k.t} add constraint "${k.name}" ${k.def}`),
    ...rows.map((r) => r.def),
  ];
}

/** Moves each bulk table's id sequence past the ids the generator set itself. */
export async function advanceBulkSequences(client: pg.ClientBase): Promise<void> {
  for (const t of BULK_TABLES)
    await client.query(
      `select setval(pg_get_serial_sequence('public.${t}', 'id'), greatest(1, (select max(id) from public.${t})))`,
    );
}

/** Rebuilds indexes from their saved definitions, then gives the planner the bulk tables' statistics. */
export async function createIndexes(client: pg.ClientBase, defs: string[]): Promise<void> {
  for (const def of defs) await client.query(def);
  for (const t of BULK_TABLES) await client.query(`analyze public.${t}`);
}

/** Opens the one transaction, holding `lock` so a demo load or another generation waits. */
export async function beginLocked(client: pg.ClientBase, lock: number): Promise<void> {
  await client.query('begin');
  await client.query('select pg_advisory_xact_lock($1)', [lock]);
}

export async function commit(client: pg.ClientBase): Promise<void> {
  await client.query('commit');
}

/** Rolls back, ignoring a connection that is already gone. */
export async function rollback(client: pg.ClientBase): Promise<void> {
  await client.query('rollback').catch(() => undefined);
}

/** Planner statistics for every table the generator filled (run after commit). */
export async function analyzeAll(client: pg.ClientBase): Promise<void> {
  await client.query('analyze');
}

/**
 * The semesters to fill (k = 1 oldest … S = current) with their weekdays that carry e-journal
 * data: all of a past semester, the current one up to yesterday (at least its first day).
 */
export async function createSemesterTable(
  client: pg.ClientBase,
  semesters: {
    k: number;
    id: string;
    schoolYear: number;
    number: number;
    startsOn: string;
    endsOn: string;
    dataTo: string;
  }[],
): Promise<void> {
  await client.query(
    `create temp table g_sems (k int primary key, id uuid, school_year int, number int, starts_on date, ends_on date, data_to date, days date[], nd int)`,
  );
  for (const m of semesters)
    await client.query(
      `insert into g_sems (k, id, school_year, number, starts_on, ends_on, data_to, days)
       select $1, $2::uuid, $3, $4, $5::date, $6::date, $7::date,
         coalesce(nullif(array(select d::date from generate_series($5::date, $7::date, interval '1 day') d
           where extract(isodow from d) < 6 order by d), '{}'), array[$5::date])`,
      [m.k, m.id, m.schoolYear, m.number, m.startsOn, m.endsOn, m.dataTo],
    );
  await client.query('update g_sems set nd = cardinality(days)');
}
