import { shiftYears } from '../common/api/fields.ts';
import { makeOldPersonalCode } from '../common/personal-code.ts';
import { addDays } from '../server/platform/dates.ts';
import { accountSamples } from './bad-input-samples-account.ts';
import { chronologySamples } from './bad-input-samples-chronology.ts';
import { flagValidationSamples } from './bad-input-samples-flag-validation.ts';
import { jobSamples } from './bad-input-samples-jobs.ts';
import { letterSamples } from './bad-input-samples-letters.ts';
import { noteSamples } from './bad-input-samples-notes.ts';
import { opsSamples } from './bad-input-samples-ops.ts';
import { outcomeSamples } from './bad-input-samples-outcomes.ts';
import { planAndSupportSamples } from './bad-input-samples-plans.ts';
import { privacySamples } from './bad-input-samples-privacy.ts';
import { referralSamples } from './bad-input-samples-referrals.ts';
import { reportSamples } from './bad-input-samples-reports.ts';
import { riskScoreSamples } from './bad-input-samples-risk-score.ts';
import { subjectAccessSamples } from './bad-input-samples-subject-access.ts';
import { secondFactorSamples } from './bad-input-samples-second-factor.ts';
import { taskSamples } from './bad-input-samples-tasks.ts';

/** Real demo ids the walk puts into URLs and bodies, so requests reach validation, not a 404. */
export interface WalkIds {
  today: string;
  nationId: string;
  municipalityId: string;
  schoolId: string;
  studentId: string;
  planId: string;
  userId: string;
  semesterId: string;
  riskItemId: string;
}

/**
 * What the bad-input walk sends to one route. `body` is a valid JSON body (the walk checks it passes
 * the route's schema, then spoils one field at a time); `query` a valid query string; `raw` marks
 * file uploads, whose bytes are left alone (only their query strings are spoiled).
 */
export interface RouteSample {
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  raw?: string;
}

/** An id that names no record (for records the walk never reaches). */
export const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** The value of each `:param` of a URL: the demo record the route is about. */
export function fillUrl(url: string, ids: WalkIds): string {
  return url.replace(/:([a-zA-Z]+)/g, (_m, name: string, offset: number) => {
    const before = url.slice(0, offset);
    if (name === 'kind') return before.endsWith('/letter-templates/') ? 'invitation' : 'attendance';
    if (name === 'language') return 'lv';
    if (name === 'token') return 'x'.repeat(40);
    if (name !== 'id') return ANY_ID;
    if (before.endsWith('/students/')) return ids.studentId;
    if (before.endsWith('/plans/')) return ids.planId;
    if (before.endsWith('/organisations/')) return ids.schoolId;
    if (before.endsWith('/users/')) return ids.userId;
    if (before.endsWith('/risk-catalogue/')) return ids.riskItemId;
    if (before.endsWith('/semesters/')) return ids.semesterId;
    return ANY_ID;
  });
}

/**
 * One entry for every /api route (method and URL as in the route table). A route added without an
 * entry fails the walk: add its valid sample here (an empty object when it takes no input).
 */
