import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import '../core/request';
import { AppError } from '../core/errors';
import { MAX_STORED_FILE_BYTES } from '../files/service';
import { addEvidence, addIndicator, addTimelineEntry, changeStatus } from './case-actions';
import {
  Evidence,
  Incident,
  IncidentCreate,
  IncidentDetail,
  IncidentIdParams,
  IncidentPage,
  IncidentQuery,
  IncidentUpdate,
  Indicator,
  IndicatorCreate,
  OwnerCandidateList,
  OwnerChange,
  ReportDraft,
  ReportParams,
  ReportSend,
  ReportSummary,
  StatusChange,
  TimelineEntryCreate,
} from './contract';
import { exportMisp, exportStix } from './exports';
import { listOwnerCandidates, setOwner } from './owner';
import {
  generateReport,
  getReport,
  notifyMailer,
  type ReportMailer,
  saveReportDraft,
  sendReport,
} from './reports';
import { getIncidentDetail, listIncidents, openIncident, updateIncident } from './service';

const tags = ['incidents'];
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;
// The people who handle a case: the unit's officer and the person on duty (dispatch task 2: 24/7 watch).
const handlers = ['admin', 'unit_officer', 'on_duty'] as const;
const unit = 'unit' as const;
const Ok = z.object({ ok: z.literal(true) });

export type IncidentRouteOptions = { mailer?: ReportMailer };

export const incidentRoutes: FastifyPluginAsyncZod<IncidentRouteOptions> = async (app, options) => {
  const mailer = options.mailer ?? notifyMailer;
  app.get(
    '/api/incidents',
    {
      schema: {
        tags,
        summary: 'Incident cases, nearest report deadline first',
        querystring: IncidentQuery,
        response: { 200: IncidentPage },
      },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => listIncidents(req.ctx, req.query),
  );
  app.post(
    '/api/incidents',
    {
      schema: { tags, summary: 'Open a case by hand', body: IncidentCreate, response: { 201: Incident } },
      config: { access: { roles: handlers, scope: unit } },
    },
    async (req, reply) => reply.status(201).send(await openIncident(req.ctx, req.body)),
  );
  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One case: timeline, indicators, evidence, reports with deadlines',
        params: IncidentIdParams,
        response: { 200: IncidentDetail },
      },
      config: { access: { roles: readers, scope: unit } },
    },
    (req) => getIncidentDetail(req.ctx, req.params.id),
  );
  app.patch(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Edit a case (classification, systems, lessons learned)',
        params: IncidentIdParams,
        body: IncidentUpdate,
        response: { 200: Incident },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    (req) => updateIncident(req.ctx, req.params.id, req.body),
  );
  app.put(
    '/api/incidents/:id/owner',
    {
      schema: {
        tags,
        summary: 'Give the case to an owner (null: nobody); the owner receives the deadline reminders',
        params: IncidentIdParams,
        body: OwnerChange,
        response: { 200: Incident },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    (req) => setOwner(req.ctx, req.params.id, req.body.ownerUserId),
  );
  app.get(
    '/api/incidents/:id/owner-candidates',
    {
      schema: {
        tags,
        summary: 'Who may own the case: handlers of its unit, its affected units and the root',
        params: IncidentIdParams,
        response: { 200: OwnerCandidateList },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    async (req) => ({ items: await listOwnerCandidates(req.ctx, req.params.id) }),
  );
  app.post(
    '/api/incidents/:id/status',
    {
      schema: {
        tags,
        summary: 'Move the case along the workflow (allowed moves only)',
        params: IncidentIdParams,
        body: StatusChange,
        response: { 200: Incident },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    (req) => changeStatus(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/incidents/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Log an action on the timeline',
        params: IncidentIdParams,
        body: TimelineEntryCreate,
        response: { 200: Ok },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    async (req) => {
      await addTimelineEntry(req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/incidents/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Attach an evidence file: multipart field "file", optional field "description"',
        consumes: ['multipart/form-data'],
        params: IncidentIdParams,
        response: { 201: Evidence },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    async (req, reply) => {
      let file: { name: string; content: Buffer } | null = null;
      let description = '';
      // Read into memory as data (size-capped); src/files checks the kind by content and never runs it.
      for await (const part of req.parts({ limits: { fileSize: MAX_STORED_FILE_BYTES + 1, files: 1 } })) {
        if (part.type === 'file') file = { name: part.filename, content: await part.toBuffer() };
        else if (part.fieldname === 'description') description = String(part.value).slice(0, 2_000);
      }
      if (!file) throw new AppError('INCIDENT_EVIDENCE_MISSING');
      return reply.status(201).send(await addEvidence(req.ctx, req.params.id, file, description));
    },
  );
  app.post(
    '/api/incidents/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Add an indicator (IP, domain, URL, hash), validated and normalised',
        params: IncidentIdParams,
        body: IndicatorCreate,
        response: { 201: Indicator },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    async (req, reply) => reply.status(201).send(await addIndicator(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/incidents/:id/reports/:form',
    {
      schema: {
        tags,
        summary: 'A report form: fields filled from the case, deadline and countdown',
        params: ReportParams,
        response: { 200: ReportSummary },
      },
      config: { access: { roles: readers, scope: unit } },
    },
    (req) => getReport(req.ctx, req.params.id, req.params.form),
  );
  app.patch(
    '/api/incidents/:id/reports/:form',
    {
      schema: {
        tags,
        summary: 'Save the edited fields and recipients of a report',
        params: ReportParams,
        body: ReportDraft,
        response: { 200: ReportSummary },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    (req) => saveReportDraft(req.ctx, req.params.id, req.params.form, req.body),
  );
  app.post(
    '/api/incidents/:id/reports/:form/generate',
    {
      schema: {
        tags,
        summary: 'Generate the report as DOCX (Decree 30/2020 layout) and store it',
        params: ReportParams,
        response: { 200: ReportSummary },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    (req) => generateReport(req.ctx, req.params.id, req.params.form),
  );
  app.post(
    '/api/incidents/:id/reports/:form/send',
    {
      schema: {
        tags,
        summary: 'Send the generated report by e-mail, or record that it went by công văn, fax, …',
        params: ReportParams,
        body: ReportSend,
        response: { 200: ReportSummary },
      },
      config: { access: { roles: handlers, scope: unit } },
    },
    (req) => sendReport(req.ctx, req.params.id, req.params.form, req.body, mailer),
  );
  app.get(
    '/api/incidents/:id/export/stix',
    {
      schema: { tags, summary: 'The case and its indicators as a STIX 2.1 bundle', params: IncidentIdParams },
      config: { access: { roles: readers, scope: unit } },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'application/stix+json;version=2.1')
        .header('content-disposition', 'attachment; filename="incident.stix.json"')
        .send(JSON.stringify(await exportStix(req.ctx, req.params.id))),
  );
  app.get(
    '/api/incidents/:id/export/misp',
    {
      schema: {
        tags,
        summary: 'The case and its indicators as a MISP event (core format)',
        params: IncidentIdParams,
      },
      config: { access: { roles: readers, scope: unit } },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'application/json')
        .header('content-disposition', 'attachment; filename="incident.misp.json"')
        .send(JSON.stringify(await exportMisp(req.ctx, req.params.id))),
  );
};
