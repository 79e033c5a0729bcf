import type { Ctx } from '../core/context';
import type { Executor } from '../db/client';
import { loadUnitInScope } from '../units/service';
import type { HostFacts } from '../vulns/model';
import {
  type HostRow,
  selectHostsByIds,
  selectHostsUnderPath,
  selectHotfixesByHostIds,
  selectHotfixesUnderPath,
  selectSoftwareByHostIds,
  selectSoftwareUnderPath,
} from './queries';

type SoftwareFact = { hostId: string; name: string; version: string | null; publisher: string | null };
type HotfixFact = { hostId: string; kb: string };

/** Drops undefined keys, so a mapped fact has exactly the keys it knows (HostFacts uses optional keys). */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** One stored host, its programs and hotfixes as the matcher's HostFacts (src/vulns/model.ts). */
export function toHostFacts(host: HostRow, software: SoftwareFact[], hotfixes: HotfixFact[]): HostFacts {
  const facts: HostFacts = {
    hostId: host.id,
    hotfixes: hotfixes.map((h) => h.kb),
    programs: software.map((p) => defined({ name: p.name, version: p.version, publisher: p.publisher })) as {
      name: string;
      version?: string;
      publisher?: string;
    }[],
  };
  if (host.build !== null) {
    facts.os = defined({
      productName: host.productName,
      editionId: host.editionId,
      displayVersion: host.displayVersion,
      build: host.build,
      ubr: host.ubr,
      architecture: host.architecture,
      installationType: host.installationType,
      hotpatch: host.hotpatch,
    }) as NonNullable<HostFacts['os']>;
  }
  const msiFiles = host.officeMsiFiles ?? {};
  const clickToRun = host.officeC2rVersion
    ? (defined({
        version: host.officeC2rVersion,
        channel: host.officeC2rChannel,
        platform: host.officeC2rPlatform,
      }) as { version: string; channel?: string; platform?: string })
    : undefined;
  if (clickToRun || Object.keys(msiFiles).length > 0) {
    facts.office = {
      ...(clickToRun ? { clickToRun } : {}),
      ...(Object.keys(msiFiles).length > 0 ? { msiFiles: { ...msiFiles } } : {}),
    };
  }
  if (host.exchangeVersion) facts.exchange = { version: host.exchangeVersion };
  return facts;
}

function groupByHost<T extends { hostId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.hostId);
    if (list) list.push(row);
    else map.set(row.hostId, [row]);
  }
  return map;
}

function assemble(hostRows: HostRow[], software: SoftwareFact[], hotfixes: HotfixFact[]): HostFacts[] {
  const softwareBy = groupByHost(software);
  const hotfixesBy = groupByHost(hotfixes);
  return hostRows.map((h) => toHostFacts(h, softwareBy.get(h.id) ?? [], hotfixesBy.get(h.id) ?? []));
}

/**
 * The matcher's view of the given hosts, in three queries whatever their number (no per-host query).
 * Unknown ids are skipped; the order follows `hostIds`. No scope check: callers pass ids they may see.
 * `programsNamed` keeps only the programs whose name starts with it (the matcher reads only the
 * "Microsoft Office …" suites: loading 30 programs a host was most of a re-match's read).
 */
export async function hostFacts(
  db: Executor,
  hostIds: string[],
  options: { programsNamed?: string } = {},
): Promise<HostFacts[]> {
  const ids = [...new Set(hostIds)];
  if (ids.length === 0) return [];
  const hostRows = await selectHostsByIds(db, ids);
  const software = await selectSoftwareByHostIds(db, ids, options.programsNamed);
  const hotfixes = await selectHotfixesByHostIds(db, ids);
  const byId = new Map(assemble(hostRows, software, hotfixes).map((f) => [f.hostId, f]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Every host of a unit and the units below it (default: the caller's whole scope), as HostFacts, in
 * three queries joined on the unit path.
 */
export async function loadHostFactsForUnitScope(ctx: Ctx, unitId?: string): Promise<HostFacts[]> {
  const path = unitId ? (await loadUnitInScope(ctx, unitId)).path : ctx.unitPath;
  const hostRows = await selectHostsUnderPath(ctx.db, path);
  const software = await selectSoftwareUnderPath(ctx.db, path);
  const hotfixes = await selectHotfixesUnderPath(ctx.db, path);
  return assemble(hostRows, software, hotfixes);
}
