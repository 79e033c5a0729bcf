import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import '../../core/request';
import type { Role } from '../../core/roles';
import { EventPage, EventQuery } from '../events/contract';
import { listEvents } from '../events/service';
import { INGEST_BODY_LIMIT, ingestBatch, tokenFromHeaders } from './ingest-service';
import {
  IngestStats,
  LogSource,
  LogSourceCreate,
  LogSourceCreated,
  LogSourceIdParams,
  LogSourcePage,
  LogSourceQuery,
  LogSourceUpdate,
} from './sources-contract';
import {
  createLogSource,
  deleteLogSource,
  getLogSource,
  listLogSources,
  updateLogSource,
} from './sources-service';
import { ingestStats } from './stats-service';

const tags = ['monitoring'];
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
const WRITERS: readonly Role[] = ['admin', 'unit_officer'];
const IngestResult = z.object({ accepted: z.number().int(), raw: z.number().int() });

export const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  // Shippers post NDJSON (Winlogbeat/NXLog/Fluent Bit); scoped to this plugin, kept as text.
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/ndjson', 'text/plain'],
    { parseAs: 'string', bodyLimit: INGEST_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/log-sources',
    {
      schema: {
        tags,
        summary: 'Log sources in scope',
        querystring: LogSourceQuery,
        response: { 200: LogSourcePage },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => listLogSources(req.ctx, req.query),
  );
  app.post(
    '/api/log-sources',
    {
      schema: {
        tags,
        summary:
          'Register a log source (syslog by sender address/CIDR, or HTTP with an ingest token shown once)',
        body: LogSourceCreate,
        response: { 201: LogSourceCreated },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createLogSource(req.ctx, req.body)),
  );
  app.get(
    '/api/log-sources/:id',
    {
      schema: { tags, summary: 'One log source', params: LogSourceIdParams, response: { 200: LogSource } },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => getLogSource(req.ctx, req.params.id),
  );
  app.patch(
    '/api/log-sources/:id',
    {
      schema: {
        tags,
        summary: 'Change a log source',
        params: LogSourceIdParams,
        body: LogSourceUpdate,
        response: { 200: LogSource },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => updateLogSource(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/log-sources/:id',
    {
      schema: {
        tags,
        summary: 'Remove a log source (its events stay until retention)',
        params: LogSourceIdParams,
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteLogSource(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/events',
    {
      schema: {
        tags,
        summary: 'Search stored log events',
        querystring: EventQuery,
        response: { 200: EventPage },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => listEvents(req.ctx, req.query),
  );
  app.post(
    '/api/ingest/events',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Bulk NDJSON ingest of Windows events (Winlogbeat, NXLog, EVTX-JSON) for an HTTP log source',
        description:
          'Authenticate with the source\'s ingest token: "Authorization: ApiKey cgi_…" or "X-Canhgac-Token: cgi_…". ' +
          'Answers 200 only once every line is stored; lines that are not events are stored as raw and counted.',
        body: z.unknown(),
        response: { 200: IngestResult },
      },
      // The ingest token, not a user session, authorises this route (checked in the service).
      config: { access: { roles: 'public', scope: 'none' } },
    },
    (req) => ingestBatch(req.ctx, tokenFromHeaders(req.headers), req.body),
  );
  app.get(
    '/api/ingest/stats',
    {
      schema: { tags, summary: 'Receiver counters and unknown senders', response: { 200: IngestStats } },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => ingestStats(req.ctx),
  );
};
