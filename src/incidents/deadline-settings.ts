import { z } from 'zod';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { REGIMES, REPORT_FORMS } from './model';
import { formRule, REGIME_RULES } from './regimes';
import { loadDeadlineOverrides } from './report-status';
import { incidentDeadlineSettings } from './schema';

export const DeadlineSettingPut = z
  .object({
    regime: z.enum(REGIMES),
    form: z.enum(REPORT_FORMS),
    hours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365),
    source: z.string().trim().min(1).max(500),
  })
  .strict();
export type DeadlineSettingPut = z.infer<typeof DeadlineSettingPut>;

export const DeadlineRuleList = z.object({
  items: z.array(
    z.object({
      regime: z.enum(REGIMES),
      regimeName: z.string(),
      form: z.enum(REPORT_FORMS),
      hours: z.number().nullable(),
      anchor: z.enum(['detected', 'response_ended']),
      source: z.string(),
      unverified: z.boolean(),
    }),
  ),
});

/** Every form's deadline under each regime, with the admin's overrides applied. */
export async function listDeadlineRules(ctx: Ctx) {
  const overrides = await loadDeadlineOverrides(ctx.db);
  const items = REGIMES.flatMap((regime) =>
    REPORT_FORMS.map((form) => {
      const rule = formRule(regime, form, overrides);
      return {
        regime,
        regimeName: REGIME_RULES[regime].name,
        form,
        hours: rule.hours,
        anchor: rule.anchor,
        source: rule.source,
        unverified: rule.unverified ?? false,
      };
    }),
  );
  return { items };
}

/** Sets one deadline (REGULATIONS.md §7.2: deadlines live in configuration with their source). */
export async function putDeadlineSetting(ctx: Ctx, input: DeadlineSettingPut) {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insert(incidentDeadlineSettings)
      .values({ ...input, updatedBy: tx.actor.name })
      .onConflictDoUpdate({
        target: [incidentDeadlineSettings.regime, incidentDeadlineSettings.form],
        set: { hours: input.hours, source: input.source, updatedBy: tx.actor.name, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      action: 'incident.deadline.set',
      unitId: null,
      targetType: 'incident_deadline',
      targetId: `${input.regime}/${input.form}`,
      details: input,
    });
  });
  return listDeadlineRules(ctx);
}
