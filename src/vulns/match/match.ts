/**
 * Orchestration: one host against the index, rule by rule (Windows build, Office MSI file, Office C2R
 * channel, Exchange version). Pure and synchronous; the caller persists verdicts and reads exploitation
 * from `index.exploited(cve)` (VULNS.md §0: KEV joins by CVE only).
 */
import type { HostFacts, MatchVerdict } from '../model';
import type { HostContext, MatchOptions } from './build-line';
import { matchExchange } from './exchange';
import type { MatchIndex } from './index';
import { matchOfficeC2r, matchOfficeMsi } from './office';
import { matchWindows } from './windows';

export type { MatchOptions } from './build-line';

const EMPTY_HOTFIXES: ReadonlySet<string> = new Set();

/** "kb5023696" and "5023696" are how some collectors write "KB5023696". */
function hotfixSet(hotfixes: readonly string[]): ReadonlySet<string> {
  if (hotfixes.length === 0) return EMPTY_HOTFIXES;
  const set = new Set<string>();
  for (const raw of hotfixes) {
    const match = /^\s*(?:kb)?(\d+)\s*$/i.exec(raw);
    set.add(match === null ? raw.trim() : `KB${match[1]}`);
  }
  return set;
}

/**
 * Every verdict for one host: 'vulnerable' and 'unknown' always, 'fixed' only with `includeFixed`.
 * A product the loaded advisories do not list gives no verdict (not affected).
 * @example const verdicts = matchHost(buildMatchIndex(feeds), host);
 */
export function matchHost(index: MatchIndex, host: HostFacts, options: MatchOptions = {}): MatchVerdict[] {
  const context: HostContext = {
    hostId: host.hostId,
    hotfixes: hotfixSet(host.hotfixes),
    includeFixed: options.includeFixed === true,
  };
  const out: MatchVerdict[] = [];
  matchWindows(index, host, context, out);
  matchOfficeMsi(index, host, context, out);
  matchOfficeC2r(index, host, context, out);
  matchExchange(index, host, context, out);
  return out;
}

/** Many hosts; verdicts in host order. The index caches per-host-shape work, so reuse one index. */
export function matchHosts(
  index: MatchIndex,
  hosts: Iterable<HostFacts>,
  options: MatchOptions = {},
): MatchVerdict[] {
  const out: MatchVerdict[] = [];
  for (const host of hosts) for (const verdict of matchHost(index, host, options)) out.push(verdict);
  return out;
}
