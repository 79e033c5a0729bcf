import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../core/request';
import type { Role } from '../../core/roles';
import { Job } from '../../jobs/contract';
import { startBacktest } from './backtest';
import {
  SigmaBacktestStart,
  SigmaBulkResult,
  SigmaBulkSwitch,
  SigmaRuleDetail,
  SigmaRuleIdParams,
  SigmaRuleImported,
  SigmaRuleImportQuery,
  SigmaRuleList,
  SigmaRuleQuery,
  SigmaRuleRow,
  SigmaRuleUnitParams,
  SigmaRuleUpdate,
  SigmaRuleWrite,
  SigmaUnitRuleRow,
  SigmaUnitSwitch,
  SigmaValidation,
} from './contract';
import type { RuleUpload } from './rule-files';
import {
  createSigmaRule,
  editSigmaRule,
  getSigmaRule,
  importSigmaRules,
  setSigmaRuleEnabled,
} from './service';
import { bulkSwitch, listSigmaRules, setUnitRuleSwitch } from './tuning-service';
import { validateRuleText } from './validate';

const tags = ['monitoring'];
/** Everyone on watch may read rules; admins change the platform's; unit officers tune their subtree. */
export const RULE_READERS: readonly Role[] = ['admin', 'unit_officer', 'on_duty', 'viewer'];
export const RULE_TUNERS: readonly Role[] = ['admin', 'unit_officer'];
/** The largest SigmaHQ rule is ~40 KB; 1 MB per file is loadSigmaYaml's own bound; archives up to 32 MB. */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export const sigmaRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sigma-rules/import',
    {
      schema: {
        tags,
        summary: 'Import Sigma rule files (YAML) or archives (.zip, .tar.gz): multipart field "files"',
        consumes: ['multipart/form-data'],
        querystring: SigmaRuleImportQuery,
        response: { 200: SigmaRuleImported },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req) => {
      const files: RuleUpload[] = [];
      // Read into memory and parsed as data; nothing uploaded is stored as a file or run.
      for await (const part of req.files({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 200 } })) {
        files.push({ name: part.filename, content: await part.toBuffer() });
      }
      return importSigmaRules(req.ctx, files, { partial: req.query.partial ?? false });
    },
  );
  app.get(
    '/api/sigma-rules',
    {
      schema: {
        tags,
        summary: 'Sigma rules (filter by level, tag, ATT&CK technique; ?unitId= shows that unit’s switches)',
        querystring: SigmaRuleQuery,
        response: { 200: SigmaRuleList },
      },
      config: { access: { roles: RULE_READERS, scope: 'unit' } },
    },
    (req) => listSigmaRules(req.ctx, req.query),
  );
  app.post(
    '/api/sigma-rules',
    {
      schema: {
        tags,
        summary: 'Write a new Sigma rule (YAML)',
        body: SigmaRuleWrite,
        response: { 200: SigmaRuleRow },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => createSigmaRule(req.ctx, req.body),
  );
  app.post(
    '/api/sigma-rules/validate',
    {
      schema: {
        tags,
        summary: 'Check a Sigma text without saving: what would run, and each problem with its reason',
        body: SigmaRuleWrite,
        response: { 200: SigmaValidation },
      },
      config: { access: { roles: RULE_READERS, scope: 'none' } },
    },
    async (req) => validateRuleText(req.body.yaml),
  );
  app.post(
    '/api/sigma-rules/bulk',
    {
      schema: {
        tags,
        summary: 'Switch rules by level, tag, ATT&CK technique or list, for one unit or platform-wide',
        body: SigmaBulkSwitch,
        response: { 200: SigmaBulkResult },
      },
      config: { access: { roles: RULE_TUNERS, scope: 'unit' } },
    },
    (req) => bulkSwitch(req.ctx, req.body),
  );
  app.post(
    '/api/sigma-rules/backtest',
    {
      schema: {
        tags,
        summary: 'Backtest a rule on a unit’s stored events (a background job; its result holds the matches)',
        body: SigmaBacktestStart,
        response: { 200: Job },
      },
      config: { access: { roles: RULE_TUNERS, scope: 'unit' } },
    },
    (req) => startBacktest(req.ctx, req.body),
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
      config: { access: { roles: RULE_READERS, scope: 'none' } },
    },
    (req) => getSigmaRule(req.ctx, req.params.id),
  );
  app.put(
    '/api/sigma-rules/:id',
    {
      schema: {
        tags,
        summary: 'Edit a Sigma rule (its id stays)',
        params: SigmaRuleIdParams,
        body: SigmaRuleWrite,
        response: { 200: SigmaRuleRow },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => editSigmaRule(req.ctx, req.params.id, req.body),
  );
  app.patch(
    '/api/sigma-rules/:id',
    {
      schema: {
        tags,
        summary: 'Enable or disable a Sigma rule platform-wide',
        params: SigmaRuleIdParams,
        body: SigmaRuleUpdate,
        response: { 200: SigmaRuleRow },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => setSigmaRuleEnabled(req.ctx, req.params.id, req.body.enabled),
  );
  app.put(
    '/api/sigma-rules/:id/units/:unitId',
    {
      schema: {
        tags,
        summary: 'A unit’s own switch for a rule (null: inherit)',
        params: SigmaRuleUnitParams,
        body: SigmaUnitSwitch,
        response: { 200: SigmaUnitRuleRow },
      },
      config: { access: { roles: RULE_TUNERS, scope: 'unit' } },
    },
    (req) => setUnitRuleSwitch(req.ctx, req.params.id, req.params.unitId, req.body.enabled),
  );
};
