import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import '../core/request';
import type { Role } from '../core/roles';
import { advanceAssessment, listAssessments, proposeAssessment, suggest } from './assessments-service';
import { cameraInventoryRoutes } from './camera-routes';
import { checklistRoutes } from './checklist-routes';
import {
  Assessment,
  AssessmentCreate,
  AssessmentParams,
  AssessmentStep,
  CameraSystem,
  DossierQuery,
  IdParams,
  SuggestBody,
  SuggestResult,
  SystemCreate,
  SystemPage,
  SystemQuery,
  SystemUpdate,
} from './contract';
import { renderAssessmentDossier } from './dossier-service';
import { auditRunRoutes } from './runs/routes';
import { createSystem, deleteSystem, getSystem, listSystems, updateSystem } from './systems-service';

const tags = ['cameras'];
export const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
export const WRITERS: readonly Role[] = ['admin', 'unit_officer'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** RFC 6266/5987: an ASCII fallback name plus the UTF-8 name, so Vietnamese names survive. */
export function attachment(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'tep';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const cameraRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/camera-systems',
    {
      schema: {
        tags,
        summary: "Camera systems in the caller's subtree",
        querystring: SystemQuery,
        response: { 200: SystemPage },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => listSystems(req.ctx, req.query),
  );
  app.post(
    '/api/camera-systems',
    {
      schema: {
        tags,
        summary: 'Register a camera system',
        body: SystemCreate,
        response: { 201: CameraSystem },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createSystem(req.ctx, req.body)),
  );
  app.get(
    '/api/camera-systems/:id',
    {
      schema: { tags, summary: 'One camera system', params: IdParams, response: { 200: CameraSystem } },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => getSystem(req.ctx, req.params.id),
  );
  app.patch(
    '/api/camera-systems/:id',
    {
      schema: {
        tags,
        summary: 'Change a camera system',
        params: IdParams,
        body: SystemUpdate,
        response: { 200: CameraSystem },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => updateSystem(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/camera-systems/:id',
    {
      schema: { tags, summary: 'Delete a camera system (its cameras stay, unlinked)', params: IdParams },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteSystem(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/camera-levels/suggest',
    {
      schema: {
        tags,
        summary:
          'The level the regime suggests for these answers, with the clause behind each (writes nothing)',
        body: SuggestBody,
        response: { 200: SuggestResult },
      },
      config: { access: { roles: READERS, scope: 'none' } },
    },
    (req) => suggest(req.body.regime, req.body.answers),
  );
  app.get(
    '/api/camera-systems/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Level assessments of a system, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Assessment) }) },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    async (req) => ({ items: await listAssessments(req.ctx, req.params.id) }),
  );
  app.post(
    '/api/camera-systems/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Propose a level (the suggestion, or an admin override with a reason)',
        params: IdParams,
        body: AssessmentCreate,
        response: { 201: Assessment },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await proposeAssessment(req.ctx, req.params.id, req.body)),
  );
  for (const step of ['appraise', 'approve'] as const) {
    app.post(
      `/api/camera-systems/:id/assessments/:assessmentId/${step}`,
      {
        schema: {
          tags,
          summary:
            step === 'appraise' ? 'Record the appraisal (thẩm định)' : 'Record the approval (phê duyệt)',
          params: AssessmentParams,
          body: AssessmentStep,
          response: { 200: Assessment },
        },
        config: { access: { roles: WRITERS, scope: 'unit' } },
      },
      (req) => advanceAssessment(req.ctx, req.params.id, req.params.assessmentId, step, req.body),
    );
  }
  app.get(
    '/api/camera-systems/:id/assessments/:assessmentId/dossier.docx',
    {
      schema: {
        tags,
        summary: 'The proposal dossier (hồ sơ đề xuất cấp độ) as DOCX, Decree 30/2020 layout',
        params: AssessmentParams,
        querystring: DossierQuery,
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    async (req, reply) => {
      const { fileName, content } = await renderAssessmentDossier(
        req.ctx,
        req.params.id,
        req.params.assessmentId,
        req.query,
      );
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', attachment(fileName))
        .header('x-content-type-options', 'nosniff')
        .send(content);
    },
  );
  await app.register(cameraInventoryRoutes);
  await app.register(checklistRoutes);
  await app.register(auditRunRoutes);
};
