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
} from '../domains/ejournal/index.ts';
import { findCatalogue, insertStudentRisk } from '../domains/risks/index.ts';
import type { Db } from '../platform/db.ts';
import { queryRows } from '../platform/db.ts';
import type { DemoCalendar } from './calendar.ts';
import { pick, seededRandom } from './random.ts';

const SUBJECTS = ['Latviešu valoda', 'Matemātika', 'Angļu valoda', 'Vēsture', 'Bioloģija', 'Fizika'];
const NOTES = [
  'Traucēja stundu',
  'Neizpildīja mājasdarbu',
  'Kavēja stundas sākumu',
  'Lietoja telefonu stundā',
  'Nepiedalījās darbā',
];

type Rows = { att: AttendanceRow[]; mk: MarkRow[]; beh: BehaviourRow[] };
type Profile = { truant: boolean; struggling: boolean; unruly: boolean; ability: number };

/** One semester of a student's e-journal on `days`: illness, unjustified absences, marks, behaviour notes. */
function recordSemester(
  studentId: string,
  p: Profile,
  days: string[],
  rand: () => number,
  out: Rows,
  marksPerSubject = 4,
): void {
  const illDays = Math.floor(rand() * 5);
  const used = new Set<string>();
  for (let i = 0; i < illDays; i++) {
    const d = pick(rand, days);
    if (!used.has(`${d}|0`))
      out.att.push({
        studentId,
        onDate: d,
        lessonNo: 0,
        lessons: 6,
        subject: null,
        reason: 'justified',
        source: 'import',
      });
    used.add(`${d}|0`);
  }
  const unjustified = p.truant ? 18 + Math.floor(rand() * 20) : Math.floor(rand() * 6);
  for (let i = 0; i < unjustified; i++) {
    const d = pick(rand, days);
    const lesson = 1 + Math.floor(rand() * 7);
    if (used.has(`${d}|0`) || used.has(`${d}|${lesson}`)) continue;
    used.add(`${d}|${lesson}`);
    out.att.push({
      studentId,
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
    for (let i = 0; i < marksPerSubject; i++) markDays.add(pick(rand, days));
    for (const d of markDays) {
      const v = Math.round(p.ability + (rand() - 0.5) * 3);
      const nv = p.struggling && rand() < 0.15;
      out.mk.push({
        studentId,
        subject,
        onDate: d,
        mark: nv ? 'nv' : String(Math.min(10, Math.max(1, v))),
        value: nv ? null : Math.min(10, Math.max(1, v)),
        source: 'import',
      });
    }
  }
  if (p.unruly) {
    for (let i = 0; i < 3 + Math.floor(rand() * 3); i++) {
      const note = pick(rand, NOTES);
      const d = pick(rand, days);
      const noteHash = createHash('sha256').update(`${note}|${i}`).digest('hex');
      out.beh.push({ studentId, onDate: d, kind: 'negative', note, noteHash, source: 'import' });
    }
  }
}

/**
 * E-journal data for every demo student in the current semester (up to yesterday) and the whole
 * previous one: absences (illness as whole days, unjustified by lesson), marks in six subjects,
 * behaviour notes — with about one student in ten crossing a flag threshold; struggling students'
 * marks were better last semester. Then indicators are computed, some risks recorded, some notices sent.
 */
export async function seedEjournal(
  tx: Db,
  staffBySchool: Map<string, string>,
  cal: DemoCalendar,
): Promise<void> {
  const { current, previous } = cal;
  const students = await queryRows<{ id: string; school_id: string; code: string }>(
    tx,
    sql`select id, school_id, personal_code as code from students order by personal_code`,
  );
  const rand = seededRandom(20261129);
  const now: Rows = { att: [], mk: [], beh: [] };
  const before: Rows = { att: [], mk: [], beh: [] };
  const profiles: Profile[] = [];
  for (const s of students) {
    const profile = rand();
    const struggling = profile >= 0.06 && profile < 0.12;
    const p: Profile = {
      truant: profile < 0.06,
      struggling,
      unruly: profile >= 0.12 && profile < 0.15,
      ability: struggling ? 3.5 + rand() : 5 + rand() * 4,
    };
    recordSemester(s.id, p, cal.currentDays, rand, now);
    // Last semester: the same student, a little better in marks when struggling now.
    const last = { ...p, ability: p.ability + (struggling ? 1.5 : 0), struggling: false };
    // Fewer marks last semester keep the demo quick to load; the averages still compare.
    recordSemester(s.id, last, cal.previousDays, rand, before, 2);
    profiles.push(p);
  }
  // The labelled past semester (issue 15) from a stream of its own: the current and previous
  // semesters' data — and so the watch list — stay as they were.
  const history = recordHistory(
    students.map((s) => s.id),
    profiles,
    cal,
    before,
  );
  for (const rows of [history, before, now]) {
    for (let i = 0; i < rows.att.length; i += 2000) await upsertAttendance(tx, rows.att.slice(i, i + 2000));
    for (let i = 0; i < rows.mk.length; i += 2000) await upsertMarks(tx, rows.mk.slice(i, i + 2000));
    for (let i = 0; i < rows.beh.length; i += 2000) await upsertBehaviour(tx, rows.beh.slice(i, i + 2000));
  }
  if (cal.labelled.id !== previous.id) await refreshIndicators(tx, cal.labelled, null, sql`true`);
  await refreshIndicators(tx, previous, cal.beforePrevious, sql`true`);
  await refreshIndicators(tx, current, previous, sql`true`);
  await seedAssessments(tx, current.id, staffBySchool);
}

/** Share of students (not flagged now) who were failing in the labelled semester. */
const FAILING_BEFORE = 0.09;

/**
 * The e-journal of the last completed school year's final semester (`cal.labelled`), so that the
 * flag validation and the risk score have a past semester whose outcomes are known. When it is the
 * previous semester (September–December), that semester is already recorded: about 9 % of the
 * students who are not flagged now get failing marks (2–3) at its end in one or two subjects — they
 * were failing then — added to `before`. Otherwise (January–August) a whole semester is recorded into
 * the rows answered, the same students much alike: most of those truant or struggling now were so
 * then, a few others too.
 */
function recordHistory(ids: string[], profiles: Profile[], cal: DemoCalendar, before: Rows): Rows {
  const rand = seededRandom(20261205);
  const out: Rows = { att: [], mk: [], beh: [] };
  if (cal.labelled.id === cal.previous.id) {
    // The subject's latest marks of the semester: its last two school days.
    const days = cal.previousDays.slice(-2);
    const taken = new Set(before.mk.map((m) => `${m.studentId}|${m.subject}|${m.onDate}`));
    ids.forEach((id, i) => {
      const p = profiles[i];
      if (p.truant || p.struggling || p.unruly || rand() >= FAILING_BEFORE) return;
      const subjects = rand() < 0.6 ? 1 : 2;
      for (let k = 0; k < subjects; k++) {
        const subject = pick(rand, SUBJECTS);
        for (const d of days) {
          const key = `${id}|${subject}|${d}`;
          const value = 2 + Math.floor(rand() * 2);
          if (taken.has(key)) {
            const m = before.mk.find((x) => x.studentId === id && x.subject === subject && x.onDate === d);
            if (m) Object.assign(m, { mark: String(value), value });
          } else {
            taken.add(key);
            before.mk.push({
              studentId: id,
              subject,
              onDate: d,
              mark: String(value),
              value,
              source: 'import',
            });
          }
        }
      }
    });
    return out;
  }
  ids.forEach((id, i) => {
    const now = profiles[i];
    const struggling = rand() < (now.struggling ? 0.6 : 0.05);
    const p: Profile = {
      truant: rand() < (now.truant ? 0.6 : 0.04),
      struggling,
      unruly: rand() < (now.unruly ? 0.5 : 0.02),
      ability: struggling ? 3.2 + rand() : now.struggling ? 5 + rand() : now.ability,
    };
    recordSemester(id, p, cal.labelledDays, rand, out, 2);
  });
  return out;
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
