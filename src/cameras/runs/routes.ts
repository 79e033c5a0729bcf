import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../core/request';
import type { Role } from '../../core/roles';
import { IdParams } from '../contract';
import { credentialRoutes } from '../credentials/routes';
import {
  AuditRunDetail,
  AuditRunList,
  AuditRunParams,
  AuditRunQuery,
  AuditStart,
  AuditStarted,
  AuditUnitParams,
  CameraAuditFindings,
} from './contract';
import { getAuditRun, getCameraAuditFindings, listAuditRuns, startCameraAudit } from './service';

const tags = ['cameras'];
// The route lets officers in; the unit's registered scope then decides who may actually scan (mayScan).
const OFFICERS: readonly Role[] = ['admin', 'unit_officer'];

export const auditRunRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/camera-audits/:unitId',
    {
      schema: {
        tags,
        summary: "Start a camera audit of a unit's registered scope, or of a narrower part of it (a job)",
        params: AuditUnitParams,
        body: AuditStart,
        response: { 202: AuditStarted },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    async (req, reply) =>
      reply.status(202).send(await startCameraAudit(req.ctx, req.params.unitId, req.body)),
  );
  app.get(
    '/api/camera-audits',
    {
      schema: {
        tags,
        summary: "Camera audit runs in the caller's subtree, newest first",
        querystring: AuditRunQuery,
        response: { 200: AuditRunList },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    (req) => listAuditRuns(req.ctx, req.query),
  );
  app.get(
    '/api/camera-audits/runs/:id',
    {
      schema: {
        tags,
        summary: 'One camera audit run with its findings (new, still open, fixed)',
        params: AuditRunParams,
        response: { 200: AuditRunDetail },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    (req) => getAuditRun(req.ctx, req.params.id),
  );
  app.get(
    '/api/cameras/:id/audit-findings',
    {
      schema: {
        tags,
        summary: "One camera's findings in the latest audit run that reported on it",
        params: IdParams,
        response: { 200: CameraAuditFindings },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    (req) => getCameraAuditFindings(req.ctx, req.params.id),
  );
  await app.register(credentialRoutes);
};
