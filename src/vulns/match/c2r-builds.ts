/**
 * Office Click-to-Run builds per update channel (VULNS.md §4.5): MSRC writes "https://aka.ms/OfficeSecurityReleases"
 * instead of a build, so the fixed build comes from an imported table (docs/c2r-builds.md): the lowest build of
 * the host's channel whose row names the CVE, else the first build of the channel released on or after the
 * advisory. None is invented here: the default table is empty and every C2R verdict stays 'unknown' until a
 * table is imported (`canh-gac feeds import`, stored in c2r_builds).
 */
import { parse } from 'csv-parse/sync';
import { FeedParseError } from '../model';
import { parseDotted } from '../versions';

export type C2rChannel =
  | 'current'
  | 'monthly-enterprise'
  | 'semi-annual'
  | 'semi-annual-preview'
  | 'beta'
  | 'ltsc-2021'
  | 'ltsc-2024'
  | 'office-2019';

export type C2rBuild = {
  channel: C2rChannel;
  /** The channel version label as Microsoft's update history writes it ("2402"). */
  version: string;
  /** The x.y of 16.0.x.y ("17328.20184"); a full "16.0.17328.20184" is accepted and trimmed by the loader. */
  build: string;
  /** Calendar date 'YYYY-MM-DD' of the release. */
  releasedAt: string;
  /**
   * The CVEs this build fixes, when the table says (Microsoft's "Security updates" notes per build).
   * Without them, a build fixes what was published on or before its release date.
   */
  cves?: string[];
};

export const DEFAULT_C2R_TABLE: readonly C2rBuild[] = [];

/** Registry/ODT channel names (and CDN "update channel" names) onto the table's channels. */
const CHANNEL_ALIASES: Record<string, C2rChannel> = {
  current: 'current',
  currentchannel: 'current',
  monthly: 'current',
  monthlyenterprise: 'monthly-enterprise',
  monthlyenterprisechannel: 'monthly-enterprise',
  semiannual: 'semi-annual',
  semiannualenterprise: 'semi-annual',
  semiannualenterprisechannel: 'semi-annual',
  broad: 'semi-annual',
  semiannualpreview: 'semi-annual-preview',
  semiannualenterprisepreview: 'semi-annual-preview',
  targeted: 'semi-annual-preview',
  beta: 'beta',
  betachannel: 'beta',
  insiderfast: 'beta',
  perpetualvl2021: 'ltsc-2021',
  ltsc2021: 'ltsc-2021',
  perpetualvl2024: 'ltsc-2024',
  ltsc2024: 'ltsc-2024',
  perpetualvl2019: 'office-2019',
  office2019: 'office-2019',
};

/** @example normalizeChannel('Monthly Enterprise Channel'); // 'monthly-enterprise' */
export function normalizeChannel(channel: string | undefined): C2rChannel | undefined {
  if (channel === undefined) return undefined;
  return CHANNEL_ALIASES[channel.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

/** "16.0.17328.20184" or "17328.20184" → [17328, 20184]; anything else undefined. */
export function c2rBuildParts(build: string): [number, number] | undefined {
  const parts = parseDotted(build);
  if (parts === undefined) return undefined;
  const tail = parts.length === 4 && parts[0] === 16 && parts[1] === 0 ? parts.slice(2) : parts;
  return tail.length === 2 ? (tail as [number, number]) : undefined;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;

/** One row as a file gives it (CSV cells or JSON fields), before validation. */
export type C2rRawRow = {
  channel?: unknown;
  version?: unknown;
  build?: unknown;
  releasedAt?: unknown;
  /** CVE ids the build fixes: an array (JSON) or one cell separated by spaces, commas or semicolons (CSV). */
  cves?: unknown;
};

const text = (value: unknown) =>
  typeof value === 'string' ? value.trim() : value === undefined ? '' : value;

function cvesOf(raw: unknown, file: string, where: string): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,;]+/) : undefined;
  if (list === undefined) throw new FeedParseError(file, where, 'cves is neither a list nor a text cell');
  const cves = list.map((c) => (typeof c === 'string' ? c.trim().toUpperCase() : c)).filter((c) => c !== '');
  const bad = cves.find((c) => typeof c !== 'string' || !CVE.test(c));
  if (bad !== undefined)
    throw new FeedParseError(file, where, `${JSON.stringify(bad)} is not a CVE id (CVE-YYYY-NNNN)`);
  return [...new Set(cves as string[])];
}

