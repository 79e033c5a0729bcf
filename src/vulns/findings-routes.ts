import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { z } from 'zod';
import { Job } from '../jobs/contract';
import { getSlaPolicy, listFindings, requestRematch, setSlaPolicy, updateFinding } from './findings';
import {
  FindingIdParams,
  FindingPage,
  FindingQuery,
  FindingSummary,
  FindingSummaryQuery,
  FindingTrend,
  FindingTrendQuery,
  FindingUpdate,
  SlaPolicy,
} from './findings-contract';
import { exportFindingsCsv, exportFindingsXlsx } from './findings-export';
import { summarizeFindings } from './findings-summary';
import { findingTrend } from './trend';

const tags = ['findings'];
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;

export const findingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/findings',
    {
      schema: {
        tags,
        summary: "Findings (host × CVE) in the caller's scope",
        querystring: FindingQuery,
        response: { 200: FindingPage },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listFindings(req.ctx, req.query),
  );
  app.get(
    '/api/findings/summary',
    {
      schema: {
        tags,
        summary: 'Open findings per unit and severity, overdue, exploited',
        querystring: FindingSummaryQuery,
        response: { 200: FindingSummary },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => summarizeFindings(req.ctx, req.query.unitId),
  );
  app.get(
    '/api/findings/trend',
    {
      schema: {
        tags,
        summary: "Open findings per day (severity, exploited, overdue), summed over the caller's subtree",
        querystring: FindingTrendQuery,
        response: { 200: FindingTrend },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => findingTrend(req.ctx, req.query),
  );
  app.get(
    '/api/findings/export.csv',
    {
      schema: {
        tags,
        summary: 'The findings list as CSV (same filters; at most 100,000 rows)',
        querystring: FindingQuery,
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="findings.csv"')
        .send(await exportFindingsCsv(req.ctx, req.query)),
  );
  app.get(
    '/api/findings/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The findings list as an XLSX workbook (same filters; at most 100,000 rows)',
        querystring: FindingQuery,
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    async (req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="findings.xlsx"')
        .send(await exportFindingsXlsx(req.ctx, req.query)),
  );
  app.patch(
    '/api/findings/:id',
    {
      schema: {
        tags,
        summary: 'Move a finding: in progress, risk accepted (reason, until), false positive (reason), open',
        params: FindingIdParams,
        body: FindingUpdate,
        response: { 200: z.object({ id: z.uuid(), status: z.string() }) },
      },
      config: { access: { roles: ['admin', 'unit_officer'], scope: 'unit' } },
    },
    (req) => updateFinding(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/findings/rematch',
    {
      schema: {
        tags,
        summary: 'Match every host against the stored advisories now (a background job)',
        response: { 202: Job },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req, reply) => reply.status(202).send(await requestRematch(req.ctx)),
  );
  app.get(
    '/api/vulns/sla',
    {
      schema: { tags, summary: 'Remediation deadlines (days)', response: { 200: SlaPolicy } },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => getSlaPolicy(req.ctx),
  );
  app.put(
    '/api/vulns/sla',
    {
      schema: {
        tags,
        summary: 'Change the remediation deadlines; due dates are recomputed',
        body: SlaPolicy,
        response: { 200: SlaPolicy },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => setSlaPolicy(req.ctx, req.body),
  );
};
