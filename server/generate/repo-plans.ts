import type pg from 'pg';

/**
 * Which plan goes how far: the share of plans of the current semester in each target (the
 * cumulative thresholds), and of past semesters. `returned` ends as a draft after a return.
 */
const CURRENT_TARGETS: [string, number][] = [
  ['draft', 0.12],
  ['returned', 0.17],
  ['director', 0.27],
  ['municipality', 0.35],
  ['expert', 0.42],
  ['approved', 0.52],
  ['in_progress', 0.85],
  ['paused', 0.9],
  ['under_revision', 0.95],
  ['deleted', 1],
];
const PAST_TARGETS: [string, number][] = [
  ['evaluated', 0.45],
  ['closed', 0.95],
  ['deleted', 1],
];

/** The plan events that lead to each target: action, from, to, level, version, who, comment. */
const STEPS: Record<
  string,
  [string, string | null, string, string | null, number | null, string, string | null][]
> = (() => {
  const create = ['create', null, 'draft', null, null, 'coord', null] as const;
  const submit = ['submit', 'draft', 'in_approval', 'director', 1, 'coord', null] as const;
  const dir = ['approve', 'in_approval', 'in_approval', 'director', 1, 'director', null] as const;
  const mun = ['approve', 'in_approval', 'in_approval', 'municipality', 1, 'mun', null] as const;
  const exp = ['approve', 'in_approval', 'approved', 'expert', 1, 'expert', null] as const;
  const start = ['start', 'approved', 'in_progress', null, null, 'coord', null] as const;
  const approved = [create, submit, dir, mun, exp];
  const evaluate = ['evaluate', 'in_progress', 'evaluated', null, null, 'coord', null] as const;
  const steps = {
    draft: [create],
    deleted: [create, ['delete', 'draft', 'deleted', null, null, 'coord', null]],
    returned: [
      create,
      submit,
      dir,
      [
        'return',
        'in_approval',
        'draft',
        'municipality',
        1,
        'mun',
        'Lūdzu precizējiet, kā tiks mērīts mērķis.',
      ],
    ],
    director: [create, submit],
    municipality: [create, submit, dir],
    expert: [create, submit, dir, mun],
    approved,
    in_progress: [...approved, start],
    paused: [
      ...approved,
      start,
      ['pause', 'in_progress', 'paused', null, null, 'coord', 'Skolēns ilgstoši slimo'],
    ],
    under_revision: [
      ...approved,
      start,
      ['revise', 'in_progress', 'under_revision', null, null, 'coord', null],
    ],
    evaluated: [...approved, start, evaluate],
    closed: [...approved, start, evaluate, ['close', 'evaluated', 'closed', null, null, 'coord', null]],
  };
  return steps as never;
})();

function caseOf(thresholds: [string, number][], r: string): string {
  return `case ${thresholds.map(([t, p]) => `when ${r} < ${p} then '${t}'`).join(' ')} else '${thresholds[thresholds.length - 1][0]}' end`;
}

/**
 * About 9 % of students get one plan: most in the current semester (every status), the rest in an
 * earlier one (evaluated, closed or deleted). Each has two recorded risks (learning, economic), a
 * goal, a consultation measure with a provider and a transport measure, and for submitted plans the
 * submitted version's content, exactly the shape the plans domain writes.
 */
