import type { MatchIndex } from './match/index';
import type { MatchVerdict } from './model';
import { type SeverityLevel, type SlaDays, severityOf, slaDays } from './severity';

/** What a re-match writes for one host × CVE × product (the workflow columns are the database's). */
export type FindingRow = {
  hostId: string;
  unitId: string;
  cve: string;
  productName: string;
  match: 'vulnerable' | 'unknown';
  severity: SeverityLevel;
  cvssScore: number | null;
  exploited: boolean;
  fixKb: string | null;
  fixedBuild: string | null;
  observed: string | null;
  rule: string;
  confidence: 'high' | 'medium' | 'low';
  reason: string | null;
  /** Days from first detection to the due date, under today's policy. */
  dueDays: number;
};

export type MergedInfo = { severity: string | null; cvssScore: number | null; exploited: boolean };

/** What a finding takes from the advisories for one CVE on one product, the same on every host. */
type CveFacts = {
  severity: SeverityLevel;
  cvssScore: number | null;
  exploited: boolean;
  dueDays: number;
  /** The hash lanes of the four values above, for the fingerprint. */
  hash: [number, number];
};

export type RowContext = {
  index: MatchIndex;
  merged: Map<string, MergedInfo>;
  sla: SlaDays;
  /** Per CVE, the earliest deadline of a national alert naming it: it caps the due date. */
  alertDeadlines?: Map<string, string>;
  /** Per CVE and product id: computed once per run, not once per host. */
  memo?: Map<string, Map<string, CveFacts>>;
};

/**
 * One host's verdicts, "fixed" dropped, one per (CVE, product): "vulnerable" beats "unknown". `shape`
 * is the fingerprint without the unit: hosts with the same shape get the same rows, so the rows are
 * built and sent once per shape (docs/decisions/004-findings-by-shape.md).
 */
export type HostVerdicts = {
  verdicts: MatchVerdict[];
  fingerprint: string;
  shape: string;
  vulnerable: number;
};

/** A finding's match-derived columns, the same on every host of a shape. */
export type ShapeRow = Omit<FindingRow, 'hostId' | 'unitId'>;

function cveFacts(context: RowContext, verdict: MatchVerdict): CveFacts {
  context.memo ??= new Map();
  // Two levels keyed by the verdict's own strings: no key string is built per verdict.
  let perProduct = context.memo.get(verdict.cve);
  if (!perProduct) {
    perProduct = new Map();
    context.memo.set(verdict.cve, perProduct);
  }
  const productId = verdict.productId ?? '';
  let facts = perProduct.get(productId);
  if (!facts) {
    const info = context.merged.get(verdict.cve);
    const flags = context.index.exploited(verdict.cve);
    const exploited = Boolean(info?.exploited || flags?.kev || flags?.msrc);
    const severity = severityOf(context.index, verdict, info);
    const dueDays = slaDays(severity, exploited, context.sla);
    const cvssScore = info?.cvssScore ?? null;
    const cap = context.alertDeadlines?.get(verdict.cve) ?? '';
    const hash = hashText(`${severity}\u001f${cvssScore}\u001f${exploited}\u001f${dueDays}\u001f${cap}`);
    facts = { severity, cvssScore, exploited, dueDays, hash };
    perProduct.set(productId, facts);
  }
  return facts;
}

/**
 * Dedupes a host's verdicts and fingerprints everything a re-match would write for it (unit included:
 * a host moved to another unit is rewritten). Equal fingerprints mean the stored findings are right.
 * The fingerprint is a sum of per-row 64-bit hashes (order-free, so no sort) with the row count;
 * no strings are built per row, because this runs for every verdict of every host on every re-match.
 */
export function hostVerdicts(context: RowContext, unitId: string, all: MatchVerdict[]): HostVerdicts {
  return withUnit(unitId, summarise(context, dedupeVerdicts(all)));
}

/** A deduped verdict list with its order-free hash sums (see hostVerdicts). */
export type VerdictSum = { verdicts: MatchVerdict[]; low: number; high: number; vulnerable: number };

