import type pg from 'pg';

/** Plans whose measures have been carried out (sessions held, money paid). */
const DELIVERING = `('in_progress', 'paused', 'under_revision', 'evaluated', 'closed')`;

/** Signed participation applications: every student with a plan and about a quarter of the others. */
export async function insertApplications(client: pg.ClientBase): Promise<number> {
  const res = await client.query(
    `insert into applications (student_id, signed_on, signer_type, guardian_id, signer_name, scope, document_ref)
     select s.id, m.starts_on + 1 + s.n % 10, 'guardian', s.guardian_id, g.first_name || ' ' || g.last_name,
       'participation_and_data', 'IES-' || s.n
     from g_students s join guardians g on g.id = s.guardian_id cross join (select starts_on from g_sems where k = 1) m
     where pg_temp.r(s.n, 20) < 0.09 or pg_temp.r(s.n, 30) < 0.25`,
  );
  return res.rowCount ?? 0;
}

/** Each school's allocation for every generated semester: consultation minutes and euros (in cents) by category. */
export async function insertBudgets(client: pg.ClientBase): Promise<number> {
  const res = await client.query(
    `with size as (select school_id, count(*) as n from g_students group by school_id)
     insert into support_budgets (school_id, semester_id, category, amount)
     select z.school_id, m.id, c.category, case when c.category = 'consultation' then round(z.n * 0.6) * 60
                                                  else round(c.euros * z.n / 300.0) * 100 end
     from size z cross join g_sems m
     cross join (values ('consultation', 0), ('transport', 3000), ('accommodation', 2000), ('meals', 2500),
                        ('study_materials', 1500), ('personal_items', 1000)) c(category, euros)`,
  );
  return res.rowCount ?? 0;
}

/** Absence risks (L01 and L06) for half of the students past the legal-duty line, and notices for a quarter. */
export async function insertAbsenceRisks(client: pg.ClientBase): Promise<number> {
  await client.query(
    `create temp table g_crossed as
     select s.n, i.student_id, i.semester_id, i.legal_duty_crossed_on as crossed, st.coord
     from student_indicators i join g_students s on s.id = i.student_id join g_staff st on st.school_id = s.school_id
     where i.legal_duty_crossed_on is not null and pg_temp.r(s.n, 31) < 0.5`,
  );
  const res = await client.query(
    `insert into student_risks (student_id, semester_id, risk_version_id, risk_item_id, justification, found_on, found_by, created_at)
     select c.student_id, c.semester_id, r.version_id, r.item_id,
       case r.code when 'L01' then 'E-žurnālā vairāk nekā 20 neattaisnoti kavētas stundas; klases audzinātāja sazinājās ar ģimeni.'
         else 'Sarunā skolēns atzina, ka mācības šķiet bezjēdzīgas.' end,
       c.crossed, c.coord, (c.crossed + time '12:00') at time zone 'Europe/Riga'
     from g_crossed c cross join g_risk r where r.code in ('L01', 'L06')`,
  );
  await client.query(
    `insert into legal_duty_notices (student_id, semester_id, informed_on, informed_by)
     select student_id, semester_id, crossed + 2, coord from g_crossed c
     where pg_temp.r(c.n, 32) < 0.5 and crossed + 2 < (select data_to from g_sems where id = c.semester_id)`,
  );
  return res.rowCount ?? 0;
}

/**
 * Consultation sessions (2–5 a plan) with the student confirmed by PIN, the preparer's timesheet
 * hour, and one transport payment of 45 € a plan — well inside each school's transport budget.
 */
