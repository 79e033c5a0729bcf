import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import type { Role } from '../core/roles';
import {
  ComplianceQuery,
  ComplianceSummary,
  CriteriaSet,
  CriteriaSetCreate,
  CriteriaSetList,
  Criterion,
  CriterionCreate,
} from './checklist-contract';
import { addCriterion, createCriteriaSet, listCriteriaSets } from './checklist-service';
import { complianceSummary } from './compliance';
import { IdParams, UnitIdQuery } from './contract';
import { ScanScope, ScanScopeBody, ScanScopeList, UnitParams } from './scope-contract';
import { listScanScopes, putScanScope, readScanScope } from './scopes-service';

const tags = ['cameras'];
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
const OFFICERS: readonly Role[] = ['admin', 'unit_officer'];

export const checklistRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/camera-criteria',
    {
      schema: {
        tags,
        summary: 'Criteria sets with their criteria and sources',
        response: { 200: CriteriaSetList },
      },
      config: { access: { roles: READERS, scope: 'none' } },
    },
    async (req) => ({ items: await listCriteriaSets(req.ctx) }),
  );
  app.post(
    '/api/camera-criteria/sets',
    {
      schema: {
        tags,
        summary: 'Add a criteria set (e.g. 294/CATTT-ATHTTT) with its criteria',
        body: CriteriaSetCreate,
        response: { 201: CriteriaSet },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req, reply) => reply.status(201).send(await createCriteriaSet(req.ctx, req.body)),
  );
  app.post(
    '/api/camera-criteria/sets/:id/criteria',
    {
      schema: {
        tags,
        summary: 'Add a criterion to a set',
        params: IdParams,
        body: CriterionCreate,
        response: { 201: Criterion },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req, reply) => reply.status(201).send(await addCriterion(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/camera-compliance',
    {
      schema: {
        tags,
        summary:
          'Compliance at a glance for a unit and its subtree (counts per status, most failed criteria)',
        querystring: ComplianceQuery,
        response: { 200: ComplianceSummary },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => complianceSummary(req.ctx, req.query.unitId),
  );
  app.get(
    '/api/camera-scopes',
    {
      schema: {
        tags,
        summary: "Registered scan scopes in the caller's subtree",
        querystring: UnitIdQuery,
        response: { 200: ScanScopeList },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    async (req) => ({ items: await listScanScopes(req.ctx, req.query.unitId) }),
  );
  app.get(
    '/api/camera-scopes/:unitId',
    {
      schema: {
        tags,
        summary: "A unit's scan scope (empty when none is registered)",
        params: UnitParams,
        response: { 200: ScanScope },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    (req) => readScanScope(req.ctx, req.params.unitId),
  );
  app.put(
    '/api/camera-scopes/:unitId',
    {
      schema: {
        tags,
        summary: "Register a unit's scan scope (CIDR ranges, host addresses) and who may scan it",
        params: UnitParams,
        body: ScanScopeBody,
        response: { 200: ScanScope },
      },
      config: { access: { roles: ['admin'], scope: 'unit' } },
    },
    (req) => putScanScope(req.ctx, req.params.unitId, req.body),
  );
};