/** One verdict per (CVE, product), "fixed" dropped, "vulnerable" over "unknown"; first seen otherwise. */
export function dedupeVerdicts(all: MatchVerdict[]): MatchVerdict[] {
  // Keyed by the CVE string the verdict already holds (no key is built); products per CVE are few.
  const byCve = new Map<string, MatchVerdict[]>();
  for (const verdict of all) {
    if (verdict.status === 'fixed') continue;
    const product = verdict.productName ?? '-';
    const same = byCve.get(verdict.cve);
    if (!same) {
      byCve.set(verdict.cve, [verdict]);
      continue;
    }
    const at = same.findIndex((v) => (v.productName ?? '-') === product);
    if (at < 0) same.push(verdict);
    else if (same[at]?.status === 'unknown' && verdict.status === 'vulnerable') same[at] = verdict;
  }
  const verdicts: MatchVerdict[] = [];
  for (const list of byCve.values()) for (const v of list) verdicts.push(v);
  return verdicts;
}

/** Sums the per-row hashes of deduped verdicts (a sum: order-free, and parts add up). */
export function summarise(context: RowContext, verdicts: MatchVerdict[]): VerdictSum {
  let low = 0;
  let high = 0;
  let vulnerable = 0;
  for (const v of verdicts) {
    if (v.status === 'vulnerable') vulnerable++;
    const f = cveFacts(context, v);
    const h = rowHash(v, f);
    low = (low + h[0]) | 0;
    high = (high + h[1]) | 0;
  }
  return { verdicts, low, high, vulnerable };
}

/** The shape and fingerprint of a summed verdict set. */
export function withUnit(unitId: string, sum: VerdictSum): HostVerdicts {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const shape = `${sum.verdicts.length}:${hex(sum.low)}${hex(sum.high)}`;
  return { verdicts: sum.verdicts, vulnerable: sum.vulnerable, shape, fingerprint: `${unitId}:${shape}` };
}

/** The rows of one shape (a host's deduped verdicts), without host and unit. */
export function shapeRowsOf(context: RowContext, verdicts: MatchVerdict[]): ShapeRow[] {
  return verdicts.map((v) => {
    const f = cveFacts(context, v);
    return {
      cve: v.cve,
      productName: v.productName ?? '-',
      match: v.status === 'vulnerable' ? 'vulnerable' : 'unknown',
      severity: f.severity,
      cvssScore: f.cvssScore,
      exploited: f.exploited,
      fixKb: v.fixKb ?? null,
      fixedBuild: v.fixedBuild ?? null,
      observed: v.observed ?? null,
      rule: v.rule,
      confidence: v.confidence,
      reason: v.reason ?? null,
      dueDays: f.dueDays,
    };
  });
}

/** The rows to write for a host whose fingerprint changed. */
export function findingRowsOf(
  context: RowContext,
  hostId: string,
  unitId: string,
  verdicts: MatchVerdict[],
): FindingRow[] {
  return shapeRowsOf(context, verdicts).map((row) => ({ hostId, unitId, ...row }));
}

const lanes: [number, number] = [0, 0];
/** Field hashes by string: the fields are mostly the index's own strings, hashed once per run. */
const fieldHashes = new Map<string, [number, number]>();
const NONE = '\u0000';

/** Two 32-bit lanes (FNV-1a over each field, combined with different primes), then fmix32. */
function rowHash(v: MatchVerdict, f: CveFacts): [number, number] {
  lanes[0] = 0x811c9dc5;
  lanes[1] = 0x2b992ddf;
  feed(v.cve);
  feed(v.productName ?? '-');
  feed(v.status);
  mix(f.hash);
  feed(v.fixKb ?? NONE);
  feed(v.fixedBuild ?? NONE);
  mix(observedHash(v.observed ?? NONE));
  feed(v.rule);
  feed(v.confidence);
  feed(v.reason ?? NONE);
  lanes[0] = fmix(lanes[0]);
  lanes[1] = fmix(lanes[1]);
  return lanes;
}

function hashText(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2b992ddf;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [fmix(a), fmix(b)];
}

function feed(text: string): void {
  let h = fieldHashes.get(text);
  if (!h) {
    h = hashText(text);
    // Bounded, whatever strings come through.
    if (fieldHashes.size > 100_000) fieldHashes.clear();
    fieldHashes.set(text, h);
  }
  mix(h);
}

/** "observed" is built per verdict but is the same for most verdicts of a host: a one-entry cache. */
let lastObserved = '';
let lastObservedHash: [number, number] = hashText('');
function observedHash(text: string): [number, number] {
  if (text !== lastObserved) {
    lastObserved = text;
    lastObservedHash = hashText(text);
  }
  return lastObservedHash;
}

// Position matters: each field is mixed into the running lanes, not summed.
function mix(h: [number, number]): void {
  lanes[0] = Math.imul(lanes[0] ^ h[0], 0x01000193);
  lanes[1] = Math.imul(lanes[1] ^ h[1], 0x5bd1e995);
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}
