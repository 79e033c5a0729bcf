/**
 * Typed version comparators (VULNS.md §4.9): dotted-numeric, Windows build, rpm, semver and vendor
 * firmware with date suffixes. Never string order. Every comparator answers -1/0/1 or `undefined` when it
 * cannot decide; "cannot decide" must never turn into "equal" (a wrong 0 reads as "fixed").
 */
import type { VersionRange } from './model';

export type Comparison = -1 | 0 | 1;

/** Schemes the dispatcher knows; CVE 5 `versionType` values ("custom", "semver", "rpm") map onto them. */
export type VersionScheme = 'dotted' | 'windows' | 'exchange' | 'rpm' | 'semver' | 'firmware';

const DOTTED = /^\d+(?:\.\d+)*$/;

function sign(value: number): Comparison {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/**
 * Numeric components of a dotted version; zero padding is insignificant (Exchange "15.02.2562.037",
 * VULNS.md §4.6). Anything non-numeric (letters, "xxx", empty parts) is refused.
 * @example parseDotted('15.02.2562.037'); // [15, 2, 2562, 37]
 */
export function parseDotted(version: string): number[] | undefined {
  const text = version.trim();
  if (!DOTTED.test(text)) return undefined;
  const parts = text.split('.').map(Number);
  return parts.every(Number.isSafeInteger) ? parts : undefined;
}

/** Compares already parsed components; missing trailing parts count as 0 ("10.0" = "10.0.0.0"). */
export function compareParts(a: readonly number[], b: readonly number[]): Comparison {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return sign(difference);
  }
  return 0;
}

/** @example compareDotted('15.02.2562.037', '15.2.2562.37'); // 0 */
export function compareDotted(a: string, b: string): Comparison | undefined {
  const left = parseDotted(a);
  const right = parseDotted(b);
  return left === undefined || right === undefined ? undefined : compareParts(left, right);
}

export type WindowsBuild = { major: number; minor: number; build: number; ubr: number };

/**
 * A Windows FixedBuild / OS version: exactly four numeric parts. Three-part builds ("17.9.6"), URLs and
 * placeholders ("124.0.6367.xxx") are not Windows builds and are never compared (VULNS.md §2.1).
 * @example parseWindowsBuild('10.0.19045.2728'); // { major: 10, minor: 0, build: 19045, ubr: 2728 }
 */
export function parseWindowsBuild(version: string): WindowsBuild | undefined {
  const parts = parseDotted(version);
  if (parts?.length !== 4) return undefined;
  const [major, minor, build, ubr] = parts as [number, number, number, number];
  return { major, minor, build, ubr };
}

// ---- rpm (CBL-Mariner "1.2.3-4", VULNS.md §2.1) ---------------------------------------------------

const RPM_ALLOWED = /^[A-Za-z0-9._+~^:-]+$/;

type Evr = { epoch: number; version: string; release?: string };

