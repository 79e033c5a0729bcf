import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import '../core/request';
import type { Database } from '../db/client';
import { PUBLIC } from './auth';
import type { Metrics } from './metrics';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }),
  uptimeSeconds: z.number(),
});

export type SystemDeps = { database: Database; version: string; metrics: Metrics };

/** Health for load balancers and the console; Prometheus metrics for the provincial monitoring. */
export const systemRoutes: FastifyPluginAsyncZod<SystemDeps> = async (app, deps) => {
  async function pingDatabase() {
    const started = performance.now();
    try {
      await deps.database.db.execute(sql`select 1`);
      return { ok: true, latencyMs: performance.now() - started };
    } catch {
      return { ok: false, latencyMs: performance.now() - started };
    }
  }

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Version and database state',
        response: { 200: Health, 503: Health },
      },
      config: { access: PUBLIC },
    },
    async (_req, reply) => {
      const db = await pingDatabase();
      const body = {
        status: db.ok ? ('ok' as const) : ('degraded' as const),
        version: deps.version,
        database: { kind: deps.database.kind, ...db },
        uptimeSeconds: Math.round(process.uptime()),
      };
      return reply.status(db.ok ? 200 : 503).send(body);
    },
  );

  app.get(
    '/metrics',
    {
      schema: { tags: ['system'], summary: 'Prometheus metrics (bearer token of an admin or viewer)' },
      config: { access: { roles: ['admin', 'viewer'], scope: 'none' } },
    },
    async (_req, reply) => {
      deps.metrics.databaseUp.set((await pingDatabase()).ok ? 1 : 0);
      return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    },
  );
};
