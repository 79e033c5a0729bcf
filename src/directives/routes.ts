import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import '../core/request';
import { answerTask, assignmentEvidence, listUnitTasks } from './answers';
import {
  Answer,
  AnswerCreate,
  AssignmentIdParams,
  AssignRequest,
  Directive,
  DirectiveCreate,
  DirectiveDetail,
  DirectiveIdParams,
  DirectivePage,
  DirectiveQuery,
  DispatchRequest,
  Evidence,
  Matrix,
  ReportRequest,
  SplitRequest,
  SplitResult,
  StoredFile,
  TaskEvidenceParams,
  TasksReplace,
  UnitTaskList,
  UnitTaskQuery,
} from './contract';
import { composeDispatch, generateReport } from './generate';
import { directiveMatrix, taskEvidence } from './matrix';
import { assignTasks, createDirective, getDirective, listDirectives, replaceTasks } from './service';
import { splitTasks } from './split-tasks';

const tags = ['directives'];
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;
const writers = ['admin', 'unit_officer'] as const;
// Providers (telecom, IT contractors) are recipients of dispatches too: they see and answer their own tasks.
const unitReaders = ['admin', 'unit_officer', 'on_duty', 'provider', 'viewer'] as const;
const unitWriters = ['admin', 'unit_officer', 'provider'] as const;
/** Files travel base64 inside the JSON: 25 MB of file is ~34 MB of text. */
const UPLOAD_BODY_LIMIT = 40 * 1024 * 1024;
const unit = (roles: readonly (typeof unitReaders)[number][]) => ({
  access: { roles, scope: 'unit' as const },
});
const EvidenceAnswer = z.object({ evidence: Evidence.nullable() });

export const directiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/directives',
    {
      schema: {
        tags,
        summary: 'Incoming directives of the caller’s units',
        querystring: DirectiveQuery,
        response: { 200: DirectivePage },
      },
      config: unit(readers),
    },
    (req) => listDirectives(req.ctx, req.query),
  );
  app.post(
    '/api/directives',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Register an incoming directive (file base64, tasks)',
        body: DirectiveCreate,
        response: { 201: Directive },
      },
      config: unit(writers),
    },
    async (req, reply) => reply.status(201).send(await createDirective(req.ctx, req.body)),
  );
  app.post(
    '/api/directives/split-tasks',
    {
      schema: {
        tags,
        summary: 'Propose tasks from pasted text (nothing is saved)',
        body: SplitRequest,
        response: { 200: SplitResult },
      },
      config: { access: { roles: writers, scope: 'none' } },
    },
    (req) => splitTasks(req.body.text),
  );
  app.get(
    '/api/directives/:id',
    {
      schema: {
        tags,
        summary: 'One directive with its tasks and assignments',
        params: DirectiveIdParams,
        response: { 200: DirectiveDetail },
      },
      config: unit(readers),
    },
    (req) => getDirective(req.ctx, req.params.id),
  );
  app.put(
    '/api/directives/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Replace the task list as edited',
        params: DirectiveIdParams,
        body: TasksReplace,
        response: { 200: DirectiveDetail },
      },
      config: unit(writers),
    },
    (req) => replaceTasks(req.ctx, req.params.id, req.body.tasks),
  );
  app.post(
    '/api/directives/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Assign tasks to units below, with a deadline',
        params: DirectiveIdParams,
        body: AssignRequest,
        response: { 200: DirectiveDetail },
      },
      config: unit(writers),
    },
    (req) => assignTasks(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/directives/:id/dispatch',
    {
      schema: {
        tags,
        summary: 'Generate and store the forwarding dispatch (DOCX)',
        params: DirectiveIdParams,
        body: DispatchRequest,
        response: { 201: StoredFile },
      },
      config: unit(writers),
    },
    async (req, reply) => reply.status(201).send(await composeDispatch(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/directives/:id/report',
    {
      schema: {
        tags,
        summary: 'Generate and store the consolidated report (DOCX)',
        params: DirectiveIdParams,
        body: ReportRequest,
        response: { 201: StoredFile },
      },
      config: unit(writers),
    },
    async (req, reply) => reply.status(201).send(await generateReport(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/directives/:id/matrix',
    {
      schema: {
        tags,
        summary: 'Units × tasks, overdue first',
        params: DirectiveIdParams,
        response: { 200: Matrix },
      },
      config: unit(readers),
    },
    (req) => directiveMatrix(req.ctx, req.params.id),
  );
  app.get(
    '/api/directives/:id/tasks/:taskId/evidence',
    {
      schema: {
        tags,
        summary: 'Live evidence of a task across its units',
        params: TaskEvidenceParams,
        response: { 200: EvidenceAnswer },
      },
      config: unit(readers),
    },
    async (req) => ({ evidence: await taskEvidence(req.ctx, req.params.id, req.params.taskId) }),
  );
  app.get(
    '/api/directive-tasks',
    {
      schema: {
        tags,
        summary: 'Tasks given to the caller’s unit(s), with answers',
        querystring: UnitTaskQuery,
        response: { 200: UnitTaskList },
      },
      config: unit(unitReaders),
    },
    (req) => listUnitTasks(req.ctx, req.query),
  );
  app.post(
    '/api/directive-tasks/:id/answers',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Answer a task (status, text, files base64)',
        params: AssignmentIdParams,
        body: AnswerCreate,
        response: { 201: Answer },
      },
      config: unit(unitWriters),
    },
    async (req, reply) => reply.status(201).send(await answerTask(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/directive-tasks/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Live evidence of one assigned task for its unit',
        params: AssignmentIdParams,
        response: { 200: EvidenceAnswer },
      },
      config: unit(unitReaders),
    },
    async (req) => ({ evidence: await assignmentEvidence(req.ctx, req.params.id) }),
  );
};
