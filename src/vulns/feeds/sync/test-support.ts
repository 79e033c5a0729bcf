import type { Ctx } from '../../../core/context';
import type { SyncSource } from './contract';
import { loopbackOnly } from './guard';
import type { SyncNetwork } from './run';
import { updateFeedSyncSettings } from './settings';

/** Tests reach loopback only, wait little, and never pause for NVD's rate limit. */
export const TEST_NETWORK: Partial<SyncNetwork> = {
  refuseAddress: loopbackOnly,
  connectTimeoutMs: 2_000,
  readTimeoutMs: 5_000,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  nvdPauseMs: { withKey: 0, withoutKey: 0 },
};

const PATHS: Record<SyncSource, string> = {
  'msrc-cvrf': '/msrc/',
  'msrc-csaf': '/csaf/',
  kev: '/kev.json',
  nvd: '/nvd',
  cve5: '/cve/',
  epss: '/epss.csv.gz',
};

/** Turns sync on with every base URL on the loopback server; only `sources` enabled (default: all). */
export function enableSync(
  ctx: Ctx,
  baseUrl: string,
  sources: SyncSource[] = Object.keys(PATHS) as SyncSource[],
) {
  const entries = (Object.keys(PATHS) as SyncSource[]).map((s) => [
    s,
    { enabled: sources.includes(s), baseUrl: `${baseUrl}${PATHS[s]}` },
  ]);
  return updateFeedSyncSettings(ctx, { enabled: true, sources: Object.fromEntries(entries) });
}