/**
 * Validates one row. An unknown channel, a build that is not x.y / 16.0.x.y, a date that is not
 * YYYY-MM-DD or a CVE id that is not one is refused with its place, so a bad import fails loudly
 * instead of quietly making hosts look fixed.
 */
export function c2rRow(raw: C2rRawRow, file: string, where: string): C2rBuild {
  const channelText = text(raw.channel);
  const channel = typeof channelText === 'string' ? normalizeChannel(channelText) : undefined;
  if (channel === undefined)
    throw new FeedParseError(file, where, `unknown channel ${JSON.stringify(raw.channel)}`);
  const build = text(raw.build);
  const parts = typeof build === 'string' ? c2rBuildParts(build) : undefined;
  if (parts === undefined)
    throw new FeedParseError(file, where, `build is not x.y: ${JSON.stringify(raw.build)}`);
  const releasedAt = text(raw.releasedAt);
  if (
    typeof releasedAt !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(releasedAt) ||
    Number.isNaN(Date.parse(releasedAt))
  )
    throw new FeedParseError(file, where, `releasedAt is not YYYY-MM-DD: ${JSON.stringify(raw.releasedAt)}`);
  const version = text(raw.version);
  const row: C2rBuild = {
    channel,
    version: typeof version === 'string' ? version : String(version),
    build: parts.join('.'),
    releasedAt,
  };
  const cves = cvesOf(raw.cves, file, where);
  if (cves.length > 0) row.cves = cves;
  return row;
}

/** A table names each (channel, build) once: a second row is a mistake in the file, not a revision. */
function refuseDuplicates(rows: { row: C2rBuild; where: string }[], file: string): C2rBuild[] {
  const seen = new Set<string>();
  for (const { row, where } of rows) {
    const key = `${row.channel} ${row.build}`;
    if (seen.has(key))
      throw new FeedParseError(file, where, `${row.channel} build ${row.build} is listed twice`);
    seen.add(key);
  }
  return rows.map((r) => r.row);
}

/**
 * Reads a CSV table with the header `channel,version,build,releasedAt` and an optional `cves` column.
 * @example parseC2rTable('channel,version,build,releasedAt\nCurrent,2402,17328.20184,2024-03-12\n');
 */
export function parseC2rTable(csv: string, file = 'C2R table'): C2rBuild[] {
  let records: Record<string, string | undefined>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new FeedParseError(file, 'CSV', (error as Error).message);
  }
  return refuseDuplicates(
    records.map((record, index) => ({
      row: c2rRow(record, file, `line ${index + 2}`),
      where: `line ${index + 2}`,
    })),
    file,
  );
}

/** The JSON layout: `{ "format": "canhgac-c2r-builds", "version": 1, "builds": [ { …row } ] }`. */
export const C2R_JSON_FORMAT = 'canhgac-c2r-builds';

export function parseC2rJson(json: string, file = 'C2R table'): C2rBuild[] {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new FeedParseError(file, 'JSON', (error as Error).message);
  }
  const body = document as { format?: unknown; version?: unknown; builds?: unknown };
  if (body?.format !== C2R_JSON_FORMAT)
    throw new FeedParseError(file, 'format', `is not "${C2R_JSON_FORMAT}"`);
  if (body.version !== 1)
    throw new FeedParseError(file, 'version', `unsupported version ${JSON.stringify(body.version)}`);
  if (!Array.isArray(body.builds)) throw new FeedParseError(file, 'builds', 'is not a list');
  return refuseDuplicates(
    body.builds.map((raw, index) => {
      const where = `builds[${index}]`;
      if (typeof raw !== 'object' || raw === null) throw new FeedParseError(file, where, 'is not an object');
      return { row: c2rRow(raw as C2rRawRow, file, where), where };
    }),
    file,
  );
}
