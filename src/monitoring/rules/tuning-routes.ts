import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../core/request';
import {
  SigmaFilterCreate,
  SigmaFilterParams,
  SigmaPlaceholdersUpdate,
  SigmaTuningParams,
  SigmaUnitTuning,
} from './contract';
import { RULE_READERS, RULE_TUNERS } from './routes';
import { addUnitFilter, getUnitTuning, removeUnitFilter, saveUnitPlaceholders } from './tuning-service';

const tags = ['monitoring'];

/** Per-unit tuning: placeholder values for `|expand`, and filter documents (`mf_*`). */
export const sigmaTuningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/sigma-tuning/:unitId',
    {
      schema: {
        tags,
        summary: 'A unit’s Sigma tuning',
        params: SigmaTuningParams,
        response: { 200: SigmaUnitTuning },
      },
      config: { access: { roles: RULE_READERS, scope: 'unit' } },
    },
    (req) => getUnitTuning(req.ctx, req.params.unitId),
  );
  app.put(
    '/api/sigma-tuning/:unitId/placeholders',
    {
      schema: {
        tags,
        summary: 'Replace the unit’s placeholder lists (%name% in rules with |expand)',
        params: SigmaTuningParams,
        body: SigmaPlaceholdersUpdate,
        response: { 200: SigmaUnitTuning },
      },
      config: { access: { roles: RULE_TUNERS, scope: 'unit' } },
    },
    (req) => saveUnitPlaceholders(req.ctx, req.params.unitId, req.body.placeholders),
  );
  app.post(
    '/api/sigma-tuning/:unitId/filters',
    {
      schema: {
        tags,
        summary: 'Add a Sigma filter document for the unit and below',
        params: SigmaTuningParams,
        body: SigmaFilterCreate,
        response: { 200: SigmaUnitTuning },
      },
      config: { access: { roles: RULE_TUNERS, scope: 'unit' } },
    },
    (req) => addUnitFilter(req.ctx, req.params.unitId, req.body.yaml),
  );
  app.delete(
    '/api/sigma-tuning/:unitId/filters/:filterId',
    {
      schema: {
        tags,
        summary: 'Remove one of the unit’s filters',
        params: SigmaFilterParams,
        response: { 200: SigmaUnitTuning },
      },
      config: { access: { roles: RULE_TUNERS, scope: 'unit' } },
    },
    (req) => removeUnitFilter(req.ctx, req.params.unitId, req.params.filterId),
  );
};
