import { ANY_ID, type RouteSample, routeSamples } from '../bad-input-samples.ts';
import { minimalPdf } from '../scan-samples.ts';
import type { MatrixEntry, SampleContext, Target } from './types.ts';

/** The value of each `:param` of a route's URL for the relation's records. */
export function fillPath(url: string, entry: MatrixEntry, ctx: SampleContext): string {
  const t = ctx.t;
  return url.replace(/:([a-zA-Z]+)/g, (_m, name: string, offset: number) => {
    const before = url.slice(0, offset);
    const by: Record<string, string> = {
      guardianId: t.guardianId,
      applicationId: t.applicationId,
      noteId: t.noteId,
      riskId: t.riskId,
      letterId: t.letterId,
      userId: t.userId,
      studentId: t.studentId,
      fileId: t.signedFileId,
      paymentId: t.paymentId,
      grantId: t.grantId,
      kind: before.endsWith('/letter-templates/') ? 'invitation' : 'attendance',
      language: 'lv',
      token: 'x'.repeat(40),
      file: `${'x'.repeat(40)}.ics`,
    };
    if (name !== 'id') return by[name] ?? ANY_ID;
    const ids: [string, string][] = [
      ['/students/', t.studentId],
      ['/plans/', t.planId],
      ['/organisations/', entry.kind === 'municipality' ? t.municipalityId : t.schoolId],
      ['/users/', t.userId],
      ['/referrals/', t.referralId],
      ['/tasks/', t.taskId],
      ['/risk-catalogue/', ctx.riskItemId],
      ['/semesters/', ctx.semesterId],
      ['/imports/', t.importId],
      ['/jobs/', t.jobId],
      ['/support/sessions/', t.sessionId],
      ['/support/planned/', t.plannedId],
    ];
    return ids.find(([seg]) => before.endsWith(seg))?.[1] ?? ANY_ID;
  });
}

/** The bad-input walk's valid sample of the route, with the relation's ids in its query and body. */
export function defaultSample(key: string, ctx: SampleContext): RouteSample {
  const t: Target = ctx.t;
  const samples = routeSamples({
    today: ctx.today,
    nationId: ctx.nationId,
    municipalityId: t.municipalityId,
    schoolId: t.schoolId,
    studentId: t.studentId,
    planId: t.planId,
    userId: t.userId,
    semesterId: ctx.semesterId,
    riskItemId: ctx.riskItemId,
  });
  const s = samples[key];
  if (!s) throw new Error(`authorization matrix: no bad-input sample for ${key}; give the entry a sample`);
  return s;
}

const PDF = minimalPdf();
const CSV = 'Personas kods;Vārds\n';

/** The payload and headers of a sample (uploads get a tiny file of the declared type). */
export function payloadOf(s: RouteSample): { payload?: unknown; headers?: Record<string, string> } {
  if (s.raw) return { payload: s.raw === 'text/csv' ? CSV : PDF, headers: { 'content-type': s.raw } };
  return { payload: s.body };
}

/** The URL with the sample's query string. */
export function urlWith(path: string, s: RouteSample): string {
  const q = new URLSearchParams(s.query ?? {}).toString();
  return q ? `${path}?${q}` : path;
}
