import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import {
  Handover,
  HandoverCreate,
  HandoverList,
  HolidayCreate,
  Override,
  OverrideCreate,
  OverrideParams,
  Policy,
  PolicyCreate,
  PolicyIdParams,
  PolicyList,
  PolicyUpdate,
  RosterCreate,
  RosterDetail,
  RosterIdParams,
  RosterList,
  RosterQuery,
  RosterUpdate,
} from './oncall/contract';
import { addHoliday } from './oncall/holidays';
import {
  addHandover,
  addOverride,
  createPolicy,
  createRoster,
  deletePolicy,
  deleteRoster,
  getRoster,
  listHandovers,
  listPolicies,
  listRosters,
  removeOverride,
  updatePolicy,
  updateRoster,
} from './oncall/service';

const tags = ['watch'];
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;
const managers = ['admin', 'unit_officer'] as const;
const onDuty = ['admin', 'unit_officer', 'on_duty'] as const;

export const watchOncallRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/watch/rosters',
    {
      schema: {
        tags,
        summary: 'Rosters with who is on duty now and next',
        querystring: RosterQuery,
        response: { 200: RosterList },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listRosters(req.ctx, req.query.unitId),
  );
  app.post(
    '/api/watch/rosters',
    {
      schema: { tags, summary: 'Create a roster', body: RosterCreate, response: { 201: RosterDetail } },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createRoster(req.ctx, req.body)),
  );
  app.get(
    '/api/watch/rosters/:id',
    {
      schema: {
        tags,
        summary: 'One roster, on duty now, next shifts',
        params: RosterIdParams,
        response: { 200: RosterDetail },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => getRoster(req.ctx, req.params.id),
  );
  app.patch(
    '/api/watch/rosters/:id',
    {
      schema: {
        tags,
        summary: 'Change a roster',
        params: RosterIdParams,
        body: RosterUpdate,
        response: { 200: RosterDetail },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    (req) => updateRoster(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/watch/rosters/:id',
    {
      schema: { tags, summary: 'Delete a roster', params: RosterIdParams },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteRoster(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/watch/rosters/:id/overrides',
    {
      schema: {
        tags,
        summary: 'Put someone on duty for an interval (holiday, swap)',
        params: RosterIdParams,
        body: OverrideCreate,
        response: { 201: Override },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await addOverride(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/watch/rosters/:id/holidays',
    {
      schema: {
        tags,
        summary: 'Put someone on duty for a public holiday (whole days, handoff to handoff)',
        params: RosterIdParams,
        body: HolidayCreate,
        response: { 201: Override },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await addHoliday(req.ctx, req.params.id, req.body)),
  );
  app.delete(
    '/api/watch/rosters/:id/overrides/:overrideId',
    {
      schema: { tags, summary: 'Remove an override', params: OverrideParams },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => {
      await removeOverride(req.ctx, req.params.id, req.params.overrideId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/watch/rosters/:id/handovers',
    {
      schema: { tags, summary: 'Handover log', params: RosterIdParams, response: { 200: HandoverList } },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listHandovers(req.ctx, req.params.id),
  );
  app.post(
    '/api/watch/rosters/:id/handovers',
    {
      schema: {
        tags,
        summary: 'Write the handover notes of the current shift',
        params: RosterIdParams,
        body: HandoverCreate,
        response: { 201: Handover },
      },
      config: { access: { roles: onDuty, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await addHandover(req.ctx, req.params.id, req.body.notes)),
  );
  app.get(
    '/api/watch/policies',
    {
      schema: { tags, summary: 'Escalation policies', response: { 200: PolicyList } },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => listPolicies(req.ctx),
  );
  app.post(
    '/api/watch/policies',
    {
      schema: { tags, summary: 'Create an escalation policy', body: PolicyCreate, response: { 201: Policy } },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createPolicy(req.ctx, req.body)),
  );
  app.patch(
    '/api/watch/policies/:id',
    {
      schema: {
        tags,
        summary: 'Change an escalation policy',
        params: PolicyIdParams,
        body: PolicyUpdate,
        response: { 200: Policy },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    (req) => updatePolicy(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/watch/policies/:id',
    {
      schema: { tags, summary: 'Delete an escalation policy', params: PolicyIdParams },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => {
      await deletePolicy(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