export async function insertDelivery(client: pg.ClientBase): Promise<{ sessions: number; payments: number }> {
  await client.query(
    `create temp table g_sessions as
     select p.id as plan_id, p.student_id, p.school_id, p.m1, p.provider, i,
       pg_temp.gid('session:' || p.n || ':' || i) as id,
       least(p.data_to, p.created_at::date + 1 + i * 7) as on_date
     from g_plans p cross join lateral generate_series(0, p.sessions - 1) i
     where p.target in ${DELIVERING} and p.provider is not null`,
  );
  const sessions = await client.query(
    `insert into support_sessions (id, school_id, provider_id, on_date, start_time, minutes, mode, topic, created_at)
     select id, school_id, provider, on_date, '14:00', 40, 'in_person', 'Matemātika',
       (on_date + time '14:45') at time zone 'Europe/Riga' from g_sessions`,
  );
  await client.query(
    `insert into session_participants (session_id, student_id, plan_id, measure_id, confirmed_at, confirmed_via)
     select id, student_id, plan_id, m1, (on_date + time '14:40') at time zone 'Europe/Riga', 'pin' from g_sessions`,
  );
  await client.query(
    `insert into timesheet_entries (school_id, month, provider_id, kind, plan_id, minutes, created_at, created_by)
     select school_id, to_char(created_at at time zone 'Europe/Riga', 'YYYY-MM'), coord, 'preparation', id, 60, created_at, coord
     from g_plans where target not in ('draft', 'deleted') and coord is not null`,
  );
  const payments = await client.query(
    `insert into economic_payments (plan_id, measure_id, student_id, school_id, semester_id, on_date, category, amount_cents,
       recipient, document_ref, created_at, created_by)
     select p.id, p.m2, p.student_id, p.school_id, p.semester_id, least(p.data_to, p.created_at::date + 3), 'transport', 4500,
       'AS Autotransporta direkcija', 'BIL-' || p.n, p.created_at + interval '3 days', p.coord
     from g_plans p where p.target in ${DELIVERING}`,
  );
  return { sessions: sessions.rowCount ?? 0, payments: payments.rowCount ?? 0 };
}

/** Referrals to the municipality's social service for about 15 % of students with a plan, in every status. */
export async function insertReferrals(client: pg.ClientBase): Promise<number> {
  await client.query(
    `create temp table g_refs as
     select p.*, pg_temp.gid('referral:' || p.n) as ref_id,
       case when pg_temp.r(p.n, 41) < 0.3 then 'sent' when pg_temp.r(p.n, 41) < 0.5 then 'received'
            when pg_temp.r(p.n, 41) < 0.7 then 'in_progress' when pg_temp.r(p.n, 41) < 0.85 then 'answered' else 'closed' end as status,
       p.created_at + interval '2 hours' as sent_at
     from g_plans p where pg_temp.r(p.n, 40) < 0.15 and p.partner_org is not null and p.partner_user is not null`,
  );
  const res = await client.query(
    `insert into referrals (id, code, student_id, school_id, partner_id, plan_id, reason, urgency, due_on, items, shared_data,
       status, response, sent_by, sent_at, updated_at)
     select r.ref_id, 'NS-' || extract(year from r.sent_at)::int || '-' || upper(substr(replace(r.ref_id::text, '-', ''), 1, 8)),
       r.student_id, r.school_id, r.partner_org, r.id, 'Ģimenei nepieciešams sociālā dienesta atbalsts', 'normal',
       r.sent_at::date + 14, array['name', 'school_class'],
       jsonb_build_object('name', jsonb_build_object('firstName', r.first_name, 'lastName', r.last_name),
         'schoolClass', jsonb_build_object('schoolName', r.school_name, 'grade', r.grade, 'course', r.course, 'classLabel', r.class_label)),
       r.status, case when r.status in ('answered', 'closed') then 'Ģimenei piešķirts sociālais atbalsts.' end,
       r.coord, r.sent_at, r.sent_at + (array_position(array['sent','received','in_progress','answered','closed'], r.status) - 1) * interval '1 hour'
     from g_refs r`,
  );
  await client.query(
    `insert into referral_events (referral_id, status, at, by_user)
     select r.ref_id, e.status, r.sent_at + (e.i - 1) * interval '1 hour', case when e.status in ('sent', 'closed') then r.coord else r.partner_user end
     from g_refs r cross join unnest(array['sent','received','in_progress','answered','closed']) with ordinality e(status, i)
     where e.i <= array_position(array['sent','received','in_progress','answered','closed'], r.status)`,
  );
  return res.rowCount ?? 0;
}
