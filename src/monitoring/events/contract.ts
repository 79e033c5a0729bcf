import { z } from 'zod';
import { PageQuery } from '../../core/pagination';

export const EventQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  host: z.string().max(255).optional(),
  app: z.string().max(255).optional(),
  format: z.string().max(32).optional(),
  /** Words that must appear in the message (case-sensitive substring). */
  q: z.string().max(500).optional(),
  /** `name=value`, repeatable: exact field values (numbers and true/false are matched as such). */
  field: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[^=]{1,128}=.{0,1000}$/, 'must be name=value')).max(10)),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** `nextCursor` of the previous page: resumes after it (cheap at any depth; `page` is then ignored). */
  cursor: z
    .string()
    .regex(/^-?\d{1,16}_\d{1,16}$/, 'must be a nextCursor value')
    .optional(),
});
export type EventQuery = z.infer<typeof EventQuery>;

export const EventItem = z.object({
  id: z.string(),
  time: z.date(),
  receivedAt: z.date(),
  unitId: z.uuid(),
  sourceId: z.uuid().nullable(),
  senderIp: z.string().nullable(),
  host: z.string().nullable(),
  app: z.string().nullable(),
  facility: z.number().nullable(),
  severity: z.number().nullable(),
  format: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.unknown()),
  /** The original bytes (base64) when they were not UTF-8. */
  rawBase64: z.string().nullable(),
  parseError: z.string().nullable(),
});
/** An event id as the API gives it (block × 65,536 + index, decimal); anything else is refused. */
export const EventIdParams = z.object({ id: z.string().regex(/^\d{1,16}$/, 'must be an event id') }).strict();

export const EventPage = z.object({
  items: z.array(EventItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** False when the count stopped after COUNT_BUDGET decoded events and extrapolated the rest. */
  totalExact: z.boolean(),
  /** Pass as `cursor` for the page after this one; null on the last page. */
  nextCursor: z.string().nullable(),
});
