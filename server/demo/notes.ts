import { sql } from 'drizzle-orm';
import { insertNote } from '../domains/notes/index.ts';
import { now } from '../platform/clock.ts';
import { addDays } from '../platform/dates.ts';
import { type Db, queryRows } from '../platform/db.ts';
import type { DemoCalendar } from './calendar.ts';

/**
 * A few case notes at school 1, on the second student the teacher and the psychologist both work
 * with: a team note by the teacher, a specialists-only and an author-only note by the psychologist,
 * so the notes tab shows each visibility (the first student is left without notes).
 */
export async function seedNotes(tx: Db, users: Map<string, string>, cal: DemoCalendar): Promise<void> {
  const teacher = users.get('skolotajs.s1');
  const psychologist = users.get('psihologs.s1');
  if (!teacher || !psychologist) return;
  const [student] = await queryRows<{ id: string; school_id: string }>(
    tx,
    sql`select s.id, s.school_id from students s
          join student_assignments a on a.student_id = s.id and a.user_id = ${psychologist}
          join student_assignments b on b.student_id = s.id and b.user_id = ${teacher}
        order by s.last_name, s.first_name, s.id offset 1 limit 1`,
  );
  if (!student) return;
  const day = (n: number) => addDays(cal.today, -n);
  const notes = [
    [
      teacher,
      10,
      'observation',
      'team',
      'Stundās bieži nogurusi, kavē pirmās stundas. Runāju ar klases audzinātāju.',
    ],
    [
      psychologist,
      7,
      'conversation_student',
      'specialists',
      'Saruna par attiecībām klasē; vienojāmies tikties reizi nedēļā.',
    ],
    [
      psychologist,
      3,
      'conversation_guardian',
      'author',
      'Mātei ieteicu vērsties sociālajā dienestā; jāpārrunā nākamreiz.',
    ],
  ] as const;
  for (const [authorId, ago, type, visibility, text] of notes)
    await insertNote(tx, {
      studentId: student.id,
      schoolId: student.school_id,
      authorId,
      onDate: day(ago),
      type,
      visibility,
      text,
      at: now(),
    });
}
