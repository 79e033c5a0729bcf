import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../core/request';
import type { Role } from '../../core/roles';
import { EventIdParams, EventItem } from './contract';
import { getEvent } from './service';

const tags = ['monitoring'];
/** The readers of GET /api/events (monitoring/ingest/routes.ts): whoever may search may open one. */
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: 'One stored log event by id (404 when absent, purged or outside your units)',
        params: EventIdParams,
        response: { 200: EventItem },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => getEvent(req.ctx, req.params.id),
  );
};
