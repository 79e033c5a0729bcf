import { z } from 'zod';
import { AppError } from '../../../../core/errors';
import { NVD_MAX_WINDOW_DAYS } from '../contract';
import type { SourceRun } from '../source-run';
import { readJsonAnswer } from './answer';

/** NVD's largest page (VULNS.md §2.4). */
export const NVD_PAGE_SIZE = 2000;
const DAY_MS = 86_400_000;

const NvdPage = z.object({
  resultsPerPage: z.number().int().min(0),
  startIndex: z.number().int().min(0),
  totalResults: z.number().int().min(0),
  vulnerabilities: z.array(z.object({ cve: z.looseObject({ id: z.string() }) })),
});

export type NvdPacing = { pauseMs: number };

/** NVD wants "2024-01-01T00:00:00.000+00:00"-style instants (its documented form; "+" is URL-encoded). */
function nvdInstant(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/**
 * Everything NVD changed since the cursor (first run: the last `nvdInitialDays`), in windows of at most
 * 120 days, page after page. Each CVE becomes its own document, as a bare `cve` object like the
 * fkie-cad mirror files the offline import reads: a CVE's lastModified moves on its own, and a page
 * is only a slice of a query. One page is one transaction; the cursor moves after each whole window.
 */
export async function syncNvd(run: SourceRun, pacing: NvdPacing): Promise<void> {
  const cursor = await run.cursor();
  const now = run.now.getTime();
  let start = cursor ? Date.parse(cursor) : now - run.settings.nvdInitialDays * DAY_MS;
  const apiKey = run.settings.secrets.nvdApiKey;
  const headers: Record<string, string> = { accept: 'application/json', ...(apiKey ? { apiKey } : {}) };
  let first = true;
  while (start < now) {
    const end = Math.min(now, start + NVD_MAX_WINDOW_DAYS * DAY_MS);
    let index = 0;
    let total = 0;
    do {
      if (!first) await run.pause(pacing.pauseMs);
      first = false;
      const url = new URL(run.baseUrl);
      url.searchParams.set('lastModStartDate', nvdInstant(new Date(start)));
      url.searchParams.set('lastModEndDate', nvdInstant(new Date(end)));
      url.searchParams.set('resultsPerPage', String(NVD_PAGE_SIZE));
      url.searchParams.set('startIndex', String(index));
      const fetched = await run.fetch(url.toString(), { conditional: false, headers });
      if (!fetched) throw new AppError('FEED_SYNC_HTTP_STATUS', { status: 304, url: url.toString() });
      const page = readJsonAnswer(fetched, NvdPage);
      total = page.totalResults;
      if (page.vulnerabilities.length === 0 && index < total) {
        throw new AppError('FEED_SYNC_BAD_ANSWER', {
          url: fetched.url,
          where: 'vulnerabilities',
          reason: `empty page at ${index} of ${total}`,
        });
      }
      const files = page.vulnerabilities.map(({ cve }) => ({
        name: `${run.baseUrl}#${cve.id}`,
        content: Buffer.from(JSON.stringify(cve)),
      }));
      await run.importDocuments(files);
      index += page.vulnerabilities.length;
    } while (index < total);
    await run.setCursor(new Date(end).toISOString());
    start = end;
  }
}
