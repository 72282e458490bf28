import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZMyNoteList,
  ZNote,
  ZNoteBody,
  ZNoteList,
  ZNoteParams,
  ZNoteRevisionList,
} from '../../../common/api/notes.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const tags = ['notes'];
const ZStudentParams = z.object({ id: z.uuid() });

/** Case notes on a student: the list, one note, its revisions, writing and editing; the author's own. */
export const noteRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;

  app.get(
    '/students/:id/notes',
    { schema: { tags, params: ZStudentParams, response: { 200: ZNoteList, ...errors } } },
    (req) => db.withTx((tx) => service.listNotes(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/students/:id/notes',
    { schema: { tags, params: ZStudentParams, body: ZNoteBody, response: { 201: ZNote, ...errors } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await db.withTx((tx) => service.createNote(req.ctx, req.params.id, req.body, tx))),
  );
  app.get(
    '/students/:id/notes/:noteId',
    { schema: { tags, params: ZNoteParams, response: { 200: ZNote, ...errors } } },
    (req) => db.withTx((tx) => service.getNote(req.ctx, req.params.id, req.params.noteId, tx)),
  );
  app.put(
    '/students/:id/notes/:noteId',
    { schema: { tags, params: ZNoteParams, body: ZNoteBody, response: { 200: ZNote, ...errors } } },
    (req) => db.withTx((tx) => service.updateNote(req.ctx, req.params.id, req.params.noteId, req.body, tx)),
  );
  app.get(
    '/students/:id/notes/:noteId/revisions',
    { schema: { tags, params: ZNoteParams, response: { 200: ZNoteRevisionList, ...errors } } },
    (req) => db.withTx((tx) => service.listRevisions(req.ctx, req.params.id, req.params.noteId, tx)),
  );
  app.get('/notes/mine', { schema: { tags, response: { 200: ZMyNoteList, ...errors } } }, (req) =>
    db.withTx((tx) => service.listMyNotes(req.ctx, tx)),
  );
};
