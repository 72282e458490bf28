import { type ChronologyEntry, rigaInstant } from '../../../common/api/chronology.ts';
import type { Db } from '../../platform/db.ts';
import { findStudentPlanHistory, type PlanHistoryEvent, planView } from '../plans/index.ts';
import { findStudentSessions } from '../support/index.ts';
import type { OwnSourceInput } from './sources.ts';

/** plan_events' actions as chronology events (`plan.<word>`); an approval at the last level is final. */
const PLAN_EVENTS: Record<string, string> = {
  create: 'created',
  continue: 'continued',
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  revise: 'revised',
  evaluate: 'evaluated',
  close: 'closed',
  end_moved: 'ended_moved',
};

function planEvent(e: PlanHistoryEvent): string {
  if (e.action === 'approve' && e.to_status === 'approved') return 'plan.approved_final';
  return `plan.${PLAN_EVENTS[e.action] ?? 'changed'}`;
}

/**
 * The ids of the student's plans the actor sees — the plan page's rule (`planView`): everyone who
 * sees the student, and a plan's named people (preparer, supervisor, providers) while it runs.
 */
function visiblePlans(tx: Db, input: OwnSourceInput) {
  // Plans and sessions both need them: read once per request (the input is the request's).
  let found = seen.get(input);
  if (!found) {
    found = readVisiblePlans(tx, input);
    seen.set(input, found);
  }
  return found;
}

const seen = new WeakMap<OwnSourceInput, ReturnType<typeof readVisiblePlans>>();

async function readVisiblePlans(tx: Db, input: OwnSourceInput) {
  const { plans, events } = await findStudentPlanHistory(tx, input.studentId);
  const visible = new Map(
    plans
      .filter((p) =>
        planView(input.actor, {
          studentSchoolPath: input.schoolPath,
          planSchoolPath: p.school_path,
          movedOut: p.moved_out,
          named: p.named,
          assigned: input.resource.assignedUserIds,
        }),
      )
      .map((p) => [p.id, p]),
  );
  return { visible, events: events.filter((e) => visible.has(e.plan_id)) };
}

/** Plans and their transitions (created, submitted, approved per level, returned, … closed), with comments. */
export async function planEntries(tx: Db, input: OwnSourceInput): Promise<ChronologyEntry[]> {
  const { visible, events } = await visiblePlans(tx, input);
  return events.map((e) => {
    const plan = visible.get(e.plan_id);
    return {
      id: `plan-event:${e.id}`,
      at: new Date(e.at).toISOString(),
      type: 'plan',
      event: planEvent(e),
      params: {
        code: plan?.code ?? null,
        semester: plan ? `${plan.school_year}-${plan.number}` : null,
        level: e.level,
        version: e.version,
        by: e.actor_name,
      },
      text: e.comment,
      link: { kind: 'plan', id: e.plan_id },
    };
  });
}

/**
 * Support sessions the student took part in, against a plan the actor sees: provider, minutes,
 * measure, confirmed or not (the topic is the provider's own note and stays out, as on the plan page).
 */
export async function sessionEntries(tx: Db, input: OwnSourceInput): Promise<ChronologyEntry[]> {
  const { visible } = await visiblePlans(tx, input);
  if (visible.size === 0) return [];
  const rows = await findStudentSessions(tx, input.studentId, input.window);
  return rows
    .filter((r) => visible.has(r.plan_id))
    .map((r) => ({
      id: `session:${r.id}`,
      at: rigaInstant(r.on_date, r.start_time),
      type: 'session',
      event: r.confirmed ? 'session.confirmed' : 'session.unconfirmed',
      params: {
        provider: r.provider_name,
        minutes: r.minutes,
        mode: r.mode,
        measure: r.measure_kind === 'consultation' ? (r.consultation_type ?? 'other') : r.measure_kind,
        subject: r.subject,
        code: r.plan_code,
      },
      text: null,
      link: { kind: 'plan', id: r.plan_id },
    }));
}
