import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AppError } from '../core/errors';
import '../core/request';
import { auditRoutes } from '../audit/routes';
import { authRoutes } from '../auth/routes';
// cameras (register)
import { cameraRoutes } from '../cameras/routes';
import type { Database } from '../db/client';
// directives
import { directiveRoutes } from '../directives/routes';
import { fileRoutes } from '../files/routes';
// incidents
import { incidentSettingsRoutes } from '../incidents/contacts-routes';
import { incidentRoutes } from '../incidents/routes';
import { inventoryRoutes } from '../inventory/routes';
import { jobRoutes } from '../jobs/routes';
// Monitoring: log ingest
import { eventRoutes } from '../monitoring/events/routes';
import { ingestRoutes } from '../monitoring/ingest/routes';
// Monitoring: Sigma rules store and detection in the server
import { startRulesBus } from '../monitoring/rules/changes';
import { startDetection } from '../monitoring/rules/detection';
import { sigmaRuleRoutes } from '../monitoring/rules/routes';
// monitoring: rules management (per-unit tuning)
import { sigmaTuningRoutes } from '../monitoring/rules/tuning-routes';
// notify + watch (alerts and 24/7 duty)
import { notifyRoutes } from '../notify/routes';
import { unitRoutes } from '../units/routes';
import { userRoutes } from '../users/routes';
import { alertRoutes } from '../vulns/alerts-routes';
import { findingRoutes } from '../vulns/findings-routes';
import { vulnRoutes } from '../vulns/routes';
import { startWatchBus } from '../watch/alerts/bus';
import { watchOncallRoutes } from '../watch/oncall-routes';
import { watchAlertRoutes } from '../watch/routes';
import { installAccessControl, PUBLIC } from './auth';
import { handleError } from './errors';
import { createMetrics } from './metrics';
import { systemRoutes } from './system-routes';
import { zodValidatorCompiler } from './validation';

export type AppDeps = {
  database: Database;
  log: Logger;
  version: string;
  /** Behind an HTTPS reverse proxy: trust X-Forwarded-* so cookies become Secure and IPs are real. */
  trustProxy?: boolean;
  /** The built web console (web/dist); not served when absent. */
  webRoot?: string | undefined;
};

export type RouteInfo = { method: string; url: string; access: unknown };

/** Builds the whole HTTP application without listening, so tests drive it with inject(). */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  const hasConsole = Boolean(deps.webRoot && fs.existsSync(path.join(deps.webRoot, 'index.html')));
  app.setNotFoundHandler((req, reply) => {
    // The console routes on the client: a page URL (a GET outside /api with no file extension) gets
    // its index page; a missing asset or API path is a plain 404.
    const pathname = req.url.split('?')[0] ?? '';
    const isPage = req.method === 'GET' && !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname);
    if (hasConsole && isPage) return reply.sendFile('index.html');
    throw new AppError('ROUTE_NOT_FOUND', { url: req.url });
  });

  const routeTable: RouteInfo[] = [];
  let registeringConsole = false;
  app.addHook('onRoute', (route) => {
    // Plugin routes (API docs, web console files) are public by nature; everything else must say.
    if (route.url.startsWith('/api/docs') || registeringConsole) {
      route.config = { ...route.config, access: route.config?.access ?? PUBLIC };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });

  const metrics = createMetrics();
  app.addHook('onResponse', metrics.onResponse);

  await app.register(cookie);
  await app.register(multipart);
  installAccessControl(app as unknown as FastifyInstance, deps.database.db, deps.log);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Canh Gác API',
        version: deps.version,
        description: 'Security operations for local government',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cg_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: PUBLIC } }, () => app.swagger());

  await app.register(systemRoutes, { database: deps.database, version: deps.version, metrics });
  await app.register(authRoutes);
  await app.register(unitRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(jobRoutes);
  await app.register(vulnRoutes);
  await app.register(findingRoutes);
  await app.register(alertRoutes);
  await app.register(inventoryRoutes);
  await app.register(fileRoutes);
  // notify + watch (alerts and 24/7 duty)
  await app.register(notifyRoutes);
  await app.register(watchAlertRoutes);
  await app.register(watchOncallRoutes);
  // incidents (the coordinator passes { mailer } wired to src/notify)
  await app.register(incidentRoutes);
  await app.register(incidentSettingsRoutes);
  // directives
  await app.register(directiveRoutes);
  // cameras (register)
  await app.register(cameraRoutes);
  // Monitoring: log ingest
  await app.register(ingestRoutes);
  await app.register(eventRoutes);
  // Monitoring: Sigma rules store and detection in the server
  await app.register(sigmaRuleRoutes);
  // monitoring: rules management (per-unit tuning)
  await app.register(sigmaTuningRoutes);
  const stopDetection = startDetection(deps.database.db, deps.log);
  // Rule changes made on another node reach this node's detection at once (LISTEN/NOTIFY).
  const stopRulesBus = await startRulesBus(deps.database, deps.log);
  app.addHook('onClose', async () => {
    stopDetection();
    await stopRulesBus();
  });
  // notify + watch: alert changes and queued jobs of every node (LISTEN/NOTIFY), for SSE and the worker
  const stopWatchBus = await startWatchBus(deps.database, deps.log);
  app.addHook('onClose', stopWatchBus);

  if (hasConsole) {
    registeringConsole = true;
    // wildcard: files are looked up per request, so a rebuilt console is served without a restart.
    await app.register(fastifyStatic, { root: deps.webRoot!, wildcard: true });
    registeringConsole = false;
  }

  return Object.assign(app, { routeTable });
}
