import type { SourceRun } from '../source-run';

/** KEV and EPSS: one file at a known address, fetched conditionally and imported as a carried-in file. */
export async function syncSingleFile(run: SourceRun): Promise<void> {
  const fetched = await run.fetch(run.baseUrl);
  if (!fetched) return;
  await run.importDocuments([{ name: fetched.url, content: fetched.body }], [fetched]);
}
