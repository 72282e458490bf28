import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZCreateTaskBody,
  ZTask,
  ZTaskAssignees,
  ZTaskCounts,
  ZTaskList,
  ZTaskListQuery,
} from '../../../common/api/tasks.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const tags = ['tasks'];
const ZId = z.object({ id: z.uuid() });

/** Tasks: "my tasks", the start page's counter, a student's tasks; made by hand or by the system. */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;

  app.get(
    '/tasks',
    { schema: { tags, querystring: ZTaskListQuery, response: { 200: ZTaskList, ...errors } } },
    (req) => db.withTx((tx) => service.listMyTasks(req.ctx, req.query, tx)),
  );
  app.get('/tasks/counts', { schema: { tags, response: { 200: ZTaskCounts, ...errors } } }, (req) =>
    db.withTx((tx) => service.myTaskCounts(req.ctx, tx)),
  );
  app.get('/tasks/assignees', { schema: { tags, response: { 200: ZTaskAssignees, ...errors } } }, (req) =>
    db.withTx((tx) => service.listAssignees(req.ctx, tx)),
  );
  app.post(
    '/tasks',
    { schema: { tags, body: ZCreateTaskBody, response: { 201: ZTask, ...errors } } },
    async (req, reply) => {
      const task = await db.withTx((tx) => service.createTask(req.ctx, req.body, tx));
      return reply.status(201).send(task);
    },
  );
  app.post('/tasks/:id/done', { schema: { tags, params: ZId, response: { 200: ZTask, ...errors } } }, (req) =>
    db.withTx((tx) => service.completeTask(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/tasks/:id/reopen',
    { schema: { tags, params: ZId, response: { 200: ZTask, ...errors } } },
    (req) => db.withTx((tx) => service.reopenTask(req.ctx, req.params.id, tx)),
  );
  app.get(
    '/students/:id/tasks',
    { schema: { tags, params: ZId, response: { 200: ZTaskList, ...errors } } },
    (req) => db.withTx((tx) => service.listStudentTasks(req.ctx, req.params.id, tx)),
  );
};
