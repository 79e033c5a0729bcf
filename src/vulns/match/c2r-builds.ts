/**
 * Office Click-to-Run builds per update channel (VULNS.md §4.5): MSRC writes "https://aka.ms/OfficeSecurityReleases"
 * instead of a build, so the fixed build is the first build of the host's channel released on or after the
 * advisory. The table is imported data; none is invented here, so the default table is empty and every C2R
 * verdict stays 'unknown' until one is loaded.
 */
import { parse } from 'csv-parse/sync';
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

/**
 * Reads a table with the header `channel,version,build,releasedAt`. Rows with an unknown channel, a build
 * that is not x.y / 16.0.x.y or a date that is not YYYY-MM-DD are refused with the line number, so a bad
 * import fails loudly instead of quietly making hosts look fixed.
 * @example parseC2rTable('channel,version,build,releasedAt\nCurrent,2402,17328.20184,2024-03-12\n');
 */
export function parseC2rTable(csv: string): C2rBuild[] {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string | undefined
  >[];
  return records.map((record, index) => {
    const line = index + 2;
    const channel = normalizeChannel(record.channel);
    if (channel === undefined)
      throw new Error(`C2R table line ${line}: unknown channel ${JSON.stringify(record.channel)}`);
    const parts = c2rBuildParts(record.build ?? '');
    if (parts === undefined)
      throw new Error(`C2R table line ${line}: build is not x.y: ${JSON.stringify(record.build)}`);
    const releasedAt = record.releasedAt ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(releasedAt) || Number.isNaN(Date.parse(releasedAt))) {
      throw new Error(
        `C2R table line ${line}: releasedAt is not YYYY-MM-DD: ${JSON.stringify(record.releasedAt)}`,
      );
    }
    return { channel, version: record.version ?? '', build: parts.join('.'), releasedAt };
  });
}
