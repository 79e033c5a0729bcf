import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { logSources } from '../schema';
import { type Network, networkContains, parseNetwork } from './cidr';

export type SourceInfo = { id: string; unitId: string; name: string; tzOffsetMinutes: number };
type Entry = SourceInfo & { network: Network };

/**
 * The syslog sources in memory, most specific network first, so that resolving a sender costs no
 * query. Reloaded every few seconds and after each change through the sources API (`reload`).
 */
export class SourceDirectory {
  private entries: Entry[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  /** Sender → source, remembered until the next reload (a TCP sender sends thousands of frames). */
  private resolved = new Map<string, SourceInfo | null>();

  constructor(
    private readonly db: Executor,
    private readonly maxAgeMs = 5_000,
  ) {}

  async reload(): Promise<void> {
    const rows = await this.db.select().from(logSources).where(eq(logSources.kind, 'syslog'));
    const entries: Entry[] = [];
    for (const row of rows) {
      const network = row.cidr && row.enabled ? parseNetwork(row.cidr) : null;
      if (network)
        entries.push({
          id: row.id,
          unitId: row.unitId,
          name: row.name,
          tzOffsetMinutes: row.tzOffsetMinutes,
          network,
        });
    }
    entries.sort((a, b) => b.network.prefix - a.network.prefix);
    this.entries = entries;
    this.resolved = new Map();
    this.loadedAt = Date.now();
  }

  /** Reloads when stale; concurrent callers share one reload. */
  async refreshIfStale(): Promise<void> {
    if (Date.now() - this.loadedAt < this.maxAgeMs) return;
    this.loading ??= this.reload().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  resolve(address: string): SourceInfo | null {
    const known = this.resolved.get(address);
    if (known !== undefined) return known;
    let found: SourceInfo | null = null;
    for (const entry of this.entries)
      if (networkContains(entry.network, address)) {
        found = entry;
        break;
      }
    // Bounded: a flood of spoofed UDP senders must not grow memory.
    if (this.resolved.size < 10_000) this.resolved.set(address, found);
    return found;
  }
}
