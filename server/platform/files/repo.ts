import { eq } from 'drizzle-orm';
import { storedFiles } from '../../db/schema.ts';
import type { Db } from '../db.ts';

/** Stored files (scans of applications and of payment documents): the bytes and what they are. */

export async function insertStoredFile(
  db: Db,
  values: {
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    content: Buffer;
    orgId: string;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(storedFiles).values(values).returning({ id: storedFiles.id });
  return row.id;
}

export async function findStoredFile(db: Db, id: string) {
  const rows = await db
    .select({
      id: storedFiles.id,
      fileName: storedFiles.fileName,
      contentType: storedFiles.contentType,
      content: storedFiles.content,
    })
    .from(storedFiles)
    .where(eq(storedFiles.id, id));
  return rows[0] ?? null;
}
