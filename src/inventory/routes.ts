import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import type { Role } from '../core/roles';
import { COLLECTOR_FILE_NAME, collectorScript } from './collector';
import {
  Host,
  HostCreate,
  HostDetail,
  HostIdParams,
  HostPage,
  HostQuery,
  HostUpdate,
  ImportSummary,
  InventoryCsvBody,
  InventoryImportBody,
  UnitIdQuery,
} from './contract';
import {
  createHost,
  deleteHost,
  getHost,
  importInventory,
  importInventoryCsv,
  listHosts,
  updateHost,
} from './service';

const tags = ['inventory'];
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
const WRITERS: readonly Role[] = ['admin', 'unit_officer'];
/** Uploads only: a unit's whole inventory in one request; every other route keeps the 1 MB default. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** A bare document or a bare array (what the collector posts) becomes { documents: [...] }. */
function asImportEnvelope(body: unknown): unknown {
  if (Array.isArray(body)) return { documents: body };
  if (body && typeof body === 'object' && !('documents' in body)) return { documents: [body] };
  return body;
}

export const inventoryRoutes: FastifyPluginAsyncZod = async (app) => {
  // Hand-kept lists arrive as text/csv; scoped to this plugin.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/api/inventory/import',
    {
      schema: {
        tags,
        summary:
          'Import inventory documents (canhgac.inventory/1): { unitId?, documents }, one document, or an array',
        description:
          "All or nothing. The unit is the body unitId, else the query unitId, else the caller's own unit " +
          "(an API token's unit). Hosts are matched by machine id, then host name, within the unit.",
        querystring: UnitIdQuery,
        body: InventoryImportBody,
        response: { 200: ImportSummary },
      },
      bodyLimit: IMPORT_BODY_LIMIT,
      preValidation: async (req) => {
        req.body = asImportEnvelope(req.body) as typeof req.body;
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => importInventory(req.ctx, req.body.unitId ?? req.query.unitId, req.body.documents, 'collector'),
  );
  app.post(
    '/api/inventory/import-csv',
    {
      schema: {
        tags,
        summary: 'Import a hand-kept host list: text/csv (unitId in the query) or JSON { unitId?, csv }',
        description:
          'Columns: hostname, ip, os, build, ubr, owner, location, criticality (header row required).',
        querystring: UnitIdQuery,
        body: InventoryCsvBody,
        response: { 200: ImportSummary },
      },
      bodyLimit: IMPORT_BODY_LIMIT,
      preValidation: async (req) => {
        if (typeof req.body === 'string') req.body = { csv: req.body } as typeof req.body;
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => importInventoryCsv(req.ctx, req.body.unitId ?? req.query.unitId, req.body.csv),
  );
  app.get(
    '/api/inventory/collector.ps1',
    {
      schema: {
        tags,
        summary: 'Download the PowerShell inventory collector (Windows 7 SP1 / PowerShell 2.0 and later)',
      },
      config: { access: { roles: WRITERS, scope: 'none' } },
    },
    async (_req, reply) =>
      reply
        .header('content-disposition', `attachment; filename="${COLLECTOR_FILE_NAME}"`)
        .header('x-content-type-options', 'nosniff')
        .type('application/octet-stream')
        .send(collectorScript()),
  );
  app.get(
    '/api/hosts',
    {
      schema: {
        tags,
        summary: "Hosts in the caller's subtree, by name",
        querystring: HostQuery,
        response: { 200: HostPage },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => listHosts(req.ctx, req.query),
  );
  app.get(
    '/api/hosts/:id',
    {
      schema: {
        tags,
        summary: 'One host with its programs, hotfixes and inventory history',
        params: HostIdParams,
        response: { 200: HostDetail },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => getHost(req.ctx, req.params.id),
  );
  app.post(
    '/api/hosts',
    {
      schema: { tags, summary: 'Add a host by hand', body: HostCreate, response: { 201: Host } },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createHost(req.ctx, req.body)),
  );
  app.patch(
    '/api/hosts/:id',
    {
      schema: {
        tags,
        summary: "Change a host's owner, location, criticality or OS facts",
        params: HostIdParams,
        body: HostUpdate,
        response: { 200: Host },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => updateHost(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/hosts/:id',
    {
      schema: { tags, summary: 'Delete a host and its inventory history', params: HostIdParams },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteHost(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
