import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { alertStatus, createAlert, getAlert, listAlerts } from './alerts';
import { Alert, AlertCreate, AlertIdParams, AlertPage, AlertQuery, AlertStatus } from './alerts-contract';

const tags = ['alerts'];
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;

export const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/alerts',
    {
      schema: { tags, summary: 'National alerts', querystring: AlertQuery, response: { 200: AlertPage } },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => listAlerts(req.ctx, req.query),
  );
  app.post(
    '/api/alerts',
    {
      schema: {
        tags,
        summary: 'Record a national alert (CVEs as a list or pasted text)',
        body: AlertCreate,
        response: { 201: Alert },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req, reply) => reply.status(201).send(await createAlert(req.ctx, req.body)),
  );
  app.get(
    '/api/alerts/:id',
    {
      schema: { tags, summary: 'One alert', params: AlertIdParams, response: { 200: Alert } },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => getAlert(req.ctx, req.params.id),
  );
  app.get(
    '/api/alerts/:id/status',
    {
      schema: {
        tags,
        summary:
          "Per unit in the caller's scope: affected, undecided, fixed hosts, and hosts without inventory",
        params: AlertIdParams,
        response: { 200: AlertStatus },
      },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => alertStatus(req.ctx, req.params.id),
  );
};
