import { z } from 'zod';

export const SigmaRuleRow = z.object({
  id: z.uuid(),
  ruleId: z.string(),
  title: z.string(),
  /** DRL 1.1: shown wherever the rule or its matches are. */
  author: z.string(),
  level: z.string(),
  status: z.string().nullable(),
  fileName: z.string(),
  enabled: z.boolean(),
  importedBy: z.string().nullable(),
  importedAt: z.date(),
  updatedAt: z.date(),
});
export type SigmaRuleRow = z.infer<typeof SigmaRuleRow>;

export const SigmaRuleDetail = SigmaRuleRow.extend({ yaml: z.string() });
export const SigmaRuleList = z.object({ items: z.array(SigmaRuleRow) });
export const SigmaRuleImported = z.object({ imported: z.array(SigmaRuleRow) });
export const SigmaRuleQuery = z
  .object({
    enabled: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export const SigmaRuleIdParams = z.object({ id: z.uuid() }).strict();
export const SigmaRuleUpdate = z.object({ enabled: z.boolean() }).strict();
