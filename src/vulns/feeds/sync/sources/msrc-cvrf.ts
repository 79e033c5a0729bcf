import { z } from 'zod';
import type { SourceRun } from '../source-run';
import { folderOf, instantOf, readJsonAnswer } from './answer';

/** `GET …/cvrf/v3.0/updates` (VULNS.md §2.1): one entry per month. IDs are "2024-Mar" (and a few odd ones). */
const UpdatesIndex = z.object({
  value: z.array(
    z.object({
      ID: z.string().regex(/^[\w-]{1,40}$/, 'a month id such as 2024-Mar'),
      InitialReleaseDate: z.string().nullish(),
      CurrentReleaseDate: z.string(),
    }),
  ),
});

/**
 * The months index, then each month released on or after `microsoftSince` whose CurrentReleaseDate is
 * newer than the stored copy. Month URLs are built from the configured base, not taken from the index's
 * CvrfUrl: the index names Microsoft's host, and a mirror (or a test) serves the same paths elsewhere.
 */
export async function syncMsrcCvrf(run: SourceRun): Promise<void> {
  const base = folderOf(run.baseUrl);
  const index = await run.fetch(new URL('updates', base).toString(), {
    headers: { accept: 'application/json' },
  });
  if (!index) return;
  const since = Date.parse(`${run.settings.microsoftSince}T00:00:00Z`);
  const months = readJsonAnswer(index, UpdatesIndex).value.filter(
    (month) => instantOf(month.InitialReleaseDate ?? month.CurrentReleaseDate) >= since,
  );
  const allDone = await run.eachDocument(months, async (month) => {
    const stored = await run.storedReleaseOf(month.ID);
    if (stored && stored.getTime() >= instantOf(month.CurrentReleaseDate)) return;
    const url = new URL(`cvrf/${encodeURIComponent(month.ID)}`, base).toString();
    const fetched = await run.fetch(url, { headers: { accept: 'application/xml' } });
    if (fetched) await run.importDocuments([{ name: url, content: fetched.body }], [fetched]);
  });
  // The index is remembered only when every month made it: a 304 next time must not hide a failed month.
  if (allDone) await run.remember(index);
}
