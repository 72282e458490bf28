import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZCreateOrganisationBody,
  ZOrganisation,
  ZOrganisationList,
  ZSchoolDirectory,
  ZUpdateOrganisationBody,
} from '../../../common/api/organisations.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const ZParams = z.object({ id: z.uuid() });

/** The organisation tree within the caller's scope. */
export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['organisations'];

  app.get(
    '/organisations',
    { schema: { tags, response: { 200: ZOrganisationList, ...errors } } },
    async (req) => ({
      items: await db.read((tx) => service.listOrganisations(req.ctx, tx)),
    }),
  );

  app.get(
    '/schools',
    {
      schema: {
        tags,
        description: 'All active schools, for choosing where a student moves.',
        response: { 200: ZSchoolDirectory, ...errors },
      },
    },
    async (req) => ({
      items: await db.read((tx) => service.listSchoolDirectory(req.ctx, tx)),
    }),
  );

  app.get(
    '/organisations/:id',
    { schema: { tags, params: ZParams, response: { 200: ZOrganisation, ...errors } } },
    (req) => db.read((tx) => service.getOrganisation(req.ctx, req.params.id, tx)),
  );

  app.post(
    '/organisations',
    { schema: { tags, body: ZCreateOrganisationBody, response: { 201: ZOrganisation, ...errors } } },
    async (req, reply) => {
      const org = await db.withTx((tx) => service.createOrganisation(req.ctx, req.body, tx));
      return reply.status(201).send(org);
    },
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        params: ZParams,
        body: ZUpdateOrganisationBody,
        response: { 200: ZOrganisation, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.updateOrganisation(req.ctx, req.params.id, req.body, tx)),
  );
};