export async function insertPlans(client: pg.ClientBase): Promise<number> {
  await client.query(
    `create temp table g_risk as
     select i.code, i.id as item_id, (select v.id from risk_item_versions v where v.item_id = i.id order by v.version desc limit 1) as version_id
     from risk_items i where i.code in ('L01', 'L03', 'L06', 'E01')`,
  );
  await client.query(
    `create temp table g_steps (target text, i int, action text, from_status text, to_status text, level text, version int, who text, comment text)`,
  );
  for (const [target, steps] of Object.entries(STEPS))
    for (const [i, st] of steps.entries())
      await client.query('insert into g_steps values ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        target,
        i,
        ...st,
      ]);
  await client.query(
    `create temp table g_plans as
     with last as (select max(k) as k from g_sems),
     chosen as (
       select s.*, case when last.k = 1 or pg_temp.r(s.n, 21) < 0.6 then last.k
                        else 1 + floor(pg_temp.r(s.n, 22) * (last.k - 1))::int end as k
       from g_students s cross join last where pg_temp.r(s.n, 20) < 0.09)
     select c.n, c.id as student_id, c.school_id, c.class_label, c.first_name, c.last_name, c.grade, c.course,
       m.k, m.id as semester_id, m.school_year, m.number, m.starts_on, m.data_to,
       pg_temp.gid('plan:' || c.n) as id, pg_temp.gid('goal:' || c.n) as goal_id,
       pg_temp.gid('m1:' || c.n) as m1, pg_temp.gid('m2:' || c.n) as m2,
       pg_temp.gid('risk-l:' || c.n) as risk_l, pg_temp.gid('risk-e:' || c.n) as risk_e,
       case when m.k = (select k from last) then ${caseOf(CURRENT_TARGETS, 'pg_temp.r(c.n, 23)')}
            else ${caseOf(PAST_TARGETS, 'pg_temp.r(c.n, 23)')} end as target,
       (m.starts_on + floor(pg_temp.r(c.n, 24) * least(20, m.data_to - m.starts_on + 1))::int + time '08:00') at time zone 'Europe/Riga' as created_at,
       st.coord, st.director, st.mun_coord, coalesce(st.psych, st.teacher) as provider,
       st.partner_org, st.partner_user, st.school_name, 2 + c.n % 4 as sessions
     from chosen c join g_sems m on m.k = c.k join g_staff st on st.school_id = c.school_id`,
  );
  await client.query('alter table g_plans add primary key (id); analyze g_plans');
  await client.query(
    `insert into student_risks (id, student_id, semester_id, risk_version_id, risk_item_id, justification, found_on, found_by, created_at)
     select p.risk_l, p.student_id, p.semester_id, l.version_id, l.item_id, 'Nepietiekami vērtējumi matemātikā un fizikā',
       p.created_at::date, p.coord, p.created_at from g_plans p, g_risk l where l.code = 'L03'
     union all
     select p.risk_e, p.student_id, p.semester_id, e.version_id, e.item_id, 'Dzīvo tālu no skolas, ģimenei trūkst līdzekļu biļetēm',
       p.created_at::date, p.coord, p.created_at from g_plans p, g_risk e where e.code = 'E01'`,
  );
  const expert = `(select u.id from users u where u.email like 'eksperts@%')`;
  await client.query(
    `insert into plan_events (plan_id, at, actor_id, action, from_status, to_status, level, version, comment)
     select p.id, p.created_at + st.i * interval '1 hour',
       case st.who when 'director' then p.director when 'mun' then p.mun_coord when 'expert' then ${expert} else p.coord end,
       st.action, st.from_status, st.to_status, st.level, st.version, st.comment
     from g_plans p join g_steps st on st.target = p.target order by p.created_at, p.id, st.i`,
  );
  const res = await client.query(
    `insert into plans (id, code, student_id, school_id, semester_id, status, approval_level, level_since, revision_of, version,
       preparer_id, paused_reason, evaluation, created_at, updated_at, class_label)
     select p.id, 'IAP-' || p.school_year || '-' || p.number || '-' || lpad((row_number() over (partition by p.semester_id order by p.created_at, p.id))::text, 6, '0'),
       p.student_id, p.school_id, p.semester_id,
       case p.target when 'returned' then 'draft' when 'director' then 'in_approval' when 'municipality' then 'in_approval'
         when 'expert' then 'in_approval' else p.target end,
       case when p.target in ('director', 'municipality', 'expert') then p.target end,
       case when p.target in ('director', 'municipality', 'expert') then p.created_at + (n.steps - 1) * interval '1 hour' end,
       case when p.target = 'under_revision' then 'in_progress' end,
       case when p.target in ('draft', 'deleted') then 0 else 1 end,
       p.coord, case when p.target = 'paused' then 'Skolēns ilgstoši slimo' end,
       case when p.target in ('evaluated', 'closed') then jsonb_build_object(
         'measures', jsonb_build_array(
           jsonb_build_object('measureId', p.m1, 'carriedOut', 'yes', 'deliveredHours', round(p.sessions * 40 / 60.0, 1), 'deliveredCents', null),
           jsonb_build_object('measureId', p.m2, 'carriedOut', 'yes', 'deliveredHours', null, 'deliveredCents', 4500)),
         'progress', 'Matemātikas vērtējums uzlabojās; kavējumu nav.', 'risksDecreased', 'yes', 'continueNextSemester', false) end,
       p.created_at, p.created_at + (n.steps - 1) * interval '1 hour', p.class_label
     from g_plans p join (select target, count(*)::int as steps from g_steps group by target) n on n.target = p.target`,
  );
  await client.query(
    `insert into plan_code_counters (semester_id, last) select semester_id, count(*) from plans group by semester_id`,
  );
  await client.query(
    `insert into plan_goals (plan_id, id, position, text, criterion)
     select id, goal_id, 0, 'Semestra vērtējums matemātikā vismaz 5 balles', 'Semestra vērtējums e-žurnālā' from g_plans`,
  );
  await client.query(
    `insert into plan_measures (plan_id, id, position, kind, consultation_type, subject, planned_hours, justification)
     select id, m1, 0, 'consultation', 'subject', 'Matemātika', 12, 'Individuālas konsultācijas zināšanu robu novēršanai' from g_plans`,
  );
  await client.query(
    `insert into plan_measures (plan_id, id, position, kind, economic_category, planned_cents, justification)
     select id, m2, 1, 'economic', 'transport', 4500, 'Sabiedriskā transporta biļetes uz skolu' from g_plans`,
  );
  await client.query(
    `insert into plan_risks (plan_id, student_risk_id, position)
     select id, risk_l, 0 from g_plans union all select id, risk_e, 1 from g_plans`,
  );
  await client.query(
    `insert into plan_measure_risks (plan_id, measure_id, student_risk_id, position)
     select id, m1, risk_l, 0 from g_plans union all select id, m2, risk_e, 0 from g_plans`,
  );
  await client.query(
    `insert into plan_measure_providers (plan_id, measure_id, user_id) select id, m1, provider from g_plans where provider is not null`,
  );
  await client.query(
    `insert into plan_versions (plan_id, version, content, submitted_at, submitted_by)
     select p.id, 1, jsonb_build_object(
       'goals', jsonb_build_array(jsonb_build_object('id', p.goal_id, 'text', 'Semestra vērtējums matemātikā vismaz 5 balles', 'criterion', 'Semestra vērtējums e-žurnālā')),
       'riskIds', jsonb_build_array(p.risk_l, p.risk_e),
       'measures', jsonb_build_array(
         jsonb_build_object('id', p.m1, 'kind', 'consultation', 'riskIds', jsonb_build_array(p.risk_l), 'subject', 'Matemātika',
           'otherType', null, 'providerId', p.provider, 'description', '', 'plannedCents', null, 'plannedHours', 12,
           'justification', 'Individuālas konsultācijas zināšanu robu novēršanai', 'consultationType', 'subject', 'economicCategory', null),
         jsonb_build_object('id', p.m2, 'kind', 'economic', 'riskIds', jsonb_build_array(p.risk_e), 'subject', null,
           'otherType', null, 'providerId', null, 'description', '', 'plannedCents', 4500, 'plannedHours', null,
           'justification', 'Sabiedriskā transporta biļetes uz skolu', 'consultationType', null, 'economicCategory', 'transport')),
       'supervisorId', null),
       p.created_at + interval '1 hour', p.coord
     from g_plans p where p.target not in ('draft', 'deleted')`,
  );
  return res.rowCount ?? 0;
}
