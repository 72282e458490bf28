import { addDays } from '../server/platform/dates.ts';
import { ANY_ID, type RouteSample, type WalkIds } from './bad-input-samples.ts';

/** The walk's samples for plans, approvals, support, timesheets, budgets and payments (see `routeSamples`). */
export function planAndSupportSamples(ids: WalkIds): Record<string, RouteSample> {
  const { today, schoolId, studentId, planId, semesterId } = ids;
  const month = today.slice(0, 7);
  const pin = { studentId, pin: '1234' };
  const page = { page: '1', pageSize: '20' };
  const measure = {
    id: ANY_ID,
    kind: 'consultation',
    consultationType: 'subject',
    subject: 'Matemātika',
    providerId: ids.userId,
    plannedHours: 2,
    description: 'Konsultācijas',
    riskIds: [ANY_ID],
    justification: 'Zemas atzīmes',
  };
  return {
    'GET /api/plans': { query: { studentId, schoolId, semesterId, status: 'draft', ...page } },
    'POST /api/plans': { body: { studentId, semesterId } },
    'GET /api/plans/:id': {},
    'PUT /api/plans/:id/content': {
      body: {
        riskIds: [ANY_ID],
        goals: [{ id: ANY_ID, text: 'Uzlabot atzīmes', criterion: 'Vidējā atzīme virs 5' }],
        measures: [measure],
        supervisorId: null,
      },
    },
    'GET /api/plans/:id/diff': {},
    'POST /api/plans/:id/submit': {},
    'POST /api/plans/:id/approve': {},
    'POST /api/plans/:id/start': {},
    'POST /api/plans/:id/resume': {},
    'POST /api/plans/:id/revise': {},
    'POST /api/plans/:id/close': {},
    'POST /api/plans/:id/delete': {},
    'POST /api/plans/:id/return': {
      body: { comment: 'Papildiniet', measureComments: [{ measureId: ANY_ID, comment: 'Par maz' }] },
    },
    'POST /api/plans/:id/pause': { body: { reason: 'Slimība' } },
    'POST /api/plans/:id/evaluate': {
      body: {
        measures: [{ measureId: ANY_ID, carriedOut: 'yes', deliveredHours: 2, deliveredCents: 1000 }],
        progress: 'Labs progress',
        risksDecreased: 'partly',
        continueNextSemester: false,
      },
    },
    'GET /api/plans/:id/pdf': { query: { lang: 'lv' } },
    'GET /api/plans/:id/signed-files': {},
    'POST /api/plans/:id/signed-files': { raw: 'application/pdf', query: { fileName: 'plans.pdf' } },
    'GET /api/plans/:id/signed-files/:fileId': {},
    'GET /api/plans/:id/progress': {},
    'GET /api/plans/:id/payments': {},
    'POST /api/plans/:id/payments': {
      body: {
        measureId: ANY_ID,
        onDate: today,
        amountCents: 1500,
        recipient: 'SIA Autobuss',
        documentRef: 'Čeks 1',
        overCapReason: 'Vajadzīgs',
      },
    },
    'PUT /api/plans/:id/payments/:paymentId/scan': {
      raw: 'application/pdf',
      query: { fileName: 'ceks.pdf' },
    },
    'GET /api/plans/:id/payments/:paymentId/scan': {},
    'GET /api/approvals': { query: page },
    'POST /api/approvals/approve': { body: { planIds: [planId] } },
    'GET /api/notifications': {},
    'POST /api/notifications/:id/read': {},
    'POST /api/support/sessions': {
      body: {
        onDate: today,
        startTime: '10:00',
        minutes: 40,
        mode: 'in_person',
        topic: 'Matemātika',
        participants: [{ studentId, planId, measureId: ANY_ID }],
        plannedId: ANY_ID,
      },
    },
    'POST /api/support/planned': {
      body: {
        planId,
        measureId: ANY_ID,
        providerId: ids.userId,
        onDate: today,
        startTime: '15:00',
        minutes: 45,
        mode: 'in_person',
        room: '204',
        weeklyUntil: addDays(today, 14),
      },
    },
    'GET /api/support/planned': { query: { from: today, to: addDays(today, 6) } },
    'POST /api/support/planned/:id/cancel': { body: { reason: 'Slimība', scope: 'one' } },
    'POST /api/support/calendar-feed': {},
    'GET /api/calendar-feed/:file': {},
    'GET /api/support/sessions': { query: { from: addDays(today, -7), to: today, providerId: ids.userId } },
    'POST /api/support/sessions/:id/confirm': { body: pin },
    'GET /api/support/my-measures': {},
    'PUT /api/students/:id/pin': { body: { pin: '1234' } },
    'POST /api/students/pins/generate': { body: { schoolId, studentIds: [studentId], mode: 'missing' } },
    'GET /api/timesheets': { query: { schoolId, month } },
    'GET /api/timesheets/mine': { query: { month } },
    'POST /api/timesheets/entries': {
      body: {
        schoolId,
        month,
        providerId: ids.userId,
        kind: 'adjustment',
        planId,
        hours: 1.5,
        reason: 'Labojums',
      },
    },
    'POST /api/timesheets/sign-off': { body: { schoolId, month } },
    'GET /api/timesheets.xlsx': { query: { month, schoolId } },
    'GET /api/budgets': { query: { schoolId, semesterId } },
    'PUT /api/budgets': { body: { schoolId, semesterId, category: 'transport', amount: 10000 } },
    'GET /api/support-caps': {},
    'PUT /api/support-caps': { body: { category: 'meals', amount: 5000 } },
    'GET /api/confirm/:token': {},
    'POST /api/confirm/:token': { body: pin },
  };
}
