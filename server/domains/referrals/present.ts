import type { PartnerKind } from '../../../common/api/organisations.ts';
import type { ReferralItem, ReferralStatus, TReferral } from '../../../common/api/referrals.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { can } from '../../platform/policy/gate.ts';
import { jsonValue } from '../students/index.ts';
import { REFERRAL_CLOSE, REFERRAL_RESPOND, REFERRAL_VIEW_TEXT, type ReferralResource } from './policy.ts';
import type { ReferralRow } from './repo.ts';
import { presentSnapshot, type StoredSnapshot } from './snapshot.ts';

/** Where the partner may move a referral from each status (answered needs the response text). */
export const PARTNER_MOVES: Record<'received' | 'in_progress' | 'answered', readonly ReferralStatus[]> = {
  received: ['sent'],
  in_progress: ['received'],
  answered: ['received', 'in_progress'],
};
/** A referral the school may still withdraw: the partner has not answered it. */
export const WITHDRAWABLE: readonly ReferralStatus[] = ['sent', 'received', 'in_progress'];
/** The partner may attach a file while working on it, and to its answer until the school closes it. */
export const ATTACHABLE: readonly ReferralStatus[] = ['received', 'in_progress', 'answered'];

/** The school side's view of a referral for the gate. */
export function schoolResource(row: ReferralRow): ReferralResource {
  return {
    orgPath: row.school_path,
    assignedUserIds: jsonValue(row.assigned_user_ids),
    sentBy: row.sent_by,
  };
}

/** Items of a row as an array (drivers answer a text[] as an array or as '{a,b}'). */
function itemsOf(row: ReferralRow): ReferralItem[] {
  const v = row.items;
  if (Array.isArray(v)) return v as ReferralItem[];
  return String(v)
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean) as ReferralItem[];
}

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * A referral for the caller. `asPartner`: the partner's view — the snapshot of the chosen items
 * (none once withdrawn), no plan measure. Otherwise the school's view: no snapshot, and the texts
 * only for those who may read them.
 */
export function presentReferral(
  ctx: RequestContext,
  row: ReferralRow,
  events: { status: string; at: string | Date; by_name: string | null }[],
  asPartner: boolean,
  today: string,
  measureLabel: string | null = null,
): TReferral {
  const status = row.status as ReferralStatus;
  const school = schoolResource(row);
  const partner = { orgPath: row.partner_path };
  const texts = asPartner || can(ctx.actor, REFERRAL_VIEW_TEXT, school);
  const responds = asPartner && can(ctx.actor, REFERRAL_RESPOND, partner);
  const closes = !asPartner && can(ctx.actor, REFERRAL_CLOSE, school);
  const shared =
    asPartner && status !== 'withdrawn'
      ? presentSnapshot(jsonValue(row.shared_data as StoredSnapshot | string), ctx.language)
      : null;
  return {
    id: row.id,
    code: row.code,
    status,
    urgency: row.urgency as TReferral['urgency'],
    dueOn: row.due_on,
    overdue: WITHDRAWABLE.includes(status) && row.due_on < today,
    reason: texts ? row.reason : null,
    items: itemsOf(row),
    data: shared,
    partner: { id: row.partner_id, name: row.partner_name, kind: row.partner_kind as PartnerKind | null },
    schoolName: row.school_name,
    sentAt: iso(row.sent_at),
    sentByName: row.sent_by_name,
    measureLabel: asPartner ? null : measureLabel,
    response: texts ? row.response : null,
    attachment:
      texts && row.response_file_id && row.file_name
        ? { fileName: row.file_name, size: Number(row.file_size ?? 0) }
        : null,
    events: events.map((e) => ({
      status: e.status as ReferralStatus,
      at: iso(e.at),
      byName: e.by_name,
    })),
    can: {
      receive: responds && PARTNER_MOVES.received.includes(status),
      start: responds && PARTNER_MOVES.in_progress.includes(status),
      answer: responds && PARTNER_MOVES.answered.includes(status),
      attach: responds && ATTACHABLE.includes(status),
      close: closes && status === 'answered',
      withdraw: closes && WITHDRAWABLE.includes(status),
    },
  };
}
