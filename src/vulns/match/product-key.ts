/**
 * Product identity: MSRC product titles and host facts meet on one key. Names are compared case- and
 * space-insensitively because MSRC itself writes "Windows 11 version 21H2" next to "Windows 11 Version
 * 22H2" (2024 fixtures). Exchange CUs share one key per major.minor (the CU is the base build of the
 * FixedBuild, as for Windows); MSI Office keys by component and major version (VULNS.md §4.5, §4.6).
 */

export type ProductKind = 'windows' | 'exchange' | 'office-msi' | 'office-c2r' | 'other';

export type ProductIdentity = {
  key: string;
  kind: ProductKind;
  /** MSI Office: the application whose file version the FixedBuild is ("outlook", "word"; "office" = suite). */
  component?: string;
  /** MSI Office: 15 (2013) or 16 (2016), the first part of its file versions. */
  major?: number;
};

/** Lower case, single spaces: the comparable form of an MSRC product title. */
export function normalizeProductName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Exchange 15.0 = 2013, 15.1 = 2016, 15.2 = 2019 and Subscription Edition (same code line as 2019 CU15). */
const EXCHANGE_LINES: Record<string, string> = {
  '2013': '15.0',
  '2016': '15.1',
  '2019': '15.2',
  'subscription edition': '15.2',
};

export function exchangeKey(majorMinor: string): string {
  return `exchange:${majorMinor}`;
}

export function officeMsiKey(component: string, major: number): string {
  return `office-msi:${component}:${major}`;
}

/** Click-to-Run product families; bitness is kept because MSRC lists 32- and 64-bit separately. */
export type C2rFamily = '365-apps' | 'office-2019' | 'ltsc-2021' | 'ltsc-2024';

export function officeC2rKey(family: C2rFamily, bits: '32' | '64'): string {
  return `office-c2r:${family}:${bits}`;
}

const MSI_APPS = 'word|excel|outlook|powerpoint|access|publisher|visio|project|onenote|office';
const MSI_PATTERN = new RegExp(
  `^microsoft (${MSI_APPS}) (2013|2016)(?: service pack 1)? \\((32|64)-bit editions?\\)$`,
);

function identifyOffice(name: string): ProductIdentity | undefined {
  const msi = MSI_PATTERN.exec(name);
  if (msi !== null) {
    const component = msi[1] ?? 'office';
    // 2013 ships 15.0.x files, 2016 16.0.x (Office 2019+ exist only as Click-to-Run).
    const major = msi[2] === '2013' ? 15 : 16;
    return { key: officeMsiKey(component, major), kind: 'office-msi', component, major };
  }
  const c2r =
    /^microsoft (365 apps for enterprise|office 2019|office ltsc 2021|office ltsc 2024) for (32|64)-bit (?:systems|editions)$/.exec(
      name,
    );
  if (c2r === null) return undefined;
  const family: C2rFamily =
    c2r[1] === 'office 2019'
      ? 'office-2019'
      : c2r[1] === 'office ltsc 2021'
        ? 'ltsc-2021'
        : c2r[1] === 'office ltsc 2024'
          ? 'ltsc-2024'
          : '365-apps';
  return { key: officeC2rKey(family, c2r[2] === '32' ? '32' : '64'), kind: 'office-c2r' };
}

/**
 * The matcher's identity of one MSRC product title.
 * @example identifyProduct('Microsoft Exchange Server 2019 Cumulative Update 14'); // { key: 'exchange:15.2', kind: 'exchange' }
 */
export function identifyProduct(title: string): ProductIdentity {
  const name = normalizeProductName(title);
  if (name.startsWith('windows ')) return { key: name, kind: 'windows' };
  const exchange = /^microsoft exchange server (2013|2016|2019|subscription edition)\b/.exec(name);
  const line = exchange === null ? undefined : EXCHANGE_LINES[exchange[1] ?? ''];
  if (line !== undefined) return { key: exchangeKey(line), kind: 'exchange' };
  return identifyOffice(name) ?? { key: name, kind: 'other' };
}
