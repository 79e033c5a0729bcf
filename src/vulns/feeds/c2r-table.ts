/**
 * The Office Click-to-Run build table as a feed file (VULNS.md §4.5): per update channel, the builds
 * Microsoft released, their dates and, when known, the CVEs each fixes. Written by hand or by a script
 * from Microsoft's update history pages; format in docs/c2r-builds.md. CSV (header
 * `channel,version,build,releasedAt[,cves]`) or JSON (`{"format":"canhgac-c2r-builds","version":1,…}`).
 */
import { type C2rBuild, parseC2rJson, parseC2rTable } from '../match/c2r-builds';
import { FeedParseError, type ParsedFeed } from '../model';

/** A CSV whose header names the table's columns (any order, any case, quotes allowed). */
export function isC2rCsvHeader(firstLine: string): boolean {
  const columns = firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return ['channel', 'build', 'releasedat'].every((c) => columns.includes(c));
}

export const isC2rJson = (head: string) => /"format"\s*:\s*"canhgac-c2r-builds"/.test(head);

/**
 * One import is one document per set of channels: importing the Current channel's file and then the
 * Monthly Enterprise one keeps both; re-importing a channel replaces that channel's rows.
 */
export function parseC2rFeed(input: Buffer, fileName: string): ParsedFeed {
  const text = input.toString('utf8').replace(/^\uFEFF/, '');
  const builds: C2rBuild[] = text.trimStart().startsWith('{')
    ? parseC2rJson(text, fileName)
    : parseC2rTable(text, fileName);
  if (builds.length === 0) throw new FeedParseError(fileName, 'rows', 'the table has no builds');
  const channels = [...new Set(builds.map((b) => b.channel))].sort();
  // YYYY-MM-DD sorts as text.
  const newest =
    builds
      .map((b) => b.releasedAt)
      .sort()
      .at(-1) ?? '';
  return {
    source: 'c2r-builds',
    documentId: `c2r:${channels.join('+')}`,
    title: `Office Click-to-Run builds (${channels.join(', ')})`,
    releasedAt: new Date(`${newest}T00:00:00Z`),
    revision: newest,
    products: [],
    vulnerabilities: [],
    kev: [],
    epss: [],
    c2rBuilds: builds,
  };
}
