import type pg from 'pg';

const SUBJECTS = `array['Latviešu valoda','Matemātika','Angļu valoda','Vēsture','Bioloģija','Fizika']`;
const NOTES = `array['Traucēja stundu','Neizpildīja mājasdarbu','Kavēja stundas sākumu','Lietoja telefonu stundā','Nepiedalījās darbā']`;

/**
 * Lesson-level attendance (rows go in student-id, date, lesson order — the unique index's — so
 * the index builds from presorted input): about 90 rows a student a semester (fewer only when the current
 * semester has begun so recently that it has fewer lesson slots), spread over the semester's
 * weekdays and lessons 1–8 so no two rows share a slot. Most are `present`; truants (profile 1)
 * miss 22–37 lessons unjustified (past the legal duty line of 20), others 0–6; some were ill.
 */
export async function insertAttendance(client: pg.ClientBase): Promise<number> {
  const res = await client.query(
    `insert into attendance (id, student_id, on_date, lesson_no, lessons, subject, reason, source) overriding system value
     select (s.ord::bigint * 8 + m.k) * 128 + g.j, s.id, m.days[x.slot / 8 + 1], (x.slot % 8 + 1)::smallint, 1::smallint,
       (${SUBJECTS})[x.slot % 6 + 1],
       case when x.p < c.u then 'unjustified' when x.p < c.u + c.ill then 'justified'
            when x.p < c.u + c.ill + c.o then 'other' else 'present' end,
       'import'
     from g_students s
     cross join lateral (select * from g_sems m0 where s.n > 0 order by m0.k) m
     cross join lateral (
       select least(90, m.nd * 8) as r, greatest(1, (m.nd * 8) / least(90, m.nd * 8)) as stride,
         case when s.profile = 1 then 22 + (s.n * 7 + m.k) % 16 else (s.n * 13 + m.k * 5) % 7 end as u,
         case when pg_temp.r(s.n * 10 + m.k, 1) < 0.35 then 6 * (1 + (s.n + m.k) % 2) else 0 end as ill,
         case when pg_temp.r(s.n * 10 + m.k, 2) < 0.1 then 1 else 0 end as o) c
     cross join lateral generate_series(0, c.r - 1) as g(j)
     cross join lateral (
       select g.j * c.stride + floor(pg_temp.r(s.n::bigint * 100000 + m.k * 1000 + g.j, 3) * c.stride)::int as slot,
         (g.j * 37 + s.n) % c.r as p) x`,
  );
  return res.rowCount ?? 0;
}

/**
 * Four marks a subject a semester in six subjects, on distinct days (students in id order, as for
 * attendance). Struggling students (profile 2)
 * average about four in the current semester (with some `nv`) and 1.5 more before, so the
 * average-drop flag shows.
 */
export async function insertMarks(client: pg.ClientBase): Promise<number> {
  const res = await client.query(
    `with last as (select max(k) as k from g_sems)
     insert into marks (id, student_id, subject, on_date, mark, value, source) overriding system value
     select ((s.ord::bigint * 8 + m.k) * 8 + subj.i) * 8 + q, s.id, subj.name, m.days[q * c.st + floor(pg_temp.r(s.n::bigint * 100000 + m.k * 1000 + subj.i * 10 + q, 4) * c.st)::int + 1],
       case when v.nv then 'nv' else v.v::text end, case when v.nv then null else v.v end, 'import'
     from g_students s cross join last
     cross join lateral (select * from g_sems m0 where s.n > 0 order by m0.k) m
     cross join unnest(${SUBJECTS}) with ordinality subj(name, i)
     cross join lateral (select least(4, m.nd) as cnt, m.nd / least(4, m.nd) as st) c
     cross join lateral generate_series(0, c.cnt - 1) q
     cross join lateral (
       select greatest(1, least(10, round(s.ability + case when s.profile = 2 and m.k < last.k then 1.5 else 0 end
           + (pg_temp.r(s.n::bigint * 100000 + m.k * 1000 + subj.i * 10 + q, 5) - 0.5) * 3)))::smallint as v,
         s.profile = 2 and m.k = last.k and pg_temp.r(s.n::bigint * 100000 + m.k * 1000 + subj.i * 10 + q, 6) < 0.15 as nv) v`,
  );
  return res.rowCount ?? 0;
}

