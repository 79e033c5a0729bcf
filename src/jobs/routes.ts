import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import type { Role } from '../core/roles';
import { AUDIT_VERIFY } from './builtin';
import { Job, JobIdParams, JobPage, JobQuery, JobScheduleList } from './contract';
import { cancelJob, enqueueJob, getJob, listJobs, listSchedules } from './service';

const tags = ['jobs'];
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/jobs',
    {
      schema: {
        tags,
        summary: "Background jobs in the caller's subtree, newest first",
        querystring: JobQuery,
        response: { 200: JobPage },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => listJobs(req.ctx, req.query),
  );
  app.get(
    '/api/jobs/schedules',
    {
      schema: { tags, summary: 'Recurring jobs and their next run', response: { 200: JobScheduleList } },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => listSchedules(req.ctx),
  );
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags,
        summary: 'One job, with its progress and result',
        params: JobIdParams,
        response: { 200: Job },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => getJob(req.ctx, req.params.id),
  );
  app.post(
    '/api/jobs/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a queued job, or ask a running one to stop',
        params: JobIdParams,
        response: { 200: Job },
      },
      config: { access: { roles: ['admin', 'unit_officer'], scope: 'unit' } },
    },
    (req) => cancelJob(req.ctx, req.params.id),
  );
  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit', ...tags],
        summary: 'Verify the audit hash chain in the background; poll the returned job',
        response: { 202: Job },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    // The job is filed under the caller's unit so that an admin below the root can follow it too.
    async (req, reply) =>
      reply.status(202).send(await enqueueJob(req.ctx, { kind: AUDIT_VERIFY, unitId: req.ctx.unitId })),
  );
};
