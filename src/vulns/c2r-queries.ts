import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { C2rBuild } from './match/c2r-builds';
import { c2rBuilds } from './schema';

/** Replaces the rows of the channels the table carries; other channels keep theirs. */
export async function replaceC2rChannels(
  db: Executor,
  documentId: string,
  builds: C2rBuild[],
): Promise<void> {
  const channels = [...new Set(builds.map((b) => b.channel))];
  await db.delete(c2rBuilds).where(inArray(c2rBuilds.channel, channels));
  for (let i = 0; i < builds.length; i += 1000) {
    await db.insert(c2rBuilds).values(
      builds.slice(i, i + 1000).map((b) => ({
        channel: b.channel,
        build: b.build,
        version: b.version,
        releasedAt: b.releasedAt,
        cves: b.cves ?? [],
        documentId,
      })),
    );
  }
}

/** The whole table, as the matcher reads it. */
export async function loadC2rTable(db: Executor): Promise<C2rBuild[]> {
  const rows = await db.select().from(c2rBuilds);
  return rows.map((r) => ({
    channel: r.channel as C2rBuild['channel'],
    version: r.version,
    build: r.build,
    releasedAt: r.releasedAt,
    ...(r.cves.length > 0 ? { cves: r.cves } : {}),
  }));
}
