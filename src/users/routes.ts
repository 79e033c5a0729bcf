import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import {
  PasswordReset,
  User,
  UserCreate,
  UserCreated,
  UserIdParams,
  UserPage,
  UserQuery,
  UserUpdate,
} from './contract';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './service';

const tags = ['users'];
const readers = ['admin', 'unit_officer', 'viewer'] as const;
const managers = ['admin', 'unit_officer'] as const;

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: "List users in the caller's subtree",
        querystring: UserQuery,
        response: { 200: UserPage },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listUsers(req.ctx, req.query),
  );
  app.get(
    '/api/users/:id',
    {
      schema: { tags, summary: 'One user', params: UserIdParams, response: { 200: User } },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => getUser(req.ctx, req.params.id),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user (a generated password is returned once)',
        body: UserCreate,
        response: { 201: UserCreated },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createUser(req.ctx, req.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change, move, disable a user',
        params: UserIdParams,
        body: UserUpdate,
        response: { 200: User },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    (req) => updateUser(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Generate a new password that must be changed at sign-in',
        params: UserIdParams,
        response: { 200: PasswordReset },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    (req) => resetPassword(req.ctx, req.params.id),
  );
};
