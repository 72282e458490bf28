import { sql } from 'drizzle-orm';
import { planSignedFiles } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/** The signed copies of a plan: rows linking the plan to stored files. */

export async function insertSignedFile(db: Db, values: typeof planSignedFiles.$inferInsert): Promise<string> {
  const [row] = await db.insert(planSignedFiles).values(values).returning({ id: planSignedFiles.id });
  return row.id;
}

export interface SignedFileRow {
  id: string;
  file_id: string;
  file_name: string;
  content_type: string;
  kind: 'scan' | 'container';
  size: number;
  uploaded_at: Date | string;
  uploaded_by_name: string | null;
}

/** A plan's signed copies, newest first, with the uploader's name (one statement). */
export function findSignedFiles(db: Db, planId: string): Promise<SignedFileRow[]> {
  return queryRows<SignedFileRow>(
    db,
    sql`select sf.id, sf.file_id, f.file_name, f.content_type, sf.kind, f.size, sf.uploaded_at,
          case when u.id is null then null else u.first_name || ' ' || u.last_name end as uploaded_by_name
        from plan_signed_files sf
        join stored_files f on f.id = sf.file_id
        left join users u on u.id = sf.uploaded_by
        where sf.plan_id = ${planId}
        order by sf.uploaded_at desc, sf.id`,
  );
}

/** The stored file of one signed copy of the plan, or null (another plan's file id finds nothing). */
export async function findSignedFileId(db: Db, planId: string, id: string): Promise<string | null> {
  const [row] = await queryRows<{ file_id: string }>(
    db,
    sql`select file_id from plan_signed_files where plan_id = ${planId} and id = ${id}`,
  );
  return row?.file_id ?? null;
}