function parseEvr(text: string): Evr | undefined {
  const value = text.trim();
  if (value === '' || !RPM_ALLOWED.test(value)) return undefined;
  const colon = value.indexOf(':');
  let epoch = 0;
  let rest = value;
  if (colon !== -1) {
    const epochText = value.slice(0, colon);
    if (!/^\d+$/.test(epochText)) return undefined;
    epoch = Number(epochText);
    rest = value.slice(colon + 1);
  }
  if (rest.includes(':')) return undefined;
  const dash = rest.lastIndexOf('-');
  const version = dash === -1 ? rest : rest.slice(0, dash);
  const release = dash === -1 ? undefined : rest.slice(dash + 1);
  if (version === '' || release === '') return undefined;
  return { epoch, version, release };
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
const isAlpha = (char: string | undefined) =>
  char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z'));
const isAlnum = (char: string | undefined) => isDigit(char) || isAlpha(char);

function takeWhile(text: string, from: number, test: (char: string | undefined) => boolean): string {
  let end = from;
  while (end < text.length && test(text[end])) end++;
  return text.slice(from, end);
}

/**
 * rpmvercmp (rpm ≥ 4.15): alternating digit / alpha segments, separators ignored, numeric segments
 * beat alpha ones, "~" sorts before anything (pre-releases), "^" after the base but before more segments.
 */
export function rpmVersionCompare(a: string, b: string): Comparison {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    const left = takeWhile(a, i, test);
    const right = takeWhile(b, j, test);
    i += left.length;
    j += right.length;
    // One side numeric, the other alpha: rpm calls the numeric one newer.
    if (right === '') return numeric ? 1 : -1;
    if (numeric) {
      const l = left.replace(/^0+/, '');
      const r = right.replace(/^0+/, '');
      if (l.length !== r.length) return sign(l.length - r.length);
      if (l !== r) return l < r ? -1 : 1;
    } else if (left !== right) {
      return left < right ? -1 : 1;
    }
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * epoch:version-release. The release is compared only when both sides have one (rpm's rule).
 * @example compareRpm('1:1.0-1', '2.0-1'); // 1
 */
export function compareRpm(a: string, b: string): Comparison | undefined {
  const left = parseEvr(a);
  const right = parseEvr(b);
  if (left === undefined || right === undefined) return undefined;
  if (left.epoch !== right.epoch) return sign(left.epoch - right.epoch);
  const version = rpmVersionCompare(left.version, right.version);
  if (version !== 0 || left.release === undefined || right.release === undefined) return version;
  return rpmVersionCompare(left.release, right.release);
}

// ---- semver 2.0 -------------------------------------------------------------------------------------

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Semver 2.0 precedence (build metadata ignored, pre-release lower than release). */
export function compareSemver(a: string, b: string): Comparison | undefined {
  const left = SEMVER.exec(a.trim());
  const right = SEMVER.exec(b.trim());
  if (left === null || right === null) return undefined;
  const core = compareParts(left.slice(1, 4).map(Number), right.slice(1, 4).map(Number));
  if (core !== 0) return core;
  const lp = left[4];
  const rp = right[4];
  if (lp === undefined || rp === undefined) return lp === rp ? 0 : lp === undefined ? 1 : -1;
  const lIds = lp.split('.');
  const rIds = rp.split('.');
  for (let index = 0; index < Math.max(lIds.length, rIds.length); index++) {
    const l = lIds[index];
    const r = rIds[index];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    const ln = /^\d+$/.test(l);
    const rn = /^\d+$/.test(r);
    if (ln && rn && Number(l) !== Number(r)) return sign(Number(l) - Number(r));
    if (ln !== rn) return ln ? -1 : 1;
    if (!ln && l !== r) return l < r ? -1 : 1;
  }
  return 0;
}

// ---- vendor firmware with date suffixes (VULNS.md §4.9) -------------------------------------------

type Firmware = { parts: number[]; tag?: string; date?: number };

/**
 * Dahua "2.820.0000000.5.r.210705" (numbers, a one-letter tag, a YYMMDD date) and Hikvision
 * "V5.5.0 build 210702" (numbers, "build" and a date). Anything else is refused.
 */
function parseFirmware(version: string): Firmware | undefined {
  const text = version.trim().replace(/^v(?=\d)/i, '');
  const dahua = /^(\d+(?:\.\d+)*)\.([a-z])\.(\d{6})$/i.exec(text);
  if (dahua !== null) {
    const parts = parseDotted(dahua[1] ?? '');
    return parts && { parts, tag: dahua[2]?.toLowerCase(), date: Number(dahua[3]) };
  }
  const hikvision = /^(\d+(?:\.\d+)*)(?:[\s_]*,?[\s_]*build[\s_]*(\d{6}))?$/i.exec(text);
  if (hikvision !== null) {
    const parts = parseDotted(hikvision[1] ?? '');
    return parts && { parts, date: hikvision[2] === undefined ? undefined : Number(hikvision[2]) };
  }
  return undefined;
}

/**
 * Best effort: the numeric part decides; on a tie the build dates decide when both have one. A missing
 * date on one side or different release tags (Dahua "r" vs "t") is undecidable.
 * @example compareVendorFirmware('V5.5.0 build 210702', 'V5.5.0 build 200101'); // 1
 */
export function compareVendorFirmware(a: string, b: string): Comparison | undefined {
  const left = parseFirmware(a);
  const right = parseFirmware(b);
  if (left === undefined || right === undefined) return undefined;
  const numbers = compareParts(left.parts, right.parts);
  if (numbers !== 0) return numbers;
  if (left.tag !== right.tag) return undefined;
  if (left.date === undefined && right.date === undefined) return 0;
  if (left.date === undefined || right.date === undefined) return undefined;
  return sign(left.date - right.date);
}

// ---- dispatch ---------------------------------------------------------------------------------------

const SCHEME_ALIASES: Record<string, VersionScheme> = {
  dotted: 'dotted',
  custom: 'dotted',
  msi: 'dotted',
  windows: 'windows',
  exchange: 'exchange',
  rpm: 'rpm',
  semver: 'semver',
  firmware: 'firmware',
  dahua: 'firmware',
  hikvision: 'firmware',
};

/** A scheme name from a source ("custom", "semver"…) to a known scheme, or undefined. */
export function schemeOf(name: string | undefined): VersionScheme | undefined {
  return name === undefined ? undefined : SCHEME_ALIASES[name.trim().toLowerCase()];
}

/**
 * Dispatches by scheme. An unknown scheme or an unparseable side gives undefined, never 0.
 * @example compareVersions('10.0.19045.2673', '10.0.19045.2728', 'windows'); // -1
 */
export function compareVersions(a: string, b: string, scheme: string | undefined): Comparison | undefined {
  switch (schemeOf(scheme)) {
    case 'dotted':
    case 'exchange':
      return compareDotted(a, b);
    case 'windows': {
      const left = parseWindowsBuild(a);
      const right = parseWindowsBuild(b);
      if (left === undefined || right === undefined) return undefined;
      return compareParts(
        [left.major, left.minor, left.build, left.ubr],
        [right.major, right.minor, right.build, right.ubr],
      );
    }
    case 'rpm':
      return compareRpm(a, b);
    case 'semver':
      return compareSemver(a, b);
    case 'firmware':
      return compareVendorFirmware(a, b);
    default:
      return undefined;
  }
}

/**
 * OSV-style range test: affected from `introduced` (inclusive, "0" = from the start) until `fixed`
 * (exclusive) or through `lastAffected`; `exact` for one version. A definite "outside" on any bound wins;
 * otherwise any undecidable bound gives undefined. A range with no bound at all is undecidable.
 */
export function inRange(version: string, range: VersionRange, scheme = range.scheme): boolean | undefined {
  const compare = (other: string) => compareVersions(version, other, scheme);
  if (compare(version) === undefined) return undefined;
  const checks: (boolean | undefined)[] = [];
  if (range.exact !== undefined) {
    const result = compare(range.exact);
    checks.push(result === undefined ? undefined : result === 0);
  }
  if (range.introduced !== undefined && range.introduced !== '0') {
    const result = compare(range.introduced);
    checks.push(result === undefined ? undefined : result >= 0);
  }
  if (range.fixed !== undefined) {
    const result = compare(range.fixed);
    checks.push(result === undefined ? undefined : result < 0);
  }
  if (range.lastAffected !== undefined) {
    const result = compare(range.lastAffected);
    checks.push(result === undefined ? undefined : result <= 0);
  }
  if (checks.includes(false)) return false;
  if (checks.length === 0 && range.introduced !== '0') return undefined;
  return checks.includes(undefined) ? undefined : true;
}
