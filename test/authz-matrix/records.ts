import { makeOldPersonalCode } from '../../common/personal-code.ts';
import type { TestCalendar } from '../calendar.ts';
import { minimalPdf } from '../scan-samples.ts';
import type { TestClient } from '../server.ts';

/**
 * The records past a draft that the matrix's routes need, made through the API as users make them:
 * an approved plan in progress with a payment (its receipt scanned), a signed copy, a delivered
 * session; a referral the partner received with an answer attached; an uploaded class list; a job.
 */

/** A whole one-page PDF (uploads are checked by their structure); `what` makes each copy's bytes differ. */
const PDF = (what: string) => minimalPdf(what);

function must<T = Record<string, unknown>>(res: { statusCode: number; body: string }, what: string): T {
  if (res.statusCode >= 300) throw new Error(`matrix fixture: ${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body || '{}') as T;
}

/** The users of one school's plan way: its coordinator, the approvers at each level, the measure's provider. */
export interface PlanWay {
  coordinator: TestClient;
  approvers: TestClient[];
  provider: TestClient;
}

/** What `runPlan` made: the payment (with a scanned receipt), the signed copy and the delivered session. */
export interface RunningPlan {
  paymentId: string;
  signedFileId: string;
  sessionId: string;
  plannedId: string;
}

/**
 * Submits the draft plan, approves it at every level (`approvers`: director, municipality — none for a
 * state school — and expert), starts it, and records what a running plan holds: a payment on its
 * economic measure with a scanned receipt, a signed copy of the plan and a session of its consultation.
 */
export async function runPlan(
  way: PlanWay,
  p: { planId: string; studentId: string; measureId: string; economicMeasureId: string; providerId: string },
  cal: TestCalendar,
  /** The hour slot of the session and of the planned one (a provider gives one at a time). */
  slot: number,
): Promise<RunningPlan> {
  const k = way.coordinator;
  must(await k.post(`/api/plans/${p.planId}/submit`), 'submit');
  for (const [i, a] of way.approvers.entries())
    must(await a.post(`/api/plans/${p.planId}/approve`), `approve ${i}`);
  must(await k.post(`/api/plans/${p.planId}/start`), 'start');
  const payments = must<{ items: { id: string }[] }>(
    await k.post(`/api/plans/${p.planId}/payments`, {
      measureId: p.economicMeasureId,
      onDate: cal.today,
      amountCents: 1200,
      recipient: 'Grāmatnīca Matrica',
      documentRef: `Matrica-${p.planId.slice(0, 8)}`,
    }),
    'payment',
  );
  const paymentId = payments.items[0].id;
  must(
    await k.request(
      'PUT',
      `/api/plans/${p.planId}/payments/${paymentId}/scan?fileName=ceks.pdf`,
      PDF('receipt'),
      {
        headers: { 'content-type': 'application/pdf' },
      },
    ),
    'payment scan',
  );
  // Other bytes than the walk's upload, so that the walk's first upload still files a new copy.
  const files = must<{ items: { id: string }[] }>(
    await k.request('POST', `/api/plans/${p.planId}/signed-files?fileName=plans.pdf`, PDF('signed plan'), {
      headers: { 'content-type': 'application/pdf' },
    }),
    'signed file',
  );
  const session = must<{ id: string }>(
    await way.provider.post('/api/support/sessions', {
      onDate: cal.today,
      startTime: `${String(8 + slot).padStart(2, '0')}:00`,
      minutes: 40,
      mode: 'in_person',
      topic: 'Matemātika',
      participants: [{ studentId: p.studentId, planId: p.planId, measureId: p.measureId }],
    }),
    'session',
  );
  const planned = must<{ items: { id: string }[] }>(
    await k.post('/api/support/planned', {
      planId: p.planId,
      measureId: p.measureId,
      providerId: p.providerId,
      onDate: cal.today,
      startTime: `${13 + slot}:00`,
      minutes: 45,
      mode: 'in_person',
      room: '204',
    }),
    'planned session',
  );
  return {
    paymentId,
    signedFileId: files.items[0].id,
    sessionId: session.id,
    plannedId: planned.items[0].id,
  };
}

/** The partner receives the referral and attaches its answer (a PDF). */
export async function receiveReferral(partner: TestClient, referralId: string): Promise<void> {
  must(
    await partner.post(`/api/referrals/${referralId}/status`, { status: 'received' }),
    'referral received',
  );
  must(
    await partner.request(
      'PUT',
      `/api/referrals/${referralId}/attachment?fileName=atbilde.pdf`,
      PDF('answer'),
      {
        headers: { 'content-type': 'application/pdf' },
      },
    ),
    'referral attachment',
  );
}

let serial = 700;

/** A class list of one new student uploaded for the school (not committed): its import id. */
export async function uploadClassList(k: TestClient, schoolId: string): Promise<string> {
  // Serials ten apart: makeOldPersonalCode moves on to the next serial whose checksum is valid.
  const code = makeOldPersonalCode('2012-03-03', serial);
  serial += 10;
  const csv = `Personas kods;Vārds;Uzvārds;Klase\r\n${code};Imants;Matrica;8.m\r\n`;
  return must<{ importId: string }>(
    await k.request('POST', `/api/imports/students?schoolId=${schoolId}&fileName=klase.csv`, csv, {
      headers: { 'content-type': 'text/csv' },
    }),
    'class list',
  ).importId;
}

/** An extra grant (specialist at its school) of the school's teacher that the matrix may remove. */
export async function grantSpecialist(
  admin: TestClient,
  targets: Partial<Record<string, { schoolId: string; userId: string }>>,
  schoolId: string,
): Promise<string> {
  const t = Object.values(targets).find((x) => x?.schoolId === schoolId);
  if (!t) throw new Error('matrix fixture: no teacher of the school');
  const user = must<{ grants: { id: string; role: string; organisationId: string }[] }>(
    await admin.post(`/api/users/${t.userId}/grants`, { role: 'specialist', organisationId: schoolId }),
    'grant',
  );
  const grant = user.grants.find((g) => g.role === 'specialist' && g.organisationId === schoolId);
  if (!grant) throw new Error('matrix fixture: the new grant is not listed');
  return grant.id;
}

/** A background job of the school: its indicators recomputed. */
export async function startSchoolJob(k: TestClient, schoolId: string): Promise<string> {
  return must<{ jobId: string }>(
    await k.post(`/api/organisations/${schoolId}/indicators/recompute`),
    'indicators job',
  ).jobId;
}
