import type { TTimesheet } from '../../../common/api/support.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { minutesToHours } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { can, scopePaths } from '../../platform/policy/gate.ts';
import { findOrganisationById, findOrganisationsInScope } from '../organisations/index.ts';
import { findSchoolStaffIds, lockPlan } from '../plans/index.ts';
import { TIMESHEET_ENTER, TIMESHEET_SIGN_OFF, TIMESHEET_VIEW } from './policy.ts';
import * as repo from './timesheet-repo.ts';
import { type PayrollSheet, payrollWorkbook } from './timesheets-xlsx.ts';

async function loadSchool(ctx: RequestContext, schoolId: string, action: string, tx: Db) {
  const school = await findOrganisationById(tx, schoolId);
  if (!school || school.type !== 'school' || !can(ctx.actor, TIMESHEET_VIEW, { orgPath: school.path }))
    throw new NotFoundError('organisation', schoolId);
  if (!can(ctx.actor, action, { orgPath: school.path }))
    throw new ForbiddenError('organisation', school.id, school.id);
  return school;
}

/** A school's month: hours per provider (sessions delivered and confirmed, preparation, supervision, adjustments). */
export async function getTimesheet(
  ctx: RequestContext,
  schoolId: string,
  month: string,
  tx: Db,
  audit = true,
): Promise<TTimesheet> {
  const school = await loadSchool(ctx, schoolId, TIMESHEET_VIEW, tx);
  const rows = await repo.findTimesheetRows(tx, school.id, month);
  const signoff = await repo.findSignoff(tx, school.id, month);
  const entries = await repo.findEntries(tx, school.id, month);
  if (audit)
    await writeAudit(tx, ctx, {
      action: 'timesheet.read',
      entityType: 'timesheet',
      entityId: `${school.id}:${month}`,
      orgId: school.id,
    });
  const mayEnter = can(ctx.actor, TIMESHEET_ENTER, { orgPath: school.path });
  return {
    can: {
      enter: mayEnter && !signoff,
      adjust: mayEnter && Boolean(signoff),
      signOff: can(ctx.actor, TIMESHEET_SIGN_OFF, { orgPath: school.path }) && !signoff,
    },
    schoolId: school.id,
    schoolName: school.name,
    month,
    signedOff: signoff ? { at: new Date(signoff.signed_at).toISOString(), byName: signoff.by_name } : null,
    rows: rows.map((r) => ({
      providerId: r.provider_id,
      providerName: r.provider_name,
      sessions: r.sessions,
      confirmedHours: minutesToHours(r.confirmed_minutes),
      unconfirmedHours: minutesToHours(r.unconfirmed_minutes),
      preparationHours: minutesToHours(r.preparation_minutes),
      supervisionHours: minutesToHours(r.supervision_minutes),
      adjustmentHours: minutesToHours(r.adjustment_minutes),
      totalHours: minutesToHours(
        r.confirmed_minutes + r.preparation_minutes + r.supervision_minutes + r.adjustment_minutes,
      ),
    })),
    entries: entries.map((e) => ({
      id: e.id,
      providerName: e.provider_name,
      kind: e.kind,
      planCode: e.plan_code,
      hours: minutesToHours(e.minutes),
      reason: e.reason,
      adjustment: e.kind === 'adjustment',
      createdAt: new Date(e.created_at).toISOString(),
    })),
  };
}

