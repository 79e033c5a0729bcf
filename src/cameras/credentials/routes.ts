import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../core/request';
import type { Role } from '../../core/roles';
import { Credential, CredentialList, CredentialParams, CredentialPut, CredentialQuery } from './contract';
import { deleteCredential, listCredentials, putCredential } from './service';

const tags = ['cameras'];
// Who may run an audit may also give it the unit's camera accounts; nobody reads a password back.
const OFFICERS: readonly Role[] = ['admin', 'unit_officer'];

export const credentialRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/camera-credentials',
    {
      schema: {
        tags,
        summary: "A unit's camera credentials for the audit (passwords masked)",
        querystring: CredentialQuery,
        response: { 200: CredentialList },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    (req) => listCredentials(req.ctx, req.query.unitId),
  );
  app.put(
    '/api/camera-credentials',
    {
      schema: {
        tags,
        summary: 'Store or replace the credential of a unit or of one camera (sealed at rest)',
        body: CredentialPut,
        response: { 200: Credential },
      },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    (req) => putCredential(req.ctx, req.body),
  );
  app.delete(
    '/api/camera-credentials/:id',
    {
      schema: { tags, summary: 'Delete a camera credential', params: CredentialParams },
      config: { access: { roles: OFFICERS, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteCredential(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
};
