import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ALL_ROLES } from '../core/access';
import '../core/request';
import { Unit, UnitCreate, UnitIdParams, UnitPage, UnitQuery, UnitUpdate } from './contract';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './service';

const tags = ['units'];

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/units',
    {
      schema: {
        tags,
        summary: "List units in the caller's subtree",
        querystring: UnitQuery,
        response: { 200: UnitPage },
      },
      config: { access: { roles: ALL_ROLES, scope: 'unit' } },
    },
    (req) => listUnits(req.ctx, req.query),
  );
  app.get(
    '/api/units/:id',
    {
      schema: { tags, summary: 'One unit', params: UnitIdParams, response: { 200: Unit } },
      config: { access: { roles: ALL_ROLES, scope: 'unit' } },
    },
    (req) => getUnit(req.ctx, req.params.id),
  );
  app.post(
    '/api/units',
    {
      schema: { tags, summary: 'Create a unit under a parent', body: UnitCreate, response: { 201: Unit } },
      config: { access: { roles: ['admin'], scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createUnit(req.ctx, req.body)),
  );
  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags,
        summary: 'Change or move a unit',
        params: UnitIdParams,
        body: UnitUpdate,
        response: { 200: Unit },
      },
      config: { access: { roles: ['admin'], scope: 'unit' } },
    },
    (req) => updateUnit(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/units/:id',
    {
      schema: { tags, summary: 'Delete an empty unit', params: UnitIdParams },
      config: { access: { roles: ['admin'], scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteUnit(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