/** Adds paid preparation or supervision hours; once the month is signed off only adjustments with a reason. */
export async function addTimesheetEntry(
  ctx: RequestContext,
  input: {
    schoolId: string;
    month: string;
    providerId: string;
    kind: string;
    planId?: string | null;
    hours: number;
    reason?: string;
  },
  tx: Db,
): Promise<void> {
  const school = await loadSchool(ctx, input.schoolId, TIMESHEET_ENTER, tx);
  await repo.lockMonth(tx, school.id, input.month);
  const signed = await repo.isMonthSignedOff(tx, school.id, input.month);
  if (signed && input.kind !== 'adjustment') throw new AppError(409, 'month_signed_off');
  if (!signed && input.kind === 'adjustment') throw badRequest('adjustment_before_signoff', 'kind');
  if (input.kind === 'adjustment' && !input.reason) throw badRequest('required', 'reason');
  if (input.kind !== 'adjustment' && input.hours < 0) throw badRequest('validation', 'hours');
  if (!(await findSchoolStaffIds(tx, school.id)).has(input.providerId))
    throw badRequest('not_school_staff', 'providerId');
  if (input.planId) {
    // Locked: a plan being deleted waits for the entry (and then refuses), or the entry sees it gone.
    const plan = await lockPlan(tx, input.planId);
    if (!plan || plan.schoolId !== school.id || plan.status === 'deleted')
      throw badRequest('validation', 'planId');
  }
  await repo.insertEntry(tx, {
    schoolId: school.id,
    month: input.month,
    providerId: input.providerId,
    kind: input.kind,
    planId: input.planId ?? null,
    minutes: Math.round(input.hours * 60),
    reason: input.reason ?? null,
    createdBy: ctx.actor?.userId ?? null,
  });
  await writeAudit(tx, ctx, {
    action: `timesheet.${input.kind}`,
    entityType: 'timesheet',
    entityId: `${school.id}:${input.month}`,
    orgId: school.id,
  });
}

/** Signs a school's month off; from then on its sessions and entries are locked. */
export async function signOffMonth(
  ctx: RequestContext,
  schoolId: string,
  month: string,
  tx: Db,
): Promise<void> {
  const school = await loadSchool(ctx, schoolId, TIMESHEET_SIGN_OFF, tx);
  await repo.lockMonth(tx, school.id, month);
  if (!(await repo.insertSignoff(tx, school.id, month, ctx.actor?.userId ?? null)))
    throw conflict('month_signed_off');
  await writeAudit(tx, ctx, {
    action: 'timesheet.sign_off',
    entityType: 'timesheet',
    entityId: `${school.id}:${month}`,
    orgId: school.id,
  });
}

/** Refuses changes to a month that was signed off (sessions and confirmations). */
export async function assertMonthOpen(tx: Db, schoolId: string, onDate: string): Promise<void> {
  const month = onDate.slice(0, 7);
  await repo.lockMonth(tx, schoolId, month);
  if (await repo.isMonthSignedOff(tx, schoolId, month)) throw new AppError(409, 'month_signed_off');
}

/** The payroll workbook: one sheet per school (the given one, or every school the caller may see). */
export async function exportTimesheets(
  ctx: RequestContext,
  month: string,
  schoolId: string | undefined,
  tx: Db,
): Promise<Buffer> {
  const schools = schoolId
    ? [await loadSchool(ctx, schoolId, TIMESHEET_VIEW, tx)]
    : (await findOrganisationsInScope(tx, scopePaths(ctx.actor, TIMESHEET_VIEW))).filter(
        (o) => o.type === 'school' && o.active,
      );
  if (schools.length === 0) throw new AppError(403, 'forbidden');
  const lang = ctx.language;
  const sheets: PayrollSheet[] = [];
  for (const school of schools) {
    // The export writes one audit row of its own, not a read per school.
    const sheet = await getTimesheet(ctx, school.id, month, tx, false);
    sheets.push({
      schoolName: school.name,
      signedLine: sheet.signedOff
        ? t(lang, 'timesheets.signedOff', {
            date: sheet.signedOff.at.slice(0, 10),
            name: sheet.signedOff.byName ?? '',
          })
        : t(lang, 'timesheets.notSignedOff'),
      rows: sheet.rows,
      payroll: await repo.findPayrollIds(
        tx,
        sheet.rows.map((r) => r.providerId),
      ),
    });
  }
  await writeAudit(tx, ctx, {
    action: 'timesheet.export',
    entityType: 'timesheet',
    entityId: month,
    orgId: schoolId ?? null,
  });
  // Across schools (the municipality's export), a summary sheet comes first.
  return payrollWorkbook(lang, month, sheets, !schoolId);
}
