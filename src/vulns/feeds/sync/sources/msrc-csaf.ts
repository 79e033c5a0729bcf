import { parse } from 'csv-parse/sync';
import { AppError } from '../../../../core/errors';
import type { SourceRun } from '../source-run';
import { folderOf, instantOf } from './answer';

/** One run fetches at most this many CSAF files; the next run goes on from the cursor. */
export const MAX_CSAF_PER_RUN = 500;
const CSAF_PATH = /^\d{4}\/msrc_cve-\d{4}-\d{4,}\.json$/i;

type Change = { path: string; at: number; stamp: string };

/**
 * The CSAF provider's `changes.csv` (path, timestamp; CSAF 2.0 §7.1.17), then every file changed since
 * the cursor and on or after `microsoftSince`, oldest first, one transaction each. The cursor is the
 * timestamp of the last file imported; files with that same timestamp are asked again (conditionally).
 */
export async function syncMsrcCsaf(run: SourceRun): Promise<void> {
  const base = folderOf(run.baseUrl);
  const changesUrl = new URL('changes.csv', base).toString();
  const changes = await run.fetch(changesUrl);
  if (!changes) return;
  const cursor = await run.cursor();
  const from = Math.max(
    Date.parse(`${run.settings.microsoftSince}T00:00:00Z`),
    cursor ? Date.parse(cursor) : 0,
  );
  const due = readChanges(changes.body, changesUrl)
    .filter((change) => change.at >= from)
    .sort((a, b) => a.at - b.at)
    .slice(0, MAX_CSAF_PER_RUN);
  let allDone = true;
  for (const change of due) {
    const done = await run.eachDocument([change], async () => {
      const url = new URL(change.path, base).toString();
      const fetched = await run.fetch(url);
      if (fetched) await run.importDocuments([{ name: url, content: fetched.body }], [fetched]);
    });
    // Oldest first, and the cursor stops at the first failure: nothing later is skipped for good.
    if (!done) {
      allDone = false;
      break;
    }
    await run.setCursor(new Date(change.at).toISOString());
  }
  if (allDone && due.length < MAX_CSAF_PER_RUN) await run.remember(changes);
}

function readChanges(body: Buffer, url: string): Change[] {
  let rows: string[][];
  try {
    rows = parse(body, { relaxColumnCount: false, skipEmptyLines: true, bom: true, trim: true });
  } catch (error) {
    throw new AppError('FEED_SYNC_BAD_ANSWER', { url, where: 'CSV', reason: (error as Error).message });
  }
  return rows.map((row, index) => {
    const [path = '', stamp = ''] = row;
    const at = instantOf(stamp);
    if (!CSAF_PATH.test(path) || Number.isNaN(at)) {
      const reason = `"${row.join(',').slice(0, 120)}" is not "YYYY/msrc_cve-….json",timestamp`;
      throw new AppError('FEED_SYNC_BAD_ANSWER', { url, where: `line ${index + 1}`, reason });
    }
    return { path, at, stamp };
  });
}
