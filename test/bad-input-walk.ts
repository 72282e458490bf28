import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayInLatvia } from '../server/platform/dates.ts';
import type { Database } from '../server/platform/db.ts';
import { queryRows } from '../server/platform/db.ts';
import type { WalkIds } from './bad-input-samples.ts';

/** A string or number somewhere in a body, with its path as the API names it (`goals.0.text`). */
export interface Leaf {
  path: string[];
  value: string | number;
}

/** Every string and number leaf of a JSON value. */
export function leavesOf(value: unknown, path: string[] = []): Leaf[] {
  if (typeof value === 'string' || typeof value === 'number') return [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...path, k]));
}

/** A deep copy of `value` with the leaf at `path` replaced. */
export function withLeaf<T>(value: T, path: string[], leaf: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]] = leaf;
  return copy as T;
}

/** The spoiled versions of one leaf: what no route may accept, each with the reason. */
export function spoilsOf(leaf: Leaf, first: boolean): { label: string; value: unknown }[] {
  if (typeof leaf.value === 'number')
    return [
      { label: 'beyond int4', value: 2_147_483_648 },
      { label: 'below int4', value: -2_147_483_649 },
    ];
  const v = leaf.value;
  const spoils: { label: string; value: unknown }[] = [
    { label: 'NUL byte', value: `${v.slice(0, 1)}\u0000${v.slice(1)}` },
    { label: 'lone surrogate', value: `${v}\ud800` },
    { label: 'escape control', value: `\u001b[31m${v}` },
  ];
  if (/^\d{4}-\d{2}-\d{2}$/.test(v))
    spoils.push({ label: 'year 0000', value: '0000-01-01' }, { label: 'year 9999', value: '9999-12-31' });
  if (/^\d{4}-\d{2}$/.test(v))
    spoils.push({ label: 'month 0000', value: '0000-01' }, { label: 'month 9999', value: '9999-12' });
  if (first) spoils.push({ label: '1 MB string', value: 'a'.repeat(1_000_000) });
  return spoils;
}

/** The keys of a route's zod query schema (every parameter it reads, whether the sample uses it or not). */
export function queryKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** The demo records the walk aims at. */
export async function findWalkIds(database: Database): Promise<WalkIds> {
  return database.read(async (db) => {
    const one = async (query: ReturnType<typeof sql>) => {
      const rows = await queryRows<{ id: string }>(db, query);
      if (!rows[0]) throw new Error('the demo lacks a record the bad-input walk needs');
      return rows[0].id;
    };
    const schoolId = await one(sql`select o.id from organisations o join students s on s.school_id = o.id
      where o.type = 'school' group by o.id order by count(*) desc limit 1`);
    return {
      today: todayInLatvia(),
      nationId: await one(sql`select id from organisations where type = 'nation' limit 1`),
      municipalityId: await one(
        sql`select id from organisations where type = 'municipality' order by name limit 1`,
      ),
      schoolId,
      studentId: await one(sql`select id from students where school_id = ${schoolId} order by id limit 1`),
      planId: await one(sql`select id from plans order by id limit 1`),
      userId: await one(sql`select id from users where email like 'koord.s1@%' limit 1`),
      semesterId: await one(sql`select id from semesters order by starts_on desc limit 1`),
      riskItemId: await one(sql`select id from risk_items order by id limit 1`),
    };
  });
}

/** Tables whose rows change on every request (sessions' last use) or that log it (audit). */
const VOLATILE = new Set(['audit_events', 'sessions', 'login_attempts', 'second_factor_attempts']);

/** A checksum of every row of every other table: equal before and after means nothing was written. */
export async function databaseFingerprint(database: Database): Promise<Record<string, string>> {
  return database.read(async (db) => {
    const tables = await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      if (VOLATILE.has(name)) continue;
      const [row] = await queryRows<{ n: string; h: string | null }>(
        db,
        sql`select count(*)::text as n, md5(string_agg(md5(t::text), '' order by md5(t::text))) as h
            from ${sql.identifier(name)} t`,
      );
      out[name] = `${row.n}:${row.h ?? ''}`;
    }
    return out;
  });
}
