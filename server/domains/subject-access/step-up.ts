import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';

/**
 * THE place where the subject-access export demands a step-up (the second factor re-entered just
 * before a bulk export, issue 16 Build 3). Called by the service after the gate allowed the export and
 * before anything is read. Until the step-up lands this lets every request through; at merge the lead
 * replaces the body with the step-up check, e.g. `await requireStepUp(ctx, tx)`.
 */
export async function requireSubjectExportStepUp(_ctx: RequestContext, _tx: Db): Promise<void> {}
