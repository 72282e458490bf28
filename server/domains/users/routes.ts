import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZCreateGrantBody,
  ZCreateUserBody,
  ZUpdateUserBody,
  ZUserDetail,
  ZUserList,
  ZUserListQuery,
} from '../../../common/api/users.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const ZParams = z.object({ id: z.uuid() });
const ZGrantParams = z.object({ id: z.uuid(), grantId: z.uuid() });

/** Staff accounts and their role grants, within the caller's scope. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['users'];

  // Listing is audited (it shows names), so it writes and runs in a transaction.
  app.get(
    '/users',
    { schema: { tags, querystring: ZUserListQuery, response: { 200: ZUserList, ...errors } } },
    (req) => db.withTx((tx) => service.listUsers(req.ctx, req.query, tx)),
  );

  app.get(
    '/users/:id',
    { schema: { tags, params: ZParams, response: { 200: ZUserDetail, ...errors } } },
    (req) => db.withTx((tx) => service.getUser(req.ctx, req.params.id, tx)),
  );

  app.post(
    '/users',
    { schema: { tags, body: ZCreateUserBody, response: { 201: ZUserDetail, ...errors } } },
    async (req, reply) => {
      // A new account with a password the manager chose is a permission change (issue 16).
      requireStepUp(req.ctx);
      const user = await db.withTx((tx) => service.createUser(req.ctx, req.body, tx));
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    { schema: { tags, params: ZParams, body: ZUpdateUserBody, response: { 200: ZUserDetail, ...errors } } },
    (req) => {
      // Deactivating an account and setting its password are permission changes: a step-up (issue 16).
      if (req.body.active === false || req.body.password !== undefined) requireStepUp(req.ctx);
      return db.withTx((tx) => service.updateUser(req.ctx, req.params.id, req.body, tx));
    },
  );

  app.post(
    '/users/:id/grants',
    { schema: { tags, params: ZParams, body: ZCreateGrantBody, response: { 201: ZUserDetail, ...errors } } },
    async (req, reply) => {
      requireStepUp(req.ctx);
      const user = await db.withTx((tx) => service.addGrant(req.ctx, req.params.id, req.body, tx));
      return reply.status(201).send(user);
    },
  );

  app.delete(
    '/users/:id/grants/:grantId',
    { schema: { tags, params: ZGrantParams, response: { 200: ZUserDetail, ...errors } } },
    (req) => {
      requireStepUp(req.ctx);
      return db.withTx((tx) => service.removeGrant(req.ctx, req.params.id, req.params.grantId, tx));
    },
  );
};