export function routeSamples(ids: WalkIds): Record<string, RouteSample> {
  const { today, schoolId, studentId, semesterId, riskItemId } = ids;
  const name = { firstName: 'Jānis', lastName: 'Bērziņš' };
  const guardian = { ...name, relation: 'mother', phone: '+371 20000000', email: 'a@b.lv', language: 'lv' };
  const mapping = { mapping: { personalCode: 'Personas kods', firstName: 'Vārds' }, excludedRows: [2] };
  const page = { page: '1', pageSize: '20' };
  return {
    'GET /api/health': {},
    'GET /api/auth/csrf': {},
    'POST /api/auth/login': { body: { email: 'admin@demo.pumpurs.lv', password: 'nepareiza parole' } },
    'POST /api/auth/logout': {},
    'GET /api/me': {},
    'PATCH /api/me': { body: { language: 'en' } },
    'GET /api/openapi.json': {},
    'GET /api/organisations': {},
    'GET /api/schools': {},
    'GET /api/organisations/:id': {},
    'POST /api/organisations': {
      body: {
        parentId: ids.municipalityId,
        type: 'school',
        schoolType: 'general',
        name: 'Jaunā skola',
        code: 'JS1',
      },
    },
    'PATCH /api/organisations/:id': { body: { name: 'Pārdēvēta skola', code: 'PS1', schoolType: 'general' } },
    'GET /api/users': { query: { q: 'Anna', organisationId: schoolId, ...page } },
    'GET /api/users/:id': {},
    'POST /api/users': {
      body: {
        email: 'jauns@demo.pumpurs.lv',
        ...name,
        homeOrganisationId: schoolId,
        language: 'lv',
        password: 'Garaparole-123',
      },
    },
    'PATCH /api/users/:id': { body: { ...name, language: 'lv', password: 'Garaparole-123' } },
    'POST /api/users/:id/grants': { body: { role: 'teacher', organisationId: schoolId } },
    'DELETE /api/users/:id/grants/:grantId': {},
    'GET /api/audit': {
      query: {
        action: 'student.read',
        entityType: 'student',
        entityId: studentId,
        outcome: 'ok',
        from: addDays(today, -30),
        to: today,
        ...page,
      },
    },
    'GET /api/students': {
      query: {
        schoolId,
        q: 'Bērz',
        grade: '7',
        classLabel: '7.a',
        status: 'enrolled',
        sort: 'name',
        dir: 'asc',
        ...page,
      },
    },
    'GET /api/students/:id': {},
    'POST /api/students': {
      body: {
        personalCode: makeOldPersonalCode(shiftYears(today, -13), 977),
        ...name,
        birthDate: shiftYears(today, -13),
        gender: 'male',
        schoolId,
        classLabel: '7.a',
        grade: 7,
      },
    },
    'PATCH /api/students/:id': {
      body: {
        ...name,
        birthDate: shiftYears(today, -13),
        classLabel: '7.b',
        grade: 7,
        status: 'left',
        statusDate: today,
        statusReason: 'Pārcēlās',
      },
    },
    'POST /api/students/:id/reveal-code': {},
    'POST /api/students/:id/move': {
      body: { toSchoolId: schoolId, movedOn: today, classLabel: '7.a', grade: 7, reason: 'Pārcelšanās' },
    },
    'POST /api/students/:id/assignments': { body: { userId: ids.userId } },
    'DELETE /api/students/:id/assignments/:userId': {},
    'POST /api/students/:id/guardians': { body: guardian },
    'PUT /api/students/:id/guardians/:guardianId': { body: guardian },
    'DELETE /api/students/:id/guardians/:guardianId': {},
    'POST /api/students/:id/applications': {
      body: {
        signedOn: today,
        signerType: 'guardian',
        guardianId: ANY_ID,
        scope: 'participation_and_data',
        documentRef: 'Nr. 12',
      },
    },
    'POST /api/students/:id/applications/:applicationId/withdraw': {
      body: { withdrawnOn: today, reason: 'Atsauc' },
    },
    'PUT /api/students/:id/applications/:applicationId/scan': {
      raw: 'application/pdf',
      query: { fileName: 'iesniegums.pdf' },
    },
    'GET /api/students/:id/applications/:applicationId/scan': {},
    'POST /api/imports/students': { raw: 'text/csv', query: { schoolId, fileName: 'klase.csv' } },
    'POST /api/imports/:id/preview': { body: mapping },
    'POST /api/imports/:id/commit': { body: mapping },
    'GET /api/imports/:id/errors.csv': {},
    'GET /api/semesters': {},
    'POST /api/semesters': {
      body: {
        schoolYear: Number(today.slice(0, 4)),
        number: 2,
        startsOn: addDays(today, 400),
        endsOn: addDays(today, 500),
      },
    },
    'PATCH /api/semesters/:id': {
      body: { startsOn: addDays(today, 400), endsOn: addDays(today, 500) },
    },
    'GET /api/risk-catalogue': {},
    'POST /api/risk-catalogue': {
      body: {
        nameLv: 'Risks',
        nameEn: 'Risk',
        descriptionLv: 'Apraksts',
        descriptionEn: 'Description',
        code: 'ZZ99',
        riskType: 'learning',
      },
    },
    'PUT /api/risk-catalogue/:id': {
      body: { nameLv: 'Risks', nameEn: 'Risk', descriptionLv: 'Apraksts', descriptionEn: 'Description' },
    },
    'POST /api/risk-catalogue/:id/retired': { body: { retired: true } },
    'GET /api/students/:id/risks': {},
    'POST /api/students/:id/risks': {
      body: { semesterId, riskItemId, justification: 'Kavē stundas', foundOn: today },
    },
    'DELETE /api/students/:id/risks/:riskId': {},
    'POST /api/ejournal/import': {
      raw: 'text/csv',
      query: { schoolId, kind: 'attendance', fileName: 'kavejumi.csv', background: 'false' },
    },
    'GET /api/ejournal/templates/:kind': {},
    'POST /api/students/:id/attendance': {
      body: { onDate: today, lessonNo: 2, lessons: 1, subject: 'Matemātika', reason: 'unjustified' },
    },
    'POST /api/students/:id/marks': { body: { onDate: today, subject: 'Matemātika', mark: '3' } },
    'POST /api/students/:id/behaviour': {
      body: { onDate: today, kind: 'negative', note: 'Traucēja stundu' },
    },
    'GET /api/students/:id/indicators': { query: { semesterId } },
    'GET /api/students/:id/charts': { query: { semesterId } },
    'POST /api/students/:id/legal-duty': { body: { semesterId, informedOn: today } },
    'GET /api/watch-list': {
      query: { schoolId, semesterId, grade: '7', flag: 'unjustified', onlyUnassessed: 'true', ...page },
    },
    'GET /api/watch-list/summary': { query: { schoolId, semesterId } },
    'GET /api/watch-list.xlsx': {
      query: { schoolId, semesterId, grade: '7', flag: 'unjustified', onlyUnassessed: 'false' },
    },
    'GET /api/organisations/:id/thresholds': {},
    'PUT /api/organisations/:id/thresholds': {
      body: {
        unjustifiedLessons: 20,
        lowMarks: 1,
        averageDrop: 1,
        behaviourNotes: 3,
        attendanceRate: 0.85,
        lessonsPerDay: 7,
        disabledFlags: ['average_drop'],
      },
    },
    ...planAndSupportSamples(ids),
    ...letterSamples(ids),
    ...referralSamples(ids),
    ...noteSamples(ids),
    ...chronologySamples(ids),
    ...taskSamples(ids),
    ...jobSamples(ids),
    ...reportSamples(ids),
    ...flagValidationSamples(ids),
    ...outcomeSamples(ids),
    ...riskScoreSamples(ids),
    ...subjectAccessSamples(ids),
    ...privacySamples(),
    ...accountSamples(),
    ...secondFactorSamples(),
    ...opsSamples(),
  };
}
