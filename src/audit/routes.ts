import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { AuditPage, AuditQuery } from './contract';
import { listAudit } from './service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "Audit trail in the caller's scope, newest first",
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
      config: { access: { roles: ['admin', 'unit_officer', 'viewer'], scope: 'unit' } },
    },
    (req) => listAudit(req.ctx, req.query),
  );
};
