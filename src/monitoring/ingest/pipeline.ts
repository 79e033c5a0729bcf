import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { StoredEvent } from '../events/model';
import {
  type EventInsert,
  insertBlocks,
  packEvents,
  recordUnknownSenders,
  type UnknownSenderHit,
} from '../events/queries';
import { publishStoredEvents } from '../events/subscribers';
import { normaliseAddress } from './cidr';
import type { SourceDirectory } from './source-directory';
import type { ReceiverStats } from './stats';
import { parseSyslog } from './syslog';
import { decodeLenient } from './text';

export type PipelineOptions = {
  db: Db;
  log: Logger;
  directory: SourceDirectory;
  /** Flush when this many events wait… */
  batchSize?: number;
  /** …or when the oldest has waited this long. */
  flushMs?: number;
  /** Above this many events not yet durable, receivers must stop reading (TCP) or drop (UDP). */
  highWater?: number;
};

type Pending = { row: EventInsert; stats: ReceiverStats };

/**
 * Receive → parse → batch → one transaction → subscribers. Events are durable when `flush` resolves;
 * a failed write keeps the batch and retries, so pending events only grow and receivers push back.
 */
export class IngestPipeline extends EventEmitter {
  private pending: Pending[] = [];
  private unknown = new Map<string, UnknownSenderHit>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  readonly batchSize: number;
  readonly flushMs: number;
  readonly highWater: number;

  constructor(private readonly options: PipelineOptions) {
    super();
    this.batchSize = options.batchSize ?? 2000;
    this.flushMs = options.flushMs ?? 100;
    this.highWater = options.highWater ?? 50_000;
  }

  /** True while the receivers should stop reading: too much is waiting to become durable. */
  get overloaded(): boolean {
    return this.pending.length >= this.highWater;
  }

  /** One syslog record from a sender; false when it was not accepted (unknown sender or overload). */
  submit(bytes: Uint8Array, senderAddress: string, transport: string, stats: ReceiverStats): boolean {
    stats.received++;
    const address = normaliseAddress(senderAddress);
    const source = this.options.directory.resolve(address);
    if (!source) {
      stats.unknownSender++;
      this.countUnknown(address, transport, bytes);
      this.schedule();
      return false;
    }
    const receivedAt = new Date();
    const event = parseSyslog(bytes, { receivedAt, tzOffsetMinutes: source.tzOffsetMinutes });
    if (event.parseError) stats.raw++;
    this.pending.push({
      row: { ...event, unitId: source.unitId, sourceId: source.id, senderIp: address },
      stats,
    });
    if (this.pending.length >= this.batchSize) void this.flush();
    else this.schedule();
    return true;
  }

  private countUnknown(address: string, transport: string, bytes: Uint8Array): void {
    const hit = this.unknown.get(address);
    if (hit) {
      hit.count++;
      hit.at = new Date();
      return;
    }
    if (this.unknown.size >= 10_000) return; // a flood of spoofed UDP senders must not grow memory
    this.unknown.set(address, {
      address,
      transport,
      count: 1,
      at: new Date(),
      lastMessage: decodeLenient(bytes.subarray(0, 500)),
    });
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushMs);
  }

  /** Writes everything pending; resolves when it is durable (or rejects after the pipeline closed). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0 && this.unknown.size === 0) return;
    this.flushing = this.writeOnce().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
    if (this.pending.length > 0) this.schedule();
  }

  private async writeOnce(): Promise<void> {
    const batch = this.pending.splice(0, this.batchSize * 4);
    const unknown = [...this.unknown.values()];
    this.unknown.clear();
    let stored: StoredEvent[];
    try {
      // Packing (JSON + deflate on the libuv pool) happens before the transaction holds the connection.
      const rows = batch.map((p) => p.row);
      const blocks = await packEvents(rows);
      stored = await this.options.db.transaction(async (tx) => {
        const ids = await insertBlocks(tx, blocks, rows.length);
        await recordUnknownSenders(tx, unknown);
        return batch.map((p, i) => ({ ...p.row, id: ids[i]! }));
      });
    } catch (error) {
      // Keep the batch at the head and let pending grow: receivers see `overloaded` and push back.
      this.pending.unshift(...batch);
      for (const hit of unknown) if (!this.unknown.has(hit.address)) this.unknown.set(hit.address, hit);
      this.options.log.error({ err: error, events: batch.length }, 'storing events failed; retrying');
      await new Promise((r) => setTimeout(r, 500));
      return;
    }
    for (const p of batch) p.stats.stored++;
    this.emit('drain');
    await publishStoredEvents(stored, this.options.log);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0 || this.unknown.size > 0 || this.flushing) await this.flush();
  }
}
