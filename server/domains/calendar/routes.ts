import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZUpdateSemesterBody } from '../../../common/api/calendar.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZSemesterList } from '../../../common/api/risks.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };

/** The school-year calendar: the national admin moves semester dates (the list is GET /semesters). */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  app.patch(
    '/semesters/:id',
    {
      schema: {
        tags: ['calendar'],
        params: z.object({ id: z.uuid() }),
        body: ZUpdateSemesterBody,
        response: { 200: ZSemesterList, ...errors },
      },
    },
    async (req) => ({
      items: await db.withTx((tx) => service.updateSemesterDates(req.ctx, req.params.id, req.body, tx)),
    }),
  );
};
