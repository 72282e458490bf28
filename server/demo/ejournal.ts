import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type AttendanceRow,
  type BehaviourRow,
  type MarkRow,
  refreshIndicators,
  upsertAttendance,
  upsertBehaviour,
  upsertMarks,
} from '../domains/ejournal/repo.ts';
import { findCatalogue, findSemesters, insertStudentRisk } from '../domains/risks/repo.ts';
import type { Db } from '../platform/db.ts';
import { queryRows } from '../platform/db.ts';
import { pick, seededRandom } from './random.ts';

const SUBJECTS = ['Latviešu valoda', 'Matemātika', 'Angļu valoda', 'Vēsture', 'Bioloģija', 'Fizika'];
const NOTES = [
  'Traucēja stundu',
  'Neizpildīja mājasdarbu',
  'Kavēja stundas sākumu',
  'Lietoja telefonu stundā',
  'Nepiedalījās darbā',
];

/** Weekdays from `from` to `to`, inclusive. */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/**
 * A semester of e-journal data for every demo student: absences (illness as whole days, unjustified
 * by lesson), marks in six subjects now and last semester, behaviour notes — with about one student in
 * ten crossing a flag threshold. Then indicators are computed, some risks recorded, some notices sent.
 */
export async function seedEjournal(tx: Db, staffBySchool: Map<string, string>): Promise<void> {
  const semesters = await findSemesters(tx);
  const current = semesters.find((s) => s.schoolYear === 2026 && s.number === 1);
  const previous = semesters.find((s) => s.schoolYear === 2025 && s.number === 2);
  if (!current || !previous) return;
  const today = new Date().toISOString().slice(0, 10);
  const days = weekdays(current.startsOn, '2026-11-27' < today ? '2026-11-27' : today);
  const students = await queryRows<{ id: string; school_id: string; code: string }>(
    tx,
    sql`select id, school_id, personal_code as code from students order by personal_code`,
  );
  const rand = seededRandom(20261129);
  const att: AttendanceRow[] = [];
  const mk: MarkRow[] = [];
  const beh: BehaviourRow[] = [];
  for (const s of students) {
    const profile = rand();
    const truant = profile < 0.06;
    const struggling = profile >= 0.06 && profile < 0.12;
    const unruly = profile >= 0.12 && profile < 0.15;
    const ability = struggling ? 3.5 + rand() : 5 + rand() * 4;
    const illDays = Math.floor(rand() * 5);
    const used = new Set<string>();
    for (let i = 0; i < illDays; i++) {
      const d = pick(rand, days);
      if (!used.has(`${d}|0`))
        att.push({
          studentId: s.id,
          onDate: d,
          lessonNo: 0,
          lessons: 6,
          subject: null,
          reason: 'justified',
          source: 'import',
        });
      used.add(`${d}|0`);
    }
    const unjustified = truant ? 18 + Math.floor(rand() * 20) : Math.floor(rand() * 6);
    for (let i = 0; i < unjustified; i++) {
      const d = pick(rand, days);
      const lesson = 1 + Math.floor(rand() * 7);
      if (used.has(`${d}|0`) || used.has(`${d}|${lesson}`)) continue;
      used.add(`${d}|${lesson}`);
      att.push({
        studentId: s.id,
        onDate: d,
        lessonNo: lesson,
        lessons: 1,
        subject: pick(rand, SUBJECTS),
        reason: 'unjustified',
        source: 'import',
      });
    }
    for (const subject of SUBJECTS) {
      const markDays = new Set<string>();
      for (let i = 0; i < 4; i++) markDays.add(pick(rand, days));
      for (const d of markDays) {
        const v = Math.round(ability + (rand() - 0.5) * 3);
        const nv = struggling && rand() < 0.15;
        mk.push({
          studentId: s.id,
          subject,
          onDate: d,
          mark: nv ? 'nv' : String(Math.min(10, Math.max(1, v))),
          value: nv ? null : Math.min(10, Math.max(1, v)),
          source: 'import',
        });
      }
      const before = Math.min(10, Math.max(1, Math.round(ability + (struggling ? 1.5 : 0) + (rand() - 0.5))));
      mk.push({
        studentId: s.id,
        subject,
        onDate: '2026-05-29',
        mark: String(before),
        value: before,
        source: 'import',
      });
    }
    if (unruly) {
      for (let i = 0; i < 3 + Math.floor(rand() * 3); i++) {
        const note = pick(rand, NOTES);
        const d = pick(rand, days);
        const noteHash = createHash('sha256').update(`${note}|${i}`).digest('hex');
        beh.push({ studentId: s.id, onDate: d, kind: 'negative', note, noteHash, source: 'import' });
      }
    }
  }
  for (let i = 0; i < att.length; i += 2000) await upsertAttendance(tx, att.slice(i, i + 2000));
  for (let i = 0; i < mk.length; i += 2000) await upsertMarks(tx, mk.slice(i, i + 2000));
  for (let i = 0; i < beh.length; i += 2000) await upsertBehaviour(tx, beh.slice(i, i + 2000));
  const prevOfPrevious = semesters.find((s) => s.schoolYear === 2025 && s.number === 1) ?? null;
  await refreshIndicators(tx, previous, prevOfPrevious, sql`true`);
  await refreshIndicators(tx, current, previous, sql`true`);
  await seedAssessments(tx, current.id, staffBySchool);
}

/** Records risks for about half of the students past 20 unjustified lessons, and notices for some of them. */
async function seedAssessments(
  tx: Db,
  semesterId: string,
  staffBySchool: Map<string, string>,
): Promise<void> {
  const catalogue = await findCatalogue(tx);
  const absences = catalogue.find((c) => c.code === 'L01');
  const motivation = catalogue.find((c) => c.code === 'L06');
  if (!absences || !motivation) return;
  const crossed = await queryRows<{ student_id: string; school_id: string; crossed: string }>(
    tx,
    sql`select student_id, school_id, to_char(legal_duty_crossed_on, 'YYYY-MM-DD') as crossed from student_indicators
        where semester_id = ${semesterId} and legal_duty_crossed_on is not null order by student_id`,
  );
  for (const [i, c] of crossed.entries()) {
    if (i % 2 === 1) continue;
    const by = staffBySchool.get(c.school_id) ?? null;
    await insertStudentRisk(tx, {
      studentId: c.student_id,
      semesterId,
      riskVersionId: absences.versionId,
      justification:
        'E-žurnālā vairāk nekā 20 neattaisnoti kavētas stundas; klases audzinātāja sazinājās ar ģimeni.',
      foundOn: c.crossed,
      foundBy: by,
    });
    await insertStudentRisk(tx, {
      studentId: c.student_id,
      semesterId,
      riskVersionId: motivation.versionId,
      justification: 'Sarunā skolēns atzina, ka mācības šķiet bezjēdzīgas.',
      foundOn: c.crossed,
      foundBy: by,
    });
    if (i % 4 === 0) {
      await tx.execute(
        sql`insert into legal_duty_notices (student_id, semester_id, informed_on, informed_by) values (${c.student_id}, ${semesterId}, ${c.crossed}::date + 2, ${by})`,
      );
    }
  }
}
