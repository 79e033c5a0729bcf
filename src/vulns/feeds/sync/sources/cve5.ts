import type { SourceRun } from '../source-run';
import { folderOf } from './answer';

/** One run asks for at most this many records (the CVE Services API serves one record per request). */
export const MAX_CVE5_PER_RUN = 500;

/**
 * CVE JSON 5 records from the CVE Services API (`…/api/cve/CVE-2023-24880`), for the CVEs the national
 * alerts name: those are the ones the directive asks about, and a CNA record appears before NVD's
 * enrichment (VULNS.md §2.5). Conditional per record; one transaction per record.
 */
export async function syncCve5(run: SourceRun, cves: string[]): Promise<void> {
  const base = folderOf(run.baseUrl);
  await run.eachDocument(cves.slice(0, MAX_CVE5_PER_RUN), async (cve) => {
    const url = new URL(encodeURIComponent(cve), base).toString();
    const fetched = await run.fetch(url, { headers: { accept: 'application/json' } });
    if (fetched) await run.importDocuments([{ name: url, content: fetched.body }], [fetched]);
  });
}
