import { createHash } from 'node:crypto';
import {
  LETTER_PLACEHOLDERS,
  type LetterKind,
  type TLetter,
  type TLetterList,
  type TLetterTemplate,
  type TLetterTemplateBody,
  type TSendLetterBody,
} from '../../../common/api/letters.ts';
import type { Language } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { findStoredFile, insertStoredFile } from '../../platform/files/index.ts';
import type { Mailer } from '../../platform/mail.ts';
import { MailUnavailableError } from '../../platform/mail.ts';
import { can, canAnywhere } from '../../platform/policy/gate.ts';
import { findGuardian, findGuardians, loadVisibleStudent } from '../students/index.ts';
import { letterPdf } from './pdf.ts';
import { LETTER_TEMPLATES_MANAGE, LETTERS_SEND, LETTERS_VIEW } from './policy.ts';
import * as repo from './repo.ts';
import { checkTemplate, renderTemplate } from './template.ts';
import { letterValues, sampleValues } from './values.ts';

/** 403 unless the caller edits the national templates. */
function requireTemplateManager(ctx: RequestContext): void {
  if (!canAnywhere(ctx.actor, LETTER_TEMPLATES_MANAGE)) throw new ForbiddenError('letter_template');
}

/** Every template (national admin). */
export async function listTemplates(ctx: RequestContext, tx: Db): Promise<TLetterTemplate[]> {
  requireTemplateManager(ctx);
  const rows = await repo.findTemplates(tx);
  return rows.map((r) => ({
    kind: r.kind as LetterKind,
    language: r.language as Language,
    subject: r.subject,
    body: r.body,
    version: r.version,
    updatedAt: new Date(r.updatedAt).toISOString(),
    updatedByName: r.updatedByName,
    placeholders: [...LETTER_PLACEHOLDERS[r.kind as LetterKind]],
  }));
}

/** 400 naming the first unknown placeholder or unbalanced brace of the subject or body. */
function validateTemplate(kind: LetterKind, input: TLetterTemplateBody): void {
  for (const field of ['subject', 'body'] as const) {
    const problem = checkTemplate(input[field], LETTER_PLACEHOLDERS[kind]);
    if (!problem) continue;
    throw new AppError(400, 'template_invalid', [
      problem.kind === 'unknown_placeholder'
        ? {
            path: field,
            message: 'template_unknown_placeholder',
            params: {
              name: problem.name,
              allowed: LETTER_PLACEHOLDERS[kind].map((p) => `{{${p}}}`).join(', '),
            },
          }
        : { path: field, message: 'template_unbalanced', params: { near: problem.near } },
    ]);
  }
}

/** Saves a template as a new version (national admin), audited. */
export async function updateTemplate(
  ctx: RequestContext,
  kind: LetterKind,
  language: Language,
  input: TLetterTemplateBody,
  tx: Db,
): Promise<TLetterTemplate[]> {
  requireTemplateManager(ctx);
  validateTemplate(kind, input);
  const version = await repo.saveTemplate(tx, {
    kind,
    language,
    subject: input.subject,
    body: input.body,
    by: ctx.actor?.userId as string,
    at: now(),
  });
  if (version === null) throw new NotFoundError();
  await writeAudit(tx, ctx, {
    action: 'letter_template.update',
    entityType: 'letter_template',
    entityId: null,
    orgId: null,
  });
  return listTemplates(ctx, tx);
}

/** A template (as edited, not yet saved) filled with sample data. */
export function previewTemplate(
  ctx: RequestContext,
  input: TLetterTemplateBody & { kind: LetterKind; language: Language },
): { subject: string; body: string } {
  requireTemplateManager(ctx);
  validateTemplate(input.kind, input);
  const values = sampleValues(input.language);
  return { subject: renderTemplate(input.subject, values), body: renderTemplate(input.body, values) };
}

function presentLetter(r: Awaited<ReturnType<typeof repo.findLetters>>[number]): TLetter {
  return {
    id: r.id,
    kind: r.kind as TLetter['kind'],
    language: r.language as Language,
    method: r.method as TLetter['method'],
    guardianId: r.guardian_id,
    guardianName: r.guardian_name,
    planCode: r.plan_code,
    sentAt: new Date(r.sent_at).toISOString(),
    sentByName: r.sent_by_name,
  };
}

