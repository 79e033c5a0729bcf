import { z } from 'zod';
import { PageQuery, pageOf } from '../../../core/pagination';

/** The sources the platform can fetch online (the same formats the offline import reads). */
export const SYNC_SOURCES = ['msrc-cvrf', 'msrc-csaf', 'kev', 'nvd', 'cve5', 'epss'] as const;
export const SyncSource = z.enum(SYNC_SOURCES);
export type SyncSource = z.infer<typeof SyncSource>;

/**
 * The official addresses. Never contacted by tests: they point every base URL at 127.0.0.1.
 * msrc-cvrf, msrc-csaf and cve5 are folders (paths are added); kev, nvd and epss are the documents themselves.
 */
export const DEFAULT_BASE_URLS: Record<SyncSource, string> = {
  'msrc-cvrf': 'https://api.msrc.microsoft.com/cvrf/v3.0/',
  'msrc-csaf': 'https://msrc.microsoft.com/csaf/advisories/',
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  nvd: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
  cve5: 'https://cveawg.mitre.org/api/cve/',
  epss: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
};

/** NVD is a second opinion for Microsoft (VULNS.md §0) and CVE 5 is fetched one record at a time: off at first. */
export const DEFAULT_SOURCE_ENABLED: Record<SyncSource, boolean> = {
  'msrc-cvrf': true,
  'msrc-csaf': true,
  kev: true,
  nvd: false,
  cve5: false,
  epss: true,
};

/** 03:30 Vietnam time, outside working hours. */
export const DEFAULT_SYNC_CRON = '30 3 * * *';
/** The 2023 national alerts name March 2023 CVEs: take Microsoft's months from January 2023 on. */
export const DEFAULT_MICROSOFT_SINCE = '2023-01-01';
export const DEFAULT_NVD_INITIAL_DAYS = 30;
/** NVD refuses lastMod windows longer than 120 days (VULNS.md §2.4). */
export const NVD_MAX_WINDOW_DAYS = 120;

const HttpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// address')
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    return url === undefined || (url.username === '' && url.password === '' && url.hash === '');
  }, 'no user, password or #fragment in the address (proxy credentials have their own field)');

export const SourceSetting = z.object({ enabled: z.boolean(), baseUrl: HttpUrl }).strict();
export type SourceSetting = z.infer<typeof SourceSetting>;
export type SourceSettings = Record<SyncSource, SourceSetting>;

const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const FeedSyncSettings = z.object({
  enabled: z.boolean(),
  /** Five-field cron, read in Vietnam time like every schedule. */
  cron: z.string(),
  sources: z.record(SyncSource, SourceSetting),
  proxyUrl: z.string().nullable(),
  /** Secrets are never sent back: only whether one is stored. */
  hasProxyAuth: z.boolean(),
  hasNvdApiKey: z.boolean(),
  microsoftSince: z.string(),
  nvdInitialDays: z.number().int(),
  updatedAt: z.date().nullable(),
  updatedBy: z.string().nullable(),
});
export type FeedSyncSettings = z.infer<typeof FeedSyncSettings>;

/** What an administrator may change; absent keeps, null clears (proxy, secrets). */
export const FeedSyncSettingsUpdate = z
  .object({
    enabled: z.boolean().optional(),
    cron: z.string().trim().min(9).max(100).optional(),
    sources: z
      .partialRecord(
        SyncSource,
        z.object({ enabled: z.boolean().optional(), baseUrl: HttpUrl.optional() }).strict(),
      )
      .optional(),
    proxyUrl: HttpUrl.nullable().optional(),
    /** "user:password" for a proxy that asks for Basic authentication. */
    proxyAuth: z
      .string()
      .min(3)
      .max(500)
      .regex(/^[^:]+:.+$/, 'user:password')
      .nullable()
      .optional(),
    nvdApiKey: z.string().trim().min(8).max(200).nullable().optional(),
    microsoftSince: CalendarDate.optional(),
    nvdInitialDays: z.number().int().min(1).max(NVD_MAX_WINDOW_DAYS).optional(),
  })
  .strict();
export type FeedSyncSettingsUpdate = z.infer<typeof FeedSyncSettingsUpdate>;

export const FeedSyncRunRequest = z.object({ sources: z.array(SyncSource).min(1).optional() }).strict();
export type FeedSyncRunRequest = z.infer<typeof FeedSyncRunRequest>;

/** One HTTP exchange of a sync run, as the log shows it (never with headers: the NVD key travels in one). */
export const SyncRequest = z.object({
  url: z.string(),
  attempt: z.number().int(),
  status: z.number().int().nullable(),
  bytes: z.number().int(),
  error: z.string().optional(),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

export const SyncCounts = z.object({
  requests: z.number().int(),
  notModified: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  older: z.number().int(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const FeedSyncLogEntry = z.object({
  id: z.uuid(),
  jobId: z.uuid().nullable(),
  source: SyncSource,
  status: z.enum(['imported', 'unchanged', 'failed']),
  startedAt: z.date(),
  finishedAt: z.date(),
  requests: z.array(SyncRequest),
  counts: SyncCounts,
  error: z.object({ code: z.string(), vi: z.string(), en: z.string() }).nullable(),
});
export type FeedSyncLogEntry = z.infer<typeof FeedSyncLogEntry>;

export const FeedSyncLogQuery = PageQuery.extend({ source: SyncSource.optional() }).strict();
export type FeedSyncLogQuery = z.infer<typeof FeedSyncLogQuery>;
export const FeedSyncLogPage = pageOf(FeedSyncLogEntry);
