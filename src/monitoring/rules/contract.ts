import { z } from 'zod';

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(50));
const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const SigmaRuleRow = z.object({
  id: z.uuid(),
  ruleId: z.string(),
  title: z.string(),
  /** DRL 1.1: shown wherever the rule or its matches are. */
  author: z.string(),
  license: z.string(),
  level: z.string(),
  status: z.string().nullable(),
  kind: z.string(),
  logsource: z.string(),
  tags: z.array(z.string()),
  fileName: z.string(),
  /** The platform-wide default. */
  enabled: z.boolean(),
  importedBy: z.string().nullable(),
  importedAt: z.date(),
  updatedAt: z.date(),
});
export type SigmaRuleRow = z.infer<typeof SigmaRuleRow>;

/** A rule as one unit sees it: its own switch (null: inherited) and whether the rule runs there. */
export const SigmaUnitRuleRow = SigmaRuleRow.extend({
  unitEnabled: z.boolean().nullable(),
  effectiveEnabled: z.boolean(),
});
export type SigmaUnitRuleRow = z.infer<typeof SigmaUnitRuleRow>;

export const SigmaRuleDetail = SigmaRuleRow.extend({ yaml: z.string() });
export const SigmaRuleList = z.object({ items: z.array(SigmaUnitRuleRow), total: z.number().int() });

export const SigmaRuleRefusal = z.object({
  file: z.string(),
  reason: z.string(),
  label: z.object({ vi: z.string(), en: z.string() }),
  detail: z.string(),
});
export const SigmaRuleImported = z.object({
  imported: z.array(SigmaRuleRow),
  refused: z.array(SigmaRuleRefusal),
  /** Files in archives that are not rules (README, LICENSE…). */
  skipped: z.number().int(),
});
export type SigmaRuleImported = z.infer<typeof SigmaRuleImported>;
export const SigmaRuleImportQuery = z
  .object({
    /** Keep every file that compiles and list the others (whole rule sets); default: all or nothing. */
    partial: flag,
  })
  .strict();

export const SigmaRuleQuery = z
  .object({
    enabled: flag,
    level: csv(z.enum(['informational', 'low', 'medium', 'high', 'critical'])).optional(),
    tag: z.string().trim().min(1).max(200).optional(),
    technique: z
      .string()
      .trim()
      .regex(/^[Tt]\d{4}(\.\d{3})?$/)
      .optional(),
    q: z.string().trim().min(1).max(200).optional(),
    /** Show the switches as this unit sees them; `enabled` then filters on the unit's effective state. */
    unitId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type SigmaRuleQuery = z.output<typeof SigmaRuleQuery>;

export const SigmaRuleIdParams = z.object({ id: z.uuid() }).strict();
export const SigmaRuleUnitParams = z.object({ id: z.uuid(), unitId: z.uuid() }).strict();
export const SigmaRuleUpdate = z.object({ enabled: z.boolean() }).strict();
/** A unit's own switch; null removes it (the unit inherits again). */
export const SigmaUnitSwitch = z.object({ enabled: z.boolean().nullable() }).strict();

/** A rule written in the console (or sent by a script): one file's YAML text. */
export const SigmaRuleWrite = z
  .object({
    yaml: z
      .string()
      .min(1)
      .max(256 * 1024),
    fileName: z
      .string()
      .trim()
      .regex(/^[\w.\- ]{1,120}\.ya?ml$/i)
      .optional(),
  })
  .strict();
export type SigmaRuleWrite = z.infer<typeof SigmaRuleWrite>;

export const SigmaValidation = z.object({
  ok: z.boolean(),
  rules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      author: z.string(),
      license: z.string(),
      level: z.string(),
      kind: z.enum(['rule', 'correlation', 'filter']),
    }),
  ),
  problems: z.array(SigmaRuleRefusal.extend({ document: z.number().int().optional() })),
});
export type SigmaValidation = z.infer<typeof SigmaValidation>;

/** Which rules a bulk switch touches: all given criteria hold (each a list: any of its values). */
export const SigmaSelection = z
  .object({
    all: z.literal(true).optional(),
    ids: z.array(z.uuid()).max(10_000).optional(),
    level: z
      .array(z.enum(['informational', 'low', 'medium', 'high', 'critical']))
      .max(5)
      .optional(),
    tag: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    technique: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[Tt]\d{4}(\.\d{3})?$/),
      )
      .max(50)
      .optional(),
  })
  .strict();
export type SigmaSelection = z.infer<typeof SigmaSelection>;

export const SigmaBulkSwitch = z
  .object({
    /** Absent: the platform-wide flag (admins); present: that unit's own switch. */
    unitId: z.uuid().optional(),
    enabled: z.boolean().nullable(),
    select: SigmaSelection,
  })
  .strict();
export type SigmaBulkSwitch = z.infer<typeof SigmaBulkSwitch>;
export const SigmaBulkResult = z.object({ changed: z.number().int() });

const placeholderName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
export const SigmaPlaceholders = z.record(placeholderName, z.array(z.string().min(1).max(500)).max(1000));
export const SigmaPlaceholdersUpdate = z.object({ placeholders: SigmaPlaceholders }).strict();
export const SigmaFilterCreate = z
  .object({
    yaml: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .strict();
export const SigmaTuningParams = z.object({ unitId: z.uuid() }).strict();
export const SigmaFilterParams = z.object({ unitId: z.uuid(), filterId: z.uuid() }).strict();

export const SigmaUnitFilter = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  title: z.string(),
  rules: z.array(z.string()),
  yaml: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  /** Set by a unit above: it holds here too, and is changed there. */
  inherited: z.boolean(),
});
export const SigmaUnitTuning = z.object({
  unitId: z.uuid(),
  /** The unit's own lists. */
  placeholders: SigmaPlaceholders,
  /** What its rules see (its ancestors' lists, its own replacing theirs). */
  effectivePlaceholders: SigmaPlaceholders,
  filters: z.array(SigmaUnitFilter),
});
export type SigmaUnitTuning = z.infer<typeof SigmaUnitTuning>;

/** Try a rule (stored, or a text not saved yet) on a unit's stored events, as a background job. */
export const SigmaBacktestStart = z
  .object({
    unitId: z.uuid(),
    from: z.coerce.date(),
    to: z.coerce.date(),
    ruleRowId: z.uuid().optional(),
    yaml: z
      .string()
      .min(1)
      .max(256 * 1024)
      .optional(),
  })
  .strict()
  .refine((b) => (b.ruleRowId === undefined) !== (b.yaml === undefined), {
    message: 'ruleRowId or yaml (one of them)',
  });
export type SigmaBacktestStart = z.infer<typeof SigmaBacktestStart>;

export const SigmaBacktestSample = z.object({
  eventId: z.string(),
  time: z.string(),
  host: z.string().nullable(),
  message: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  ruleAuthor: z.string(),
});
/** The job's result (GET /api/jobs/:id → result). */
export const SigmaBacktestResult = z.object({
  scanned: z.number().int(),
  matches: z.number().int(),
  byRule: z.array(
    z.object({ ruleId: z.string(), title: z.string(), author: z.string(), matches: z.number().int() }),
  ),
  sample: z.array(SigmaBacktestSample),
  /** The scan stopped at the event bound before the end of the range. */
  truncated: z.boolean(),
});
export type SigmaBacktestResult = z.infer<typeof SigmaBacktestResult>;
