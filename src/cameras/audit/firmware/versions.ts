import type { Vendor } from '../types.js';

/**
 * Per-vendor firmware version parsers (CAMERAS.md §3 design notes). Advisories often speak in build
 * dates, so the date is its own field (YYYY-MM-DD). Unparseable text gives undefined, never a guess.
 */
export type FirmwareVersion = {
  vendor: Vendor;
  raw: string;
  /** Numeric parts, e.g. [5, 5, 61] for Hikvision V5.5.61, [2, 800] for Dahua 2.800…, [4, 2] for XM 4.02. */
  numbers: number[];
  build?: string;
  /** Uniview branch (e.g. DIPC-B1213) or XM release tag (e.g. R11). */
  branch?: string;
};

export function parseFirmware(vendor: Vendor, raw: string): FirmwareVersion | undefined {
  const text = raw.slice(0, 200);
  switch (vendor) {
    case 'hikvision':
      return hikvision(text);
    case 'dahua':
      return dahua(text);
    case 'xiongmai':
      return xiongmai(text);
    case 'uniview':
      return uniview(text);
    default:
      return undefined;
  }
}

function yymmdd(s: string): string | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [mm, dd] = [Number(m[2]), Number(m[3])];
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `20${m[1]}-${m[2]}-${m[3]}`;
}

/** `V5.5.61 build 180718`, `V5.4.0build 160530`. */
function hikvision(text: string): FirmwareVersion | undefined {
  const m = /V?(\d+)\.(\d+)\.(\d+)\s*build\s*(\d{6})/i.exec(text);
  if (!m) return undefined;
  return {
    vendor: 'hikvision',
    raw: text,
    numbers: [m[1], m[2], m[3]].map(Number),
    build: yymmdd(m[4] ?? ''),
  };
}

/** `V2.800.0000000.16.R, Build Date 2020-03-20`, `2.608.0000.0`, with an ISO or compact build date. */
function dahua(text: string): FirmwareVersion | undefined {
  const m = /V?(\d+)\.(\d{3})\.([0-9A-Z]{4,7})\.(\d+)/i.exec(text);
  if (!m) return undefined;
  const d = /(20\d{2})[-./]?(\d{2})[-./]?(\d{2})/.exec(text.slice((m.index ?? 0) + m[0].length));
  return {
    vendor: 'dahua',
    raw: text,
    numbers: [Number(m[1]), Number(m[2])],
    branch: `${m[2]}.${m[3]}.${m[4]}`,
    build: d ? `${d[1]}-${d[2]}-${d[3]}` : undefined,
  };
}

/** `V4.02.R11.34500140.10000.131900.00000`, build date from `Build Date 2018-…` when present. */
function xiongmai(text: string): FirmwareVersion | undefined {
  const m = /V?(\d+)\.(\d{2})\.(R\d{2})/i.exec(text);
  if (!m) return undefined;
  const d = /(20\d{2})-(\d{2})-(\d{2})/.exec(text);
  return {
    vendor: 'xiongmai',
    raw: text,
    numbers: [Number(m[1]), Number(m[2])],
    branch: (m[3] ?? '').toUpperCase(),
    build: d ? `${d[1]}-${d[2]}-${d[3]}` : undefined,
  };
}

/** `DIPC-B1216.5.7.230109`, `IPC_G6103-B0008P60D1905`: the first form only. */
function uniview(text: string): FirmwareVersion | undefined {
  const m = /([A-Z]+-B\d{4})\.(\d+)\.(\d+)\.(\d{6})/i.exec(text);
  if (!m) return undefined;
  return {
    vendor: 'uniview',
    raw: text,
    numbers: [Number(m[2]), Number(m[3]), Number(m[4])],
    branch: (m[1] ?? '').toUpperCase(),
    build: yymmdd(m[4] ?? ''),
  };
}

/** Compares number lists left to right (missing parts count as 0). */
export function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
