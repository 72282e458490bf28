import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { requireStepUp } from '../../platform/step-up.ts';

/**
 * The place where the subject-access export demands a step-up (the second factor, or the password of
 * a user without one, re-entered in the last 10 minutes; issue 16): called by the service after the
 * gate allowed the export and before anything is read, so out of scope stays a 404.
 */
export async function requireSubjectExportStepUp(ctx: RequestContext, _tx: Db): Promise<void> {
  requireStepUp(ctx);
}
