import type { AdvisorySource, KevEntry, Vulnerability } from './model';

/** What one source says about one CVE, as stored in vulnerability_sources. KEV rows carry their entry. */
export type SourceRecord = { source: AdvisorySource; record: Vulnerability & { kev?: KevEntry } };

export type MergedVulnerability = {
  cve: string;
  title: string | null;
  description: string | null;
  severity: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  exploited: boolean;
  publiclyDisclosed: boolean | null;
  kevDateAdded: string | null;
  kevDueDate: string | null;
  kevRansomware: boolean | null;
  cwes: string[];
  publishedAt: Date | null;
};

const SEVERITY_RANK: Record<string, number> = {
  critical: 4,
  important: 3,
  high: 3,
  moderate: 2,
  medium: 2,
  low: 1,
};
// For Microsoft products MSRC is the primary truth, NVD a second opinion (VULNS.md §0); CVE 5 comes
// from the CNA itself, so it ranks above NVD's enrichment.
const TEXT_PREFERENCE: AdvisorySource[] = ['msrc-cvrf', 'msrc-csaf', 'cve5', 'nvd', 'kev'];

function firstBy<T>(records: SourceRecord[], pick: (r: SourceRecord) => T | undefined): T | undefined {
  for (const source of TEXT_PREFERENCE) {
    for (const r of records) {
      if (r.source !== source) continue;
      const value = pick(r);
      if (value !== undefined && value !== '') return value;
    }
  }
  return undefined;
}

/** Folds every source's statement about one CVE into the row the findings show. Pure. */
export function mergeVulnerability(cve: string, records: SourceRecord[]): MergedVulnerability {
  const severities = records.flatMap((r) => r.record.severities.map((s) => s.value));
  const severity = severities.sort(
    (a, b) => (SEVERITY_RANK[b.toLowerCase()] ?? 0) - (SEVERITY_RANK[a.toLowerCase()] ?? 0),
  )[0];
  const cvss = firstBy(records, (r) => {
    const scores = r.record.cvss.filter((c) => c.version !== '2.0');
    if (scores.length === 0) return undefined;
    return scores.reduce((best, c) => (c.baseScore > best.baseScore ? c : best));
  });
  const kev = records.find((r) => r.record.kev)?.record.kev;
  const disclosed = records.map((r) => r.record.publiclyDisclosed).filter((v) => v !== undefined);
  const published = records
    .map((r) => r.record.publishedAt)
    .filter((d): d is Date => d instanceof Date)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    cve,
    title: firstBy(records, (r) => r.record.title) ?? null,
    description: firstBy(records, (r) => r.record.description) ?? null,
    severity: severity ?? null,
    cvssScore: cvss?.baseScore ?? null,
    cvssVector: cvss?.vector ?? null,
    exploited: records.some((r) => r.record.exploited === true) || Boolean(kev),
    publiclyDisclosed: disclosed.length ? disclosed.some(Boolean) : null,
    kevDateAdded: kev?.dateAdded ?? null,
    kevDueDate: kev?.dueDate ?? null,
    kevRansomware: kev?.knownRansomware ?? null,
    cwes: [...new Set(records.flatMap((r) => r.record.cwes))].sort(),
    publishedAt: published ?? null,
  };
}

/** A KEV entry stored as a source record, so the merge treats every source the same way. */
export function kevAsRecord(entry: KevEntry): Vulnerability & { kev: KevEntry } {
  return {
    cve: entry.cve,
    title: entry.name,
    description: entry.shortDescription,
    severities: [],
    impacts: [],
    cvss: [],
    exploited: true,
    cwes: entry.cwes,
    affected: [],
    remediations: [],
    configurations: [],
    references: entry.notes,
    kev: entry,
  };
}
