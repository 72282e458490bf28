import type { TJob, TJobList, TJobListQuery } from '../../../common/api/jobs.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { findJobRun } from '../../platform/jobs-repo.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { findOrganisationById, findRoot } from '../organisations/index.ts';
import { JOB_VIEW } from './policy.ts';
import * as repo from './repo.ts';

const iso = (v: string | Date): string => new Date(v).toISOString();

/** Whether the caller sees the system's own jobs (no organisation): a grant on the nation. */
async function seesSystemJobs(ctx: RequestContext, db: Db): Promise<boolean> {
  const root = await findRoot(db);
  return root !== null && can(ctx.actor, JOB_VIEW, { orgPath: root.path });
}

/**
 * One job's status for a page that polls it. A job of an organisation outside the caller's scope is a
 * 404 like a missing one (the denial is audited under that organisation); reading a job whose result
 * carries student data is audited.
 */
export async function getJob(ctx: RequestContext, id: string, tx: Db): Promise<TJob> {
  if (!canAnywhere(ctx.actor, JOB_VIEW)) throw new NotFoundError('job', id);
  // Every runner keeps its jobs in job_runs; read it in this transaction (PGlite has one connection).
  const job = await findJobRun(tx, id);
  if (!job) throw new NotFoundError('job', id);
  const org = job.orgId ? await findOrganisationById(tx, job.orgId) : null;
  const visible = org ? can(ctx.actor, JOB_VIEW, { orgPath: org.path }) : await seesSystemJobs(ctx, tx);
  if (!visible) throw new NotFoundError('job', id, job.orgId);
  if (job.studentData)
    await writeAudit(tx, ctx, { action: 'job.view', entityType: 'job', entityId: id, orgId: job.orgId });
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    done: job.done,
    total: job.total,
    result: job.result,
    errorCode: job.errorCode,
    orgId: job.orgId,
    organisationName: org?.name ?? null,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/** The newest jobs of the caller's scope (the jobs page); results are left out. */
export async function listJobs(ctx: RequestContext, query: TJobListQuery, tx: Db): Promise<TJobList> {
  if (!canAnywhere(ctx.actor, JOB_VIEW)) throw new ForbiddenError('job');
  const rows = await repo.findRecentJobs(
    tx,
    scopePaths(ctx.actor, JOB_VIEW),
    await seesSystemJobs(ctx, tx),
    query.limit,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      state: r.state,
      done: Number(r.done),
      total: r.total === null ? null : Number(r.total),
      errorCode: r.error_code,
      orgId: r.org_id,
      organisationName: r.org_name,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    })),
  };
}
