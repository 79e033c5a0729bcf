/**
 * A re-match's matcher memo by component state (docs/decisions/010-findings-component-memo.md).
 * A host's verdicts are the union of four rules that each read one part of its facts (and its KBs):
 * Windows the OS, Office MSI the MSI files and the Office programs, Click-to-Run its version and
 * channel, Exchange its version. Hosts of an estate share component states (one OS build patched by
 * WSUS, one Click-to-Run build per channel) far more than whole fact sets, so each state is matched,
 * deduped and hashed once per run and reused by every host in that state.
 *
 * Verdicts in the memo are shared between hosts and carry no host id (`hostId` is ''): the re-match
 * writes findings from the host list, never from a verdict's host id.
 */
import { matchHost } from './match/match';
import type { HostFacts, MatchVerdict } from './model';
import {
  dedupeVerdicts,
  type HostVerdicts,
  type RowContext,
  summarise,
  type VerdictSum,
  withUnit,
} from './rematch-rows';

type Part = VerdictSum & { products: ReadonlySet<string> };

const NOTHING: Part = { verdicts: [], low: 0, high: 0, vulnerable: 0, products: new Set() };

/** Past this many states the memo starts again: memory stays bounded on an estate of unique hosts. */
const MAX_STATES = 20_000;

/** The facts each rule reads, alone: matchHost on one of these runs exactly one rule. */
function componentFacts(facts: HostFacts): HostFacts[] {
  const base = { hostId: '', hotfixes: facts.hotfixes, programs: [] };
  const parts: HostFacts[] = [];
  if (facts.os) parts.push({ ...base, os: facts.os });
  if (facts.office?.msiFiles || facts.programs.length > 0)
    parts.push({
      ...base,
      programs: facts.programs,
      ...(facts.office?.msiFiles ? { office: { msiFiles: facts.office.msiFiles } } : {}),
    });
  if (facts.office?.clickToRun) parts.push({ ...base, office: { clickToRun: facts.office.clickToRun } });
  if (facts.exchange) parts.push({ ...base, exchange: facts.exchange });
  return parts;
}

export class ComponentMatcher {
  private readonly memo = new Map<string, Part>();
  /** Component states matched, and those found in the memo (for the bench and the tests). */
  readonly stats = { matched: 0, reused: 0 };

  constructor(private readonly context: RowContext) {}

  /** What hostVerdicts(context, unitId, matchHost(index, facts)) gives, from memoised parts. */
  hostVerdicts(unitId: string, facts: HostFacts): HostVerdicts {
    const parts: Part[] = [];
    for (const component of componentFacts(facts)) {
      const part = this.part(component);
      if (part.verdicts.length > 0) parts.push(part);
    }
    if (parts.length === 0) return withUnit(unitId, NOTHING);
    if (parts.length === 1) return withUnit(unitId, parts[0] as Part);
    if (overlap(parts)) {
      // Two rules named the same product: dedupe across them, as matchHost + hostVerdicts would.
      const all: MatchVerdict[] = [];
      for (const part of parts) for (const v of part.verdicts) all.push(v);
      return withUnit(unitId, summarise(this.context, dedupeVerdicts(all)));
    }
    const verdicts: MatchVerdict[] = [];
    let low = 0;
    let high = 0;
    let vulnerable = 0;
    for (const part of parts) {
      for (const v of part.verdicts) verdicts.push(v);
      low = (low + part.low) | 0;
      high = (high + part.high) | 0;
      vulnerable += part.vulnerable;
    }
    return withUnit(unitId, { verdicts, low, high, vulnerable });
  }

  private part(component: HostFacts): Part {
    // JSON of the whole component (and the KBs): any field a rule reads is in the key.
    const key = JSON.stringify([
      component.os,
      component.office,
      component.exchange,
      component.programs,
      component.hotfixes,
    ]);
    const known = this.memo.get(key);
    if (known) {
      this.stats.reused++;
      return known;
    }
    this.stats.matched++;
    const sum = summarise(this.context, dedupeVerdicts(matchHost(this.context.index, component)));
    const part: Part = { ...sum, products: new Set(sum.verdicts.map((v) => v.productName ?? '-')) };
    if (this.memo.size >= MAX_STATES) this.memo.clear();
    this.memo.set(key, part);
    return part;
  }
}

function overlap(parts: Part[]): boolean {
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++)
      for (const product of (parts[i] as Part).products)
        if ((parts[j] as Part).products.has(product)) return true;
  return false;
}
