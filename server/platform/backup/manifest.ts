import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { z } from 'zod';

/** The first line of every backup file; the number is the file format's version. */
export const MAGIC = 'PUMPURS-BACKUP 1';
/** The manifest (one JSON line after the magic line) is small; anything longer is not ours. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const ZTableSum = z.object({
  table: z.string().min(1).max(200),
  rows: z.number().int().nonnegative(),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
});
/** One table's row count and checksum (md5 over its rows in primary-key order, computed in SQL). */
export type TableSum = z.infer<typeof ZTableSum>;

/** The migration level of a database: how many of the journal's migrations ran, and the last. */
export const ZMigrationLevel = z.object({
  count: z.number().int().nonnegative(),
  lastWhen: z.number().int().nonnegative(),
  lastTag: z.string().nullable(),
});
export type MigrationLevel = z.infer<typeof ZMigrationLevel>;

/** What the file says about itself; restore trusts the payload only after checking it against this. */
export const ZManifest = z.object({
  format: z.literal('pumpurs-backup'),
  formatVersion: z.literal(1),
  kind: z.enum(['pglite', 'postgres']),
  appVersion: z.string().max(50),
  createdAt: z.iso.datetime(),
  migration: ZMigrationLevel,
  /** PostgreSQL only: the server's and pg_dump's major versions. */
  postgres: z.object({ serverMajor: z.number().int(), pgDumpMajor: z.number().int() }).optional(),
  payload: z.object({
    /** `pg_dump -Fc` or PGlite's data-folder tarball (gzip). */
    type: z.enum(['pg_dump-custom', 'pglite-datadir-tgz']),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  tables: z.array(ZTableSum).max(10_000),
});
export type Manifest = z.infer<typeof ZManifest>;

/** A backup file that cannot be restored, with the reason in words (never its data). */
export class BackupRefused extends Error {}

/** The bytes that precede the payload: the magic line and the manifest line. */
export function encodeHeader(manifest: Manifest): Buffer {
  return Buffer.from(`${MAGIC}\n${JSON.stringify(manifest)}\n`, 'utf8');
}

/** A backup file's manifest and where its payload starts. */
export interface OpenedBackup {
  manifest: Manifest;
  payloadOffset: number;
}

/**
 * Reads and checks the header of `file`: the magic line, then a manifest that parses. Throws
 * BackupRefused for anything else (not a backup, a damaged header, a newer file format).
 */
export async function readHeader(file: string): Promise<OpenedBackup> {
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new BackupRefused(`Cannot read ${file}: ${err.code ?? err.message}`);
  });
  try {
    const buffer = Buffer.alloc(MAX_MANIFEST_BYTES + MAGIC.length + 2);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const first = head.indexOf(10);
    const magic = first < 0 ? '' : head.subarray(0, first).toString('utf8');
    if (magic !== MAGIC) {
      if (magic.startsWith('PUMPURS-BACKUP '))
        throw new BackupRefused(`${file} is in a newer backup format (${magic}); update Pumpurs first.`);
      throw new BackupRefused(`${file} is not a Pumpurs backup (its first line is not "${MAGIC}").`);
    }
    const second = head.indexOf(10, first + 1);
    if (second < 0) throw new BackupRefused(`${file}: the manifest is cut off (a truncated file?).`);
    let json: unknown;
    try {
      json = JSON.parse(head.subarray(first + 1, second).toString('utf8'));
    } catch {
      throw new BackupRefused(`${file}: the manifest is not valid JSON (a damaged file?).`);
    }
    const parsed = ZManifest.safeParse(json);
    if (!parsed.success)
      throw new BackupRefused(
        `${file}: the manifest is not one this version reads (${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.code}`)
          .join('; ')}).`,
      );
    return { manifest: parsed.data, payloadOffset: second + 1 };
  } finally {
    await handle.close();
  }
}

/** SHA-256 of a file from `start` to its end, streamed (dumps can be many gigabytes). */
export async function sha256OfFile(file: string, start = 0): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Checks that the payload is whole and unchanged: its length (a truncated copy) and its SHA-256
 * (a damaged one) against the manifest, before anything is restored from it.
 */
export async function verifyPayload(file: string, opened: OpenedBackup): Promise<void> {
  const { size } = await stat(file);
  const present = size - opened.payloadOffset;
  const expected = opened.manifest.payload.bytes;
  if (present < expected)
    throw new BackupRefused(
      `${file} is truncated: the payload has ${present} of ${expected} bytes. Nothing was restored.`,
    );
  if (present > expected)
    throw new BackupRefused(
      `${file} has ${present - expected} bytes more than its manifest lists (a damaged file?). Nothing was restored.`,
    );
  const { sha256 } = await sha256OfFile(file, opened.payloadOffset);
  if (sha256 !== opened.manifest.payload.sha256)
    throw new BackupRefused(
      `${file} is corrupt: the payload's SHA-256 does not match its manifest. Nothing was restored.`,
    );
}

/** Tables whose row count or checksum differ between the manifest and a restored database. */
export function differingTables(expected: TableSum[], actual: TableSum[]): string[] {
  const byName = new Map(actual.map((t) => [t.table, t]));
  const names = new Set([...expected.map((t) => t.table), ...actual.map((t) => t.table)]);
  const expectedByName = new Map(expected.map((t) => [t.table, t]));
  return [...names]
    .filter((name) => {
      const a = byName.get(name);
      const e = expectedByName.get(name);
      return !a || !e || a.rows !== e.rows || a.md5 !== e.md5;
    })
    .sort();
}
