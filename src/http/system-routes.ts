import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import '../core/request';
import type { Database } from '../db/client';
import { PUBLIC } from './auth';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }),
  uptimeSeconds: z.number(),
});

export type SystemDeps = { database: Database; version: string };

/** Health for load balancers and the console; Prometheus metrics for the provincial monitoring. */
export const systemRoutes: FastifyPluginAsyncZod<SystemDeps> = async (app, deps) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'canhgac_' });
  const requests = new Counter({
    name: 'canhgac_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'canhgac_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const dbUp = new Gauge({
    name: 'canhgac_database_up',
    help: '1 when the database answers',
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    // Label by route pattern, never by raw URL: ids in URLs would explode the series count.
    const route = req.routeOptions.url ?? 'unknown';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

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
      dbUp.set((await pingDatabase()).ok ? 1 : 0);
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
};
