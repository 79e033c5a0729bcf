import { z } from 'zod';

/**
 * The typed shape of the three Sigma document kinds (spec v2.1). Meta fields the engine does not use are
 * kept (loose objects) so that nothing an author wrote is lost; the detection body is checked in detail by
 * the compiler, which can name the offending key in its rejection.
 */
const text = z.string();
const stringList = z
  .union([text, z.array(z.union([text, z.number()]))])
  .transform((v) => (Array.isArray(v) ? v : [v]).map(String));
const optionalStringList = z.union([stringList, z.null()]).optional();

export const LogsourceSchema = z.looseObject({
  product: text.optional(),
  category: text.optional(),
  service: text.optional(),
  definition: z.unknown().optional(),
});
export type Logsource = z.infer<typeof LogsourceSchema>;

const levels = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const LevelSchema = z.enum(levels);
export type Level = z.infer<typeof LevelSchema>;

const meta = {
  title: text.min(1).max(256),
  id: text.optional(),
  name: text.optional(),
  status: text.optional(),
  description: z.union([text, z.null()]).optional(),
  author: z.union([text, z.null()]).optional(),
  references: optionalStringList,
  tags: optionalStringList,
  falsepositives: z.unknown().optional(),
  date: z.unknown().optional(),
  modified: z.unknown().optional(),
  license: z.unknown().optional(),
};

const condition = z.union([text.min(1), z.array(text.min(1)).min(1)]);

export const DetectionSchema = z.record(z.string(), z.unknown()).refine((d) => 'condition' in d, {
  message: 'detection needs a condition',
});

export const RuleDocSchema = z.looseObject({
  ...meta,
  logsource: LogsourceSchema,
  detection: DetectionSchema,
  level: LevelSchema.optional(),
});
export type RuleDoc = z.infer<typeof RuleDocSchema> & { detection: Record<string, unknown> };

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export const CorrelationConditionSchema = z
  .strictObject({
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    eq: z.number().optional(),
    neq: z.number().optional(),
    field: z.union([text, z.array(text).min(1)]).optional(),
  })
  .refine((c) => ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].some((k) => k in c), {
    message: 'a condition needs one of gt, gte, lt, lte, eq, neq',
  });
export type CorrelationCondition = z.infer<typeof CorrelationConditionSchema>;

export const TimespanSchema = z
  .string()
  .regex(/^\d+[smhdwMy]$/, 'timespan is a number and one of s, m, h, d (e.g. 5m)');

export const CorrelationDocSchema = z.looseObject({
  ...meta,
  level: LevelSchema.optional(),
  generate: z.boolean().optional(),
  correlation: z.looseObject({
    type: z.enum(CORRELATION_TYPES),
    rules: stringList.pipe(z.array(text).min(1)),
    'group-by': stringList.optional(),
    timespan: TimespanSchema,
    condition: CorrelationConditionSchema.optional(),
    aliases: z.record(z.string(), z.record(z.string(), text)).optional(),
    generate: z.boolean().optional(),
  }),
});
export type CorrelationDoc = z.infer<typeof CorrelationDocSchema>;

export const FilterDocSchema = z.looseObject({
  ...meta,
  logsource: LogsourceSchema,
  filter: z.looseObject({ rules: stringList.pipe(z.array(text).min(1)), condition }).catchall(z.unknown()),
});
export type FilterDoc = z.infer<typeof FilterDocSchema>;

/** One YAML document after validation, tagged with its kind and where it came from. */
export type SigmaDocument =
  | { kind: 'rule'; doc: RuleDoc; source: string; index: number }
  | { kind: 'correlation'; doc: CorrelationDoc; source: string; index: number }
  | { kind: 'filter'; doc: FilterDoc; source: string; index: number };

/** Timespan text to milliseconds (`5m` → 300000). */
export function timespanMs(span: string): number {
  const n = Number(span.slice(0, -1));
  const unit = span.slice(-1);
  const scale: Record<string, number> = {
    s: 1e3,
    m: 6e4,
    h: 3.6e6,
    d: 8.64e7,
    w: 6.048e8,
    M: 2.592e9,
    y: 3.1536e10,
  };
  return n * (scale[unit] ?? 1e3);
}
