/**
 * Windows: the MSRC product title is derived from the build number, never from ProductName or
 * DisplayVersion (VULNS.md §4.2: Windows 11 still writes "Windows 10 …", and "22H2" exists for both), then
 * the build rule decides on the host's base build only.
 */
import type { HostFacts, MatchVerdict } from '../model';
import { type HostContext, matchBuildLine } from './build-line';
import type { MatchIndex } from './index';
import { normalizeProductName } from './product-key';

type WindowsOs = NonNullable<HostFacts['os']>;

/** Client builds → MSRC title stem. 10240 is the original release ("Windows 10 for x64-based Systems"). */
const CLIENT_BUILDS: Record<number, string> = {
  7601: 'Windows 7',
  9600: 'Windows 8.1',
  10240: 'Windows 10',
  14393: 'Windows 10 Version 1607',
  17763: 'Windows 10 Version 1809',
  19041: 'Windows 10 Version 2004',
  19042: 'Windows 10 Version 20H2',
  19043: 'Windows 10 Version 21H1',
  19044: 'Windows 10 Version 21H2',
  19045: 'Windows 10 Version 22H2',
  22000: 'Windows 11 Version 21H2',
  22621: 'Windows 11 Version 22H2',
  22631: 'Windows 11 Version 23H2',
  26100: 'Windows 11 Version 24H2',
};

/** Server builds → MSRC title stem; 2008/2008 R2 titles carry architecture and service pack. */
const SERVER_BUILDS: Record<number, string> = {
  6003: 'Windows Server 2008',
  7601: 'Windows Server 2008 R2',
  9200: 'Windows Server 2012',
  9600: 'Windows Server 2012 R2',
  14393: 'Windows Server 2016',
  17763: 'Windows Server 2019',
  20348: 'Windows Server 2022',
  25398: 'Windows Server 2022, 23H2 Edition',
  26100: 'Windows Server 2025',
};

const ARCH_SUFFIX: Record<string, string> = {
  x64: 'for x64-based Systems',
  amd64: 'for x64-based Systems',
  '64-bit': 'for x64-based Systems',
  x86: 'for 32-bit Systems',
  '32-bit': 'for 32-bit Systems',
  arm64: 'for ARM64-based Systems',
};

function isServer(os: WindowsOs): boolean {
  const type = os.installationType?.toLowerCase();
  if (type !== undefined) return type.startsWith('server');
  // No installation type: the product name is the only hint (Windows 11 never says "Server").
  return /\bserver\b/i.test(os.productName ?? '');
}

export type WindowsProduct = { name: string } | { reason: string };

/**
 * The MSRC product title for a Windows host, or why it cannot be named. A missing architecture is read as
 * x64 (the norm for the estate); 2012 and later server titles carry no architecture.
 * @example windowsProductName({ build: 22621, productName: 'Windows 10 Pro', architecture: 'x64' });
 * // { name: 'Windows 11 Version 22H2 for x64-based Systems' }
 */
export function windowsProductName(os: WindowsOs): WindowsProduct {
  const server = isServer(os);
  const arch = ARCH_SUFFIX[(os.architecture ?? 'x64').toLowerCase()];
  if (arch === undefined) return { reason: `unknown architecture "${os.architecture}"` };
  const core = os.installationType?.toLowerCase() === 'server core' ? ' (Server Core installation)' : '';
  if (server) {
    const stem = SERVER_BUILDS[os.build];
    if (stem === undefined) return { reason: `no Windows Server release known for build ${os.build}` };
    if (os.build === 6003) return { name: `${stem} ${arch} Service Pack 2${core}` };
    if (os.build === 7601) return { name: `${stem} ${arch} Service Pack 1${core}` };
    return { name: `${stem}${core}` };
  }
  // Build ≥ 22000 is Windows 11 whatever ProductName says (§4.2); the table already encodes it.
  const stem = CLIENT_BUILDS[os.build];
  if (stem === undefined) return { reason: `no Windows client release known for build ${os.build}` };
  if (os.build === 7601) return { name: `${stem} ${arch} Service Pack 1` };
  return { name: `${stem} ${arch}` };
}

/** The NT major.minor the FixedBuilds use for a build (6.3.9600.x, 10.0.19045.x), for the evidence text. */
function ntVersion(build: number): string {
  if (build >= 10240) return '10.0';
  if (build >= 9600) return '6.3';
  if (build >= 9200) return '6.2';
  return build >= 7600 ? '6.1' : '6.0';
}

/** Pushes the Windows verdicts of one host. No OS or an OS the advisory does not list → nothing. */
export function matchWindows(
  index: MatchIndex,
  facts: HostFacts,
  host: HostContext,
  out: MatchVerdict[],
): void {
  const os = facts.os;
  if (os === undefined) return;
  const product = windowsProductName(os);
  if ('reason' in product) return;
  const entry = index.products.get(normalizeProductName(product.name));
  if (entry === undefined) return;
  const observed = `${ntVersion(os.build)}.${os.build}.${os.ubr ?? '?'}`;
  matchBuildLine(
    index,
    host,
    {
      product: entry,
      base: os.build,
      revision: os.ubr,
      // The hotpatch line counts only for enrolled hosts; others are judged by the regular line (§4.3).
      hotpatch: os.hotpatch === true,
      observed,
      rule: 'windows-build',
      noun: 'base build',
      missingRevisionReason:
        'the host did not report its UBR (update build revision), so the build cannot be compared',
    },
    out,
  );
}
