import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { enqueueJob } from '../../jobs/service';
import { loadUnitInScope } from '../../units/service';
import { compiledOrThrow, SIGMA_BACKTEST } from './backtest-run';
import type { SigmaBacktestStart } from './contract';
import { findRule } from './queries';

const MAX_DAYS = 31;

/** Checks the request and queues the job; the result is read from GET /api/jobs/:id. */
export async function startBacktest(ctx: Ctx, input: SigmaBacktestStart) {
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0) || span > MAX_DAYS * 86_400_000)
    throw new AppError('SIGMA_BACKTEST_RANGE', { days: MAX_DAYS });
  await loadUnitInScope(ctx, input.unitId);
  if (input.ruleRowId && !(await findRule(ctx.db, input.ruleRowId)))
    throw new AppError('SIGMA_RULE_NOT_FOUND', { id: input.ruleRowId });
  if (input.yaml) compiledOrThrow(input.yaml);
  return enqueueJob(ctx, {
    kind: SIGMA_BACKTEST,
    unitId: input.unitId,
    maxAttempts: 1,
    payload: {
      unitId: input.unitId,
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      ...(input.ruleRowId ? { ruleRowId: input.ruleRowId } : { yaml: input.yaml }),
    },
  });
}
