import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { z } from 'zod';
import {
  AckResult,
  AckTokenParams,
  AlertAssign,
  AlertComment,
  AlertStatusChange,
  AlertStreamQuery,
  RaiseAlert,
  WatchAlert,
  WatchAlertDetail,
  WatchAlertIdParams,
  WatchAlertPage,
  WatchAlertQuery,
} from './alerts/contract';
import {
  assignAlert,
  changeAlertStatus,
  commentAlert,
  getWatchAlert,
  listWatchAlerts,
  raiseAlert,
} from './alerts/service';
import { streamAlerts } from './alerts/stream';
import { acknowledgeByToken, ackPage, describeAckToken } from './oncall/ack';

const tags = ['watch'];
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;
const responders = ['admin', 'unit_officer', 'on_duty'] as const;

export const watchAlertRoutes: FastifyPluginAsyncZod = async (app) => {
  // The acknowledge page's form posts urlencoded with nothing we read: accept it, ignore the body.
  app.addContentTypeParser('application/x-www-form-urlencoded', (_req, _payload, done) => done(null, {}));

  app.get(
    '/api/watch/alerts',
    {
      schema: {
        tags,
        summary: 'Monitoring alerts in scope',
        querystring: WatchAlertQuery,
        response: { 200: WatchAlertPage },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listWatchAlerts(req.ctx, req.query),
  );
  app.post(
    '/api/watch/alerts',
    {
      schema: {
        tags,
        summary: 'Raise an alert (external detectors); repeats group',
        body: RaiseAlert.omit({ at: true }),
        response: { 200: WatchAlert },
      },
      config: { access: { roles: ['admin', 'unit_officer'], scope: 'unit' } },
    },
    async (req) => (await raiseAlert(req.ctx, req.body)).alert,
  );
  app.get(
    '/api/watch/alerts/stream',
    {
      schema: { tags, summary: 'Live alert changes (Server-Sent Events)', querystring: AlertStreamQuery },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req, reply) => streamAlerts(req, reply, req.query),
  );
  app.get(
    '/api/watch/alerts/:id',
    {
      schema: {
        tags,
        summary: 'One alert with its timeline',
        params: WatchAlertIdParams,
        response: { 200: WatchAlertDetail },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => getWatchAlert(req.ctx, req.params.id),
  );
  app.post(
    '/api/watch/alerts/:id/status',
    {
      schema: {
        tags,
        summary: 'Acknowledge, start, close (with a reason) or reopen',
        params: WatchAlertIdParams,
        body: AlertStatusChange,
        response: { 200: WatchAlert },
      },
      config: { access: { roles: responders, scope: 'unit' } },
    },
    (req) => changeAlertStatus(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/watch/alerts/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign or unassign',
        params: WatchAlertIdParams,
        body: AlertAssign,
        response: { 200: WatchAlert },
      },
      config: { access: { roles: responders, scope: 'unit' } },
    },
    (req) => assignAlert(req.ctx, req.params.id, req.body.assigneeId),
  );
  app.post(
    '/api/watch/alerts/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment',
        params: WatchAlertIdParams,
        body: AlertComment,
        response: { 200: WatchAlertDetail },
      },
      config: { access: { roles: responders, scope: 'unit' } },
    },
    (req) => commentAlert(req.ctx, req.params.id, req.body.body),
  );
  app.get(
    '/api/watch/ack/:token',
    {
      schema: {
        tags,
        summary: "Acknowledge link's confirmation page (HTML; does not acknowledge)",
        params: AckTokenParams,
        response: { 200: z.string(), 410: z.string() },
      },
      config: { access: { roles: 'public', scope: 'none' } },
    },
    async (req, reply) => {
      const info = await describeAckToken(req.ctx, req.params.token).catch(() => null);
      return reply
        .status(info ? 200 : 410)
        .type('text/html; charset=utf-8')
        .send(ackPage(info));
    },
  );
  app.post(
    '/api/watch/ack/:token',
    {
      // No response schema: the page's form gets HTML back, scripts get AckResult as JSON.
      schema: {
        tags,
        summary: 'Acknowledge with a one-time link token (answers AckResult JSON)',
        params: AckTokenParams,
      },
      config: { access: { roles: 'public', scope: 'none' } },
    },
    async (req, reply) => {
      const result = await acknowledgeByToken(req.ctx, req.params.token);
      // The page's form wants a page back; scripts get JSON.
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return reply.type('text/html; charset=utf-8').send(ackPage({ ...result }, true));
      }
      return reply.send(AckResult.parse(result));
    },
  );
};
