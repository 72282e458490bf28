import { z } from 'zod';

/**
 * Keyset pagination's opaque cursor: base64url of JSON holding the last row's sort values and id,
 * and the list, sort and direction it was made for. The client only passes it back; the server
 * checks its shape here (a zod schema, so a bad cursor is a 400 `validation` naming `cursor`) and
 * the type of each value against the sort's keys (`server/platform/cursor.ts`).
 */

/** A cursor may not be longer than this once decoded (bytes of JSON). */
export const MAX_CURSOR_BYTES = 1024;
/** …nor as sent (base64url of 1 KB is 1,366 characters). */
const MAX_CURSOR_CHARS = Math.ceil((MAX_CURSOR_BYTES * 4) / 3);

/** What a cursor holds. `k` are the sort values of the last row (as text, in key order), `id` its id. */
export const ZCursorPayload = z.strictObject({
  l: z.string().max(20),
  s: z.string().max(20),
  d: z.enum(['asc', 'desc']),
  k: z.array(z.string().max(300)).max(8),
  id: z.string().max(40),
  /** A fingerprint of the filters the cursor was made with (see `filterKey`). */
  f: z.string().max(16).optional(),
});
export type TCursorPayload = z.infer<typeof ZCursorPayload>;

/** The payload encoded for a URL (base64url, no padding). */
export function encodeCursor(payload: TCursorPayload): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The payload of a cursor, or null when it is not one (bad base64url, too long, not JSON, wrong shape). */
export function decodeCursor(cursor: string): TCursorPayload | null {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor))
    return null;
  if (cursor.length % 4 === 1) return null;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    if (binary.length > MAX_CURSOR_BYTES) return null;
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const parsed = ZCursorPayload.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The `cursor` query parameter: decoded to its payload, else the message `cursor_invalid`. */
export const ZCursor = z.string().transform((value, ctx) => {
  const payload = decodeCursor(value);
  if (!payload) {
    ctx.addIssue({ code: 'custom', message: 'cursor_invalid' });
    return z.NEVER;
  }
  return payload;
});

/** The page fields every keyset-paged list accepts: `page` (offset, as before) or `cursor`, not both. */
export const pageFields = (maxPageSize = 200) => ({
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(50),
  cursor: ZCursor.optional(),
});

/** Fields of a list query that are paging or order, not filters. */
const NOT_FILTERS = new Set(['page', 'pageSize', 'cursor', 'sort', 'dir']);

/**
 * A short fingerprint (FNV-1a, hex) of a list query's filters: every field except paging and order,
 * in name order, empty ones left out. A cursor carries it, so it cannot be replayed with other filters.
 */
export function filterKey(q: object): string {
  const entries = Object.entries(q)
    .filter(([k, v]) => !NOT_FILTERS.has(k) && v !== undefined && v !== null && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const text = JSON.stringify(entries);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The `nextCursor` of a page, bound to the filters of the query that made it. */
export function bindCursor(cursor: string | null, q: object): string | null {
  if (!cursor) return null;
  const payload = decodeCursor(cursor);
  return payload ? encodeCursor({ ...payload, f: filterKey(q) }) : null;
}

/**
 * Checks the cursor fits the query: not together with `page`, made for this list, sort and direction.
 * Use in a query schema's `superRefine`; lists with one fixed order pass constants for sort and dir.
 */
export function checkCursor(
  q: { page?: number; cursor?: TCursorPayload },
  made: { list: string; sort: string; dir: 'asc' | 'desc' },
  ctx: z.RefinementCtx,
): void {
  if (!q.cursor) return;
  if (q.page !== undefined) ctx.addIssue({ code: 'custom', message: 'cursor_with_page', path: ['page'] });
  const c = q.cursor;
  if (c.l !== made.list || c.s !== made.sort || c.d !== made.dir)
    ctx.addIssue({ code: 'custom', message: 'cursor_other_sort', path: ['cursor'] });
  else if (c.f !== filterKey(q))
    ctx.addIssue({ code: 'custom', message: 'cursor_other_filters', path: ['cursor'] });
}
