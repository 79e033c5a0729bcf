import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../core/request';
import type { Role } from '../../core/roles';
import {
  SigmaRuleDetail,
  SigmaRuleIdParams,
  SigmaRuleImported,
  SigmaRuleList,
  SigmaRuleQuery,
  SigmaRuleRow,
  SigmaRuleUpdate,
} from './contract';
import type { RuleUpload } from './rule-files';
import { getSigmaRule, importSigmaRules, listSigmaRules, setSigmaRuleEnabled } from './service';

const tags = ['monitoring'];
/** Rules are platform-wide (per-unit enabling is next): everyone on watch may read them, admins change them. */
const READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
/** The largest SigmaHQ rule is ~40 KB; 1 MB per file is loadSigmaYaml's own bound. */
const MAX_RULE_FILE_BYTES = 1024 * 1024;

export const sigmaRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sigma-rules/import',
    {
      schema: {
        tags,
        summary: 'Import Sigma rule files (YAML), all or nothing: multipart field "files"',
        consumes: ['multipart/form-data'],
        response: { 200: SigmaRuleImported },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req) => {
      const files: RuleUpload[] = [];
      // Read into memory and parsed as data; nothing uploaded is stored as a file or run.
      for await (const part of req.files({ limits: { fileSize: MAX_RULE_FILE_BYTES, files: 200 } })) {
        files.push({ name: part.filename, content: await part.toBuffer() });
      }
      return { imported: await importSigmaRules(req.ctx, files) };
    },
  );
  app.get(
    '/api/sigma-rules',
    {
      schema: {
        tags,
        summary: 'Imported Sigma rules',
        querystring: SigmaRuleQuery,
        response: { 200: SigmaRuleList },
      },
      config: { access: { roles: READERS, scope: 'none' } },
    },
    async (req) => ({ items: await listSigmaRules(req.ctx, req.query.enabled) }),
  );
  app.get(
    '/api/sigma-rules/:id',
    {
      schema: {
        tags,
        summary: 'One Sigma rule with its YAML',
        params: SigmaRuleIdParams,
        response: { 200: SigmaRuleDetail },
      },
      config: { access: { roles: READERS, scope: 'none' } },
    },
    (req) => getSigmaRule(req.ctx, req.params.id),
  );
  app.patch(
    '/api/sigma-rules/:id',
    {
      schema: {
        tags,
        summary: 'Enable or disable a Sigma rule (the active set is rebuilt)',
        params: SigmaRuleIdParams,
        body: SigmaRuleUpdate,
        response: { 200: SigmaRuleRow },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => setSigmaRuleEnabled(req.ctx, req.params.id, req.body.enabled),
  );
};
