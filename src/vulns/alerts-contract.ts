import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';

const CVE_PATTERN = /CVE-\d{4}-\d{4,}/gi;

/** Pulls every CVE id out of pasted text (an alert's annex, an e-mail), upper-cased and deduplicated. */
export function extractCveIds(text: string): string[] {
  return [...new Set((text.match(CVE_PATTERN) ?? []).map((c) => c.toUpperCase()))].sort();
}

const AlertFields = {
  issuer: z.string().trim().min(1).max(200),
  number: z.string().trim().min(1).max(60),
  issuedOn: z.iso.date(),
  title: z.string().trim().min(1).max(500),
  deadline: z.iso.date().nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
};

/** CVEs as a list, or as pasted text the ids are taken from; at least one either way. */
export const AlertCreate = z
  .object({
    ...AlertFields,
    cves: z
      .array(z.string().regex(/^CVE-\d{4}-\d{4,}$/i, 'format.cve'))
      .max(2000)
      .optional(),
    cveText: z.string().max(200_000).optional(),
  })
  .strict()
  .transform((input, ctx) => {
    const cves = [
      ...new Set([...(input.cves ?? []).map((c) => c.toUpperCase()), ...extractCveIds(input.cveText ?? '')]),
    ].sort();
    if (cves.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['cves'], message: 'format.cve-list' });
      return z.NEVER;
    }
    const { cveText: _text, ...rest } = input;
    return { ...rest, cves };
  });
export type AlertCreate = z.output<typeof AlertCreate>;

export const Alert = z.object({
  id: z.uuid(),
  issuer: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  title: z.string(),
  deadline: z.string().nullable(),
  cves: z.array(z.string()),
  notes: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type Alert = z.infer<typeof Alert>;
export const AlertPage = pageOf(Alert);
export const AlertQuery = PageQuery.strict();
export const AlertIdParams = z.object({ id: z.uuid() }).strict();

/** Per unit: how many hosts, how many reported inventory, and where the alert's CVEs stand. */
export const AlertUnitStatus = z.object({
  unitId: z.uuid(),
  unitCode: z.string(),
  unitName: z.string(),
  hosts: z.number().int(),
  hostsWithoutInventory: z.number().int(),
  affectedHosts: z.number().int(),
  unknownHosts: z.number().int(),
  fixedHosts: z.number().int(),
  /** Reported inventory and none of the alert's CVEs apply (or never did). */
  notAffectedHosts: z.number().int(),
  openFindings: z.number().int(),
});
export const AlertStatus = z.object({ alert: Alert, overdue: z.boolean(), units: z.array(AlertUnitStatus) });
