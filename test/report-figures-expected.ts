import { today as latvianDate } from '../server/platform/clock.ts';
import { dateOf, instant, type Raw, type Row } from './report-figures-raw.ts';

/**
 * An independent computation of the reports' read model for the tests: the raw rows are read with
 * plain selects and every indicator is aggregated here in JavaScript, record by record, into each
 * organisation it counts for — written apart from the SQL of server/domains/reports/figures-*.ts.
 */

export interface ExpectedRow {
  orgId: string;
  indicator: string;
  key: string;
  value: number;
  students: number | null;
}

interface Cell {
  students: Set<string>;
  items: Set<string>;
  numbers: number[];
  schools: Set<string>;
  munis: Set<string>;
}

/** The expected rows of a period (`semesterIds`, dates, school year) as the read model should hold them. */
export function expectedFigures(
  raw: Raw,
  period: { semesterIds: string[]; startsOn: string; endsOn: string; schoolYear: number },
): ExpectedRow[] {
  const orgById = new Map(raw.orgs.map((o) => [String(o.id), o]));
  const nation = raw.orgs.find((o) => o.type === 'nation')?.id as string;
  const muniOf = (school: string) => {
    const parent = orgById.get(String(orgById.get(school)?.parent_id));
    return parent && parent.type === 'municipality' ? String(parent.id) : null;
  };
  const levels = (school: string) => [school, muniOf(school), nation].filter((x): x is string => !!x);
  const inPeriod = new Set(period.semesterIds);
  const semById = new Map(raw.semesters.map((s) => [String(s.id), s]));
  const startOf = (semId: string) => dateOf(semById.get(semId)?.starts_on);
  const inDates = (d: string) => d >= period.startsOn && d <= period.endsOn;

  const cells = new Map<string, Cell>();
  const add = (
    indicator: string,
    school: string,
    key: string,
    f: { student?: string | null; item?: string; n?: number },
  ) => {
    for (const org of levels(school)) {
      const id = `${org}|${indicator}|${key}`;
      let c = cells.get(id);
      if (!c) {
        c = { students: new Set(), items: new Set(), numbers: [], schools: new Set(), munis: new Set() };
        cells.set(id, c);
      }
      if (f.student) c.students.add(f.student);
      if (f.item !== undefined) c.items.add(f.item);
      if (f.n !== undefined) c.numbers.push(f.n);
      c.schools.add(school);
      const m = muniOf(school);
      if (m) c.munis.add(m);
    }
  };

  const livePlan = (p: Row) => p.status !== 'deleted';
  const plans = raw.plans.filter((p) => livePlan(p) && inPeriod.has(String(p.semester_id)));
  const planById = new Map(raw.plans.map((p) => [String(p.id), p]));
  const eventsByPlan = new Map<string, Row[]>();
  for (const e of [...raw.events].sort((a, b) => Number(a.id) - Number(b.id)))
    eventsByPlan.set(String(e.plan_id), [...(eventsByPlan.get(String(e.plan_id)) ?? []), e]);

  for (const i of raw.indicators)
    if (inPeriod.has(String(i.semester_id)) && Number(i.flag_count) >= 1)
      add('students_flagged', String(i.school_id), '', { student: String(i.student_id) });

  const typeOfItem = new Map(raw.riskItems.map((r) => [String(r.id), String(r.risk_type)]));
  const studentSchool = new Map(raw.students.map((s) => [String(s.id), String(s.school_id)]));
  for (const r of raw.risks) {
    if (r.removed_at !== null || !inPeriod.has(String(r.semester_id))) continue;
    const candidates = raw.plans
      .filter((p) => livePlan(p) && p.student_id === r.student_id && p.semester_id === r.semester_id)
      .sort((a, b) => {
        const live = Number(a.moved_out_at === null) - Number(b.moved_out_at === null);
        return live !== 0 ? -live : instant(b.created_at).getTime() - instant(a.created_at).getTime();
      });
    const school = candidates[0]
      ? String(candidates[0].school_id)
      : (studentSchool.get(String(r.student_id)) as string);
    add('students_with_risks', school, '', { student: String(r.student_id) });
    add('risks_by_type', school, typeOfItem.get(String(r.risk_item_id)) as string, {
      student: String(r.student_id),
      item: String(r.id),
    });
  }

  for (const p of plans) {
    const school = String(p.school_id);
    const student = String(p.student_id);
    add('students_with_plans', school, '', { student });
    add('plans_by_status', school, String(p.status), { student, item: String(p.id) });
    if (p.status === 'in_approval' && p.approval_level)
      add('plans_waiting', school, String(p.approval_level), { student, item: String(p.id) });
    const events = eventsByPlan.get(String(p.id)) ?? [];
    let enteredAt: Date | null = null;
    for (const e of events) {
      if ((e.action === 'approve' || e.action === 'return') && e.level && enteredAt)
        add('approval_wait_days', school, String(e.level), {
          student,
          n: (instant(e.at).getTime() - enteredAt.getTime()) / 86_400_000,
        });
      if (e.action === 'submit' || (e.action === 'approve' && e.to_status === 'in_approval'))
        enteredAt = instant(e.at);
    }
    // The last level is always the expert's: an approval there is the plan's approval.
    if (events.some((e) => e.action === 'approve' && e.level === 'expert')) {
      add('iaps', school, '', { student, item: String(p.id) });
      add('schools_taking_part', school, '', { student });
      add('municipalities_taking_part', school, '', { student });
    }
    const evaluation = p.evaluation as { measures?: { measureId: string; carriedOut: string }[] } | null;
    for (const m of evaluation?.measures ?? [])
      add('measures_carried_out', school, m.carriedOut, { student, item: `${p.id}:${m.measureId}` });
  }

  // Sessions and payments, on plans that are not deleted.
  const measureOf = new Map(raw.measures.map((m) => [`${m.plan_id}|${m.id}`, m]));
  const sessionById = new Map(raw.sessions.map((s) => [String(s.id), s]));
  const counted = new Set<string>();
  for (const sp of raw.participants) {
    const s = sessionById.get(String(sp.session_id)) as Row;
    const plan = planById.get(String(sp.plan_id)) as Row;
    if (sp.confirmed_at === null || !livePlan(plan) || !inDates(dateOf(s.on_date))) continue;
    const school = String(s.school_id);
    const student = String(sp.student_id);
    add('students_supported', school, '', { student });
    const m = measureOf.get(`${sp.plan_id}|${sp.measure_id}`) as Row;
    if (m.kind !== 'consultation') continue;
    const indicator = m.consultation_type === 'subject' ? 'hours_by_subject' : 'hours_by_specialist';
    const key = String(m.consultation_type === 'subject' ? m.subject : m.consultation_type);
    const once = `${indicator}|${s.id}|${key}`;
    add(indicator, school, key, { student, n: counted.has(once) ? 0 : Number(s.minutes) / 60 });
    counted.add(once);
  }
  for (const ep of raw.payments) {
    if (!inPeriod.has(String(ep.semester_id)) || !livePlan(planById.get(String(ep.plan_id)) as Row)) continue;
    add('students_supported', String(ep.school_id), '', { student: String(ep.student_id) });
    add('euros_by_category', String(ep.school_id), String(ep.category), {
      student: String(ep.student_id),
      n: Number(ep.amount_cents),
    });
  }

  for (const b of raw.budgets)
    if (inPeriod.has(String(b.semester_id)))
      add('budget_allocated', String(b.school_id), String(b.category), { n: Number(b.amount) });
  const today = latvianDate();
  const confirmedSession = new Set(
    raw.participants.filter((p) => p.confirmed_at !== null).map((p) => String(p.session_id)),
  );
  for (const s of raw.sessions) {
    const d = dateOf(s.on_date);
    for (const semId of period.semesterIds) {
      const sem = semById.get(semId) as Row;
      if (d < dateOf(sem.starts_on) || d > dateOf(sem.ends_on)) continue;
      const dayAfter = new Date(`${d}T12:00:00Z`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      const holds =
        confirmedSession.has(String(s.id)) ||
        (s.mode === 'remote' && dayAfter.toISOString().slice(0, 10) >= today) ||
        (s.mode !== 'remote' && latvianDate(instant(s.created_at)) >= today);
      if (holds) add('budget_used', String(s.school_id), 'consultation', { n: Number(s.minutes) });
    }
  }
  for (const ep of raw.payments)
    if (inPeriod.has(String(ep.semester_id)))
      add('budget_used', String(ep.school_id), String(ep.category), { n: Number(ep.amount_cents) });

  for (const r of raw.referrals) {
    if (!inDates(latvianDate(instant(r.sent_at)))) continue;
    add('referrals_by_partner', String(r.school_id), String(r.partner_id), {
      student: String(r.student_id),
      item: String(r.id),
    });
    add('referrals_by_status', String(r.school_id), String(r.status), {
      student: String(r.student_id),
      item: String(r.id),
    });
  }

  const withPlan = new Set(plans.map((p) => String(p.student_id)));
  for (const o of raw.outcomes)
    if (Number(o.school_year) === period.schoolYear && withPlan.has(String(o.student_id)))
      add('outcomes', String(o.school_id), String(o.outcome), { student: String(o.student_id) });

  // Before and after: each student once, at the school of the latest plan of the period.
  const semestersByStart = [...raw.semesters].sort((a, b) =>
    dateOf(a.starts_on).localeCompare(dateOf(b.starts_on)),
  );
  for (const student of withPlan) {
    const mine = plans
      .filter((p) => p.student_id === student)
      .sort(
        (a, b) =>
          startOf(String(b.semester_id)).localeCompare(startOf(String(a.semester_id))) ||
          instant(b.created_at).getTime() - instant(a.created_at).getTime(),
      );
    const school = String(mine[0].school_id);
    const firstStart = raw.plans
      .filter((p) => livePlan(p) && p.student_id === student)
      .map((p) => startOf(String(p.semester_id)))
      .sort()[0];
    const before = semestersByStart.filter((s) => dateOf(s.starts_on) < firstStart).at(-1);
    const own = raw.indicators.filter((i) => i.student_id === student);
    const after = own
      .filter((i) => startOf(String(i.semester_id)) <= period.endsOn)
      .sort((a, b) => startOf(String(a.semester_id)).localeCompare(startOf(String(b.semester_id))))
      .at(-1);
    const beforeRow = before ? own.find((i) => i.semester_id === before.id) : undefined;
    for (const [key, row] of [
      ['before', beforeRow],
      ['after', after],
    ] as const) {
      if (!row) continue;
      add('attendance_before_after', school, key, { student, n: Number(row.unjustified_lessons) });
      if (row.mark_average !== null)
        add('marks_before_after', school, key, { student, n: Number(row.mark_average) });
    }
  }

  const out: ExpectedRow[] = [];
  for (const [id, c] of cells) {
    const [orgId, indicator, key] = id.split('|');
    const sum = c.numbers.reduce((a, b) => a + b, 0);
    const sorted = [...c.numbers].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const value = {
      students_flagged: c.students.size,
      students_with_risks: c.students.size,
      students_with_plans: c.students.size,
      students_supported: c.students.size,
      outcomes: c.students.size,
      plans_by_status: c.items.size,
      plans_waiting: c.items.size,
      risks_by_type: c.items.size,
      referrals_by_partner: c.items.size,
      referrals_by_status: c.items.size,
      measures_carried_out: c.items.size,
      iaps: c.items.size,
      schools_taking_part: c.schools.size,
      municipalities_taking_part: c.munis.size,
      approval_wait_days: sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2,
      attendance_before_after: sum / c.numbers.length,
      marks_before_after: sum / c.numbers.length,
      hours_by_subject: sum,
      hours_by_specialist: sum,
      euros_by_category: sum,
      budget_allocated: sum,
      budget_used: sum,
    }[indicator] as number;
    const noStudents = indicator === 'budget_allocated' || indicator === 'budget_used';
    out.push({ orgId, indicator, key, value, students: noStudents ? null : c.students.size });
  }
  return out;
}
