/**
 * Small builders for hand-made ParsedFeed objects and hosts in the matcher tests: a test writes only the
 * rows it asserts on. Product ids and titles follow MSRC's (VULNS.md §2.1).
 */
import type { HostFacts, KevEntry, ParsedFeed, Remediation, Vulnerability } from '../model';

export const PRODUCTS = {
  win10_21h2_x64: { id: '11931', name: 'Windows 10 Version 21H2 for x64-based Systems' },
  win10_20h2_x64: { id: '11800', name: 'Windows 10 Version 20H2 for x64-based Systems' },
  win10_22h2_x64: { id: '12097', name: 'Windows 10 Version 22H2 for x64-based Systems' },
  win11_22h2_x64: { id: '12086', name: 'Windows 11 Version 22H2 for x64-based Systems' },
  server2022: { id: '11923', name: 'Windows Server 2022' },
  server2022_core: { id: '11924', name: 'Windows Server 2022 (Server Core installation)' },
  server2012r2: { id: '10483', name: 'Windows Server 2012 R2' },
  server2008r2: { id: '10051', name: 'Windows Server 2008 R2 for x64-based Systems Service Pack 1' },
  outlook2016_x64: { id: '10766', name: 'Microsoft Outlook 2016 (64-bit edition)' },
  outlook2016_x86: { id: '10765', name: 'Microsoft Outlook 2016 (32-bit edition)' },
  office2016_x64: { id: '10754', name: 'Microsoft Office 2016 (64-bit edition)' },
  apps365_x64: { id: '11763', name: 'Microsoft 365 Apps for Enterprise for 64-bit Systems' },
  ltsc2021_x64: { id: '11952', name: 'Microsoft Office LTSC 2021 for 64-bit editions' },
  exchange2019_cu13: { id: '12191', name: 'Microsoft Exchange Server 2019 Cumulative Update 13' },
  exchange2019_cu14: { id: '12293', name: 'Microsoft Exchange Server 2019 Cumulative Update 14' },
  exchange2016_cu23: { id: '12039', name: 'Microsoft Exchange Server 2016 Cumulative Update 23' },
} as const;

type Product = { id: string; name: string };

/** A vendor fix row. `kb` is the bare number as MSRC's Description writes it. */
export function fix(
  products: Product[],
  kb: string | undefined,
  fixedBuild: string | undefined,
  extra: Partial<Remediation> = {},
): Remediation {
  return {
    kind: 'vendor_fix',
    line: 'security_update',
    productIds: products.map((product) => product.id),
    kb: kb === undefined ? undefined : `KB${kb}`,
    fixedBuild,
    ...extra,
  };
}

export function knownIssue(products: Product[], kb: string): Remediation {
  return {
    kind: 'known_issue',
    line: 'other',
    productIds: products.map((product) => product.id),
    kb: `KB${kb}`,
  };
}

export function vuln(
  cve: string,
  remediations: Remediation[],
  extra: Partial<Vulnerability> = {},
): Vulnerability {
  const ids = new Set(remediations.flatMap((remediation) => remediation.productIds));
  return {
    cve,
    severities: [],
    impacts: [],
    cvss: [],
    cwes: [],
    affected: [...ids].map((productId) => ({ productId, ranges: [], status: 'affected' as const })),
    remediations,
    configurations: [],
    references: [],
    publishedAt: new Date('2024-03-12T07:00:00Z'),
    ...extra,
  };
}

export function cvrf(documentId: string, releasedAt: string, vulnerabilities: Vulnerability[]): ParsedFeed {
  return {
    source: 'msrc-cvrf',
    documentId,
    releasedAt: new Date(releasedAt),
    products: Object.values(PRODUCTS).map((product) => ({ id: product.id, name: product.name })),
    vulnerabilities,
    kev: [],
    epss: [],
  };
}

export function kevFeed(entries: Pick<KevEntry, 'cve' | 'dueDate'>[]): ParsedFeed {
  return {
    source: 'kev',
    documentId: 'kev',
    products: [],
    vulnerabilities: [],
    kev: entries.map((entry) => ({
      vendorProject: 'Microsoft',
      product: 'Windows',
      name: '',
      dateAdded: '2024-03-12',
      requiredAction: '',
      shortDescription: '',
      notes: [],
      cwes: [],
      ...entry,
    })),
    epss: [],
  };
}

export function windowsHost(
  hostId: string,
  build: number,
  ubr: number | undefined,
  extra: Partial<NonNullable<HostFacts['os']>> & { hotfixes?: string[] } = {},
): HostFacts {
  const { hotfixes = [], ...os } = extra;
  return {
    hostId,
    os: { build, ubr, architecture: 'x64', installationType: 'Client', ...os },
    hotfixes,
    programs: [],
  };
}
