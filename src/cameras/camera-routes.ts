import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import type { Role } from '../core/roles';
import { StoredFile } from '../files/contract';
import {
  Camera,
  CameraCreate,
  CameraCsvBody,
  CameraImportSummary,
  CameraPage,
  CameraQuery,
  CameraUpdate,
} from './camera-contract';
import {
  createCamera,
  deleteCamera,
  getCamera,
  importCamerasCsv,
  listCameras,
  updateCamera,
} from './cameras-service';
import { Checklist, ResultBody } from './checklist-contract';
import { getChecklist, setResult, storeEvidence } from './checklist-service';
import { IdParams, UnitIdQuery } from './contract';

const tags = ['cameras'];
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
const WRITERS: readonly Role[] = ['admin', 'unit_officer'];
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export const cameraInventoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/cameras',
    {
      schema: {
        tags,
        summary: "Cameras in the caller's subtree",
        querystring: CameraQuery,
        response: { 200: CameraPage },
      },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => listCameras(req.ctx, req.query),
  );
  app.post(
    '/api/cameras',
    {
      schema: { tags, summary: 'Add a camera by hand', body: CameraCreate, response: { 201: Camera } },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createCamera(req.ctx, req.body)),
  );
  app.post(
    '/api/cameras/import-csv',
    {
      schema: {
        tags,
        summary:
          'Import a camera list: text/csv (unitId in the query) or JSON { unitId?, csv }; all or nothing',
        description:
          'Columns: name, vendor, model, firmware, serial, mac, ip, location, nvr, system (header row required).',
        querystring: UnitIdQuery,
        body: CameraCsvBody,
        response: { 200: CameraImportSummary },
      },
      bodyLimit: IMPORT_BODY_LIMIT,
      preValidation: async (req) => {
        if (typeof req.body === 'string') req.body = { csv: req.body } as typeof req.body;
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => importCamerasCsv(req.ctx, req.body.unitId ?? req.query.unitId, req.body.csv),
  );
  app.get(
    '/api/cameras/:id',
    {
      schema: { tags, summary: 'One camera', params: IdParams, response: { 200: Camera } },
      config: { access: { roles: READERS, scope: 'unit' } },
    },
    (req) => getCamera(req.ctx, req.params.id),
  );
  app.patch(
    '/api/cameras/:id',
    {
      schema: {
        tags,
        summary: 'Change a camera',
        params: IdParams,
        body: CameraUpdate,
        response: { 200: Camera },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    (req) => updateCamera(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/cameras/:id',
    {
      schema: { tags, summary: 'Delete a camera and its checklist', params: IdParams },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteCamera(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
  for (const target of ['camera', 'system'] as const) {
    const base = target === 'camera' ? '/api/cameras/:id/checklist' : '/api/camera-systems/:id/checklist';
    app.get(
      base,
      {
        schema: {
          tags,
          summary: `The criteria checklist of a ${target}`,
          params: IdParams,
          response: { 200: Checklist },
        },
        config: { access: { roles: READERS, scope: 'unit' } },
      },
      (req) => getChecklist(req.ctx, target, req.params.id),
    );
    app.put(
      base,
      {
        schema: {
          tags,
          summary: `Answer one criterion for a ${target} (pass / fail / not applicable / unknown, with a note or a file)`,
          params: IdParams,
          body: ResultBody,
          response: { 200: Checklist },
        },
        config: { access: { roles: WRITERS, scope: 'unit' } },
      },
      (req) => setResult(req.ctx, target, req.params.id, req.body),
    );
  }
  app.post(
    '/api/camera-evidence',
    {
      schema: {
        tags,
        summary:
          'Store an evidence file for a unit (multipart field "file"); then cite its id in a checklist answer',
        consumes: ['multipart/form-data'],
        querystring: UnitIdQuery,
        response: { 201: StoredFile },
      },
      config: { access: { roles: WRITERS, scope: 'unit' } },
    },
    async (req, reply) => {
      const part = await req.file({ limits: { files: 1, fileSize: 25 * 1024 * 1024 } });
      const file = part ? { name: part.filename, content: await part.toBuffer() } : undefined;
      return reply.status(201).send(await storeEvidence(req.ctx, req.query.unitId, file));
    },
  );
};