/** Negative behaviour notes: 3–5 a semester for unruly students (profile 3), one for about 5 % of others. */
export async function insertBehaviour(client: pg.ClientBase): Promise<number> {
  const res = await client.query(
    `insert into behaviour_notes (id, student_id, on_date, kind, note, note_hash, source) overriding system value
     select (s.n::bigint * 8 + m.k) * 8 + i, s.id, m.days[i * c.st + 1], 'negative', n.note,
       encode(sha256(convert_to(n.note || '|' || i, 'UTF8')), 'hex'), 'import'
     from g_sems m cross join g_students s
     cross join lateral (select case when s.profile = 3 then 3 + (s.n + m.k) % 3
                                     when pg_temp.r(s.n * 10 + m.k, 7) < 0.05 then 1 else 0 end as cnt) k
     cross join lateral (select greatest(1, m.nd / greatest(k.cnt, 1)) as st) c
     cross join lateral generate_series(0, least(k.cnt, m.nd) - 1) i
     cross join lateral (select (${NOTES})[(s.n + i) % 5 + 1] as note) n`,
  );
  return res.rowCount ?? 0;
}

/**
 * student_indicators for every generated student and semester in one statement, with the same
 * definitions as the ejournal domain's refreshIndicators (which works per scope through `in`
 * lists and is far slower over the whole nation): lesson sums by reason, the day the running
 * sum of unjustified lessons first passes `legalDutyLine`, subjects whose latest mark is below 4 or
 * `nv`, averages (this semester's and the previous generated one's), negative behaviour notes, the
 * last record and the last attendance record; then each school's journal coverage (journal_coverage).
 */
export async function insertIndicators(
  client: pg.ClientBase,
  legalDutyLine: number,
  computedAt: Date,
): Promise<number> {
  const res = await client.query(
    `with a as (
       select a.student_id, m.k,
         coalesce(sum(a.lessons) filter (where a.reason = 'unjustified'), 0) as unj,
         coalesce(sum(a.lessons) filter (where a.reason = 'justified'), 0) as jus,
         coalesce(sum(a.lessons) filter (where a.reason = 'other'), 0) as oth,
         coalesce(sum(a.lessons) filter (where a.reason = 'present'), 0) as pre,
         max(a.on_date) as last
       from attendance a join g_sems m on a.on_date between m.starts_on and m.ends_on group by 1, 2),
     legal as (
       select student_id, k, min(on_date) as crossed from (
         select a.student_id, m.k, a.on_date,
           sum(a.lessons) over (partition by a.student_id, m.k order by a.on_date, a.lesson_no) as cum
         from attendance a join g_sems m on a.on_date between m.starts_on and m.ends_on where a.reason = 'unjustified') x
       where cum > $1 group by 1, 2),
     mk as (
       select r.student_id, m.k, round(avg(r.value), 2) as avg, max(r.on_date) as last
       from marks r join g_sems m on r.on_date between m.starts_on and m.ends_on group by 1, 2),
     ml as (
       select student_id, k, count(*) filter (where value < 4 or lower(mark) = 'nv') as low from (
         select distinct on (r.student_id, m.k, r.subject) r.student_id, m.k, r.value, r.mark
         from marks r join g_sems m on r.on_date between m.starts_on and m.ends_on
         order by r.student_id, m.k, r.subject, r.on_date desc) latest group by 1, 2),
     b as (
       select n.student_id, m.k, count(*) filter (where n.kind = 'negative') as n, max(n.on_date) as last
       from behaviour_notes n join g_sems m on n.on_date between m.starts_on and m.ends_on group by 1, 2)
     insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons, justified_lessons, other_lessons,
       present_lessons, low_marks, mark_average, previous_average, behaviour_notes, legal_duty_crossed_on, last_record_on, last_attendance_on, computed_at)
     select s.id, m.id, s.school_id, coalesce(a.unj, 0), coalesce(a.jus, 0), coalesce(a.oth, 0), coalesce(a.pre, 0),
       coalesce(ml.low, 0), mk.avg, p.avg, coalesce(b.n, 0), legal.crossed, greatest(a.last, mk.last, b.last), a.last, $2
     from g_students s cross join g_sems m
       left join a on a.student_id = s.id and a.k = m.k
       left join mk on mk.student_id = s.id and mk.k = m.k
       left join ml on ml.student_id = s.id and ml.k = m.k
       left join mk p on p.student_id = s.id and p.k = m.k - 1
       left join b on b.student_id = s.id and b.k = m.k
       left join legal on legal.student_id = s.id and legal.k = m.k`,
    [legalDutyLine, computedAt],
  );
  await client.query(
    `insert into journal_coverage (semester_id, school_id, covered_to, school_days)
     select c.semester_id, c.school_id, c.covered_to,
       (select count(*)::int from generate_series(m.starts_on, c.covered_to, interval '1 day') d where extract(isodow from d) < 6)
     from (select i.semester_id, i.school_id, max(i.last_attendance_on) as covered_to from student_indicators i
           join g_students s on s.id = i.student_id where i.last_attendance_on is not null group by 1, 2) c
       join semesters m on m.id = c.semester_id
     on conflict (semester_id, school_id) do update set covered_to = excluded.covered_to, school_days = excluded.school_days`,
  );
  return res.rowCount ?? 0;
}