/** A student the caller sees, and 403 unless `action` is allowed on it. */
async function studentFor(ctx: RequestContext, studentId: string, action: string, tx: Db) {
  const loaded = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, action, loaded.resource))
    throw new ForbiddenError('student', studentId, loaded.row.schoolId);
  return loaded;
}

/** The letters sent to a student's guardians, and whom a new one may go to; audited. */
export async function listLetters(ctx: RequestContext, studentId: string, tx: Db): Promise<TLetterList> {
  const { row, resource } = await studentFor(ctx, studentId, LETTERS_VIEW, tx);
  const rows = await repo.findLetters(tx, studentId);
  const guardians = await findGuardians(tx, studentId);
  await writeAudit(tx, ctx, {
    action: 'letter.list',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return {
    items: rows.map(presentLetter),
    guardians: guardians.map((g) => ({
      id: g.id,
      name: `${g.firstName} ${g.lastName}`,
      hasEmail: Boolean(g.email),
      language: g.language,
    })),
    can: { send: can(ctx.actor, LETTERS_SEND, resource) },
  };
}

/**
 * Generates a letter for one of the student's guardians from the template of its kind and language,
 * stores the PDF, records the sending and, for `emailed`, mails it (502 and nothing recorded when the
 * mail server fails). The same letter to the same guardian the same way on one day is refused (409).
 */
export async function sendLetter(
  ctx: RequestContext,
  studentId: string,
  input: TSendLetterBody,
  tx: Db,
  mailer: Mailer,
): Promise<TLetter> {
  const { row } = await studentFor(ctx, studentId, LETTERS_SEND, tx);
  const guardian = await findGuardian(tx, studentId, input.guardianId);
  if (!guardian) throw new NotFoundError('guardian', input.guardianId);
  if (input.method === 'emailed' && !guardian.email) throw badRequest('guardian_no_email', 'guardianId');
  const template = await repo.findTemplate(tx, input.kind, input.language);
  if (!template) throw new NotFoundError();
  const { values, planId } = await letterValues(ctx, row, guardian, input, tx);
  const subject = renderTemplate(template.subject, values);
  const body = renderTemplate(template.body, values);
  const pdf = await letterPdf({ schoolName: row.schoolName, subject, body });
  const fileName = `${input.kind}-${today()}.pdf`;
  const fileId = await insertStoredFile(tx, {
    fileName,
    contentType: 'application/pdf',
    size: pdf.length,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    content: pdf,
    orgId: row.schoolId,
    createdBy: ctx.actor?.userId ?? null,
  });
  const id = await repo.insertLetter(tx, {
    studentId,
    schoolId: row.schoolId,
    kind: input.kind,
    language: input.language,
    guardianId: guardian.id,
    method: input.method,
    planId,
    templateVersion: template.version,
    fileId,
    sentBy: ctx.actor?.userId as string,
    sentAt: now(),
    sentOn: today(),
  });
  if (!id) throw conflict('letter_duplicate', 'kind');
  // Recorded first, mailed last: a failure rolls the record back, and a repeat never mails twice.
  if (input.method === 'emailed') {
    try {
      await mailer.send({
        to: guardian.email as string,
        subject,
        text: body,
        attachments: [{ filename: fileName, content: pdf, contentType: 'application/pdf' }],
      });
    } catch (e) {
      if (e instanceof MailUnavailableError)
        throw new AppError(502, mailer.transport === 'off' ? 'mail_not_configured' : 'mail_unavailable');
      throw e;
    }
  }
  await writeAudit(tx, ctx, {
    action: 'letter.send',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  const [saved] = await repo.findLetters(tx, studentId, id);
  return presentLetter(saved);
}

/** A sent letter's PDF as stored; audited. */
export async function letterFile(ctx: RequestContext, studentId: string, letterId: string, tx: Db) {
  const { row } = await studentFor(ctx, studentId, LETTERS_VIEW, tx);
  const [letter] = await repo.findLetters(tx, studentId, letterId);
  if (!letter) throw new NotFoundError('letter', letterId, row.schoolId);
  const file = await findStoredFile(tx, letter.file_id);
  if (!file) throw new NotFoundError('letter', letterId, row.schoolId);
  await writeAudit(tx, ctx, {
    action: 'letter.pdf',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return file;
}
