import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import { BlockBuilder } from '../events/block-builder';
import { insertPackedBlocks, type PackedBlock } from '../events/block-write';
import { recordUnknownSenders, type UnknownSenderHit } from '../events/queries';
import { type ArrivingEvent, publishArrival, publishDurable } from '../events/subscribers';
import { normaliseAddress } from './cidr';
import type { SourceDirectory, SourceInfo } from './source-directory';
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

/** Per block: how many of its events each receiver sent (its `stored` counter moves at the commit). */
type Batch = { builder: BlockBuilder; senders: Map<ReceiverStats, number>; packed?: Promise<PackedBlock> };

/**
 * Receive → parse → block → one transaction → listeners. Each event goes straight into its (unit,
 * source)'s open block as it arrives, and arrival listeners (detection) see it then; events are
 * durable when `flush` resolves. A failed write keeps the blocks and retries, so what waits only grows
 * and receivers push back.
 */
export class IngestPipeline extends EventEmitter {
  /** Open blocks by source (the directory's entry: a reload makes new entries, hence new blocks). */
  private open = new Map<SourceInfo, Batch>();
  private closedBatches: Batch[] = [];
  private waiting = 0;
  private unknown = new Map<string, UnknownSenderHit>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private lastArrival = new Date(0);
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
    return this.waiting >= this.highWater;
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
    const event = parseSyslog(bytes, {
      receivedAt: this.arrivalTime(),
      tzOffsetMinutes: source.tzOffsetMinutes,
    });
    if (event.parseError) stats.raw++;
    // The parsed object becomes the arriving event in place (no copy): it is the hot path.
    const arriving = event as ArrivingEvent;
    arriving.unitId = source.unitId;
    arriving.sourceId = source.id;
    arriving.senderIp = address;
    const batch = this.batchFor(source);
    arriving.block = batch.builder;
    arriving.index = batch.builder.append(arriving);
    batch.senders.set(stats, (batch.senders.get(stats) ?? 0) + 1);
    this.waiting++;
    if (batch.builder.full) {
      // Deflate a full block now, on the pool, while events keep arriving: the flush then waits less.
      this.open.delete(source);
      batch.packed = batch.builder.seal();
      batch.packed.catch(() => {}); // awaited (and its error handled) by writeOnce
      this.closedBatches.push(batch);
    }
    publishArrival(arriving, this.options.log);
    // One flush at a time, started from here only when none runs: a flush() per event while one was
    // writing left thousands of waiting promises alive, for the young-generation collector to copy.
    if (this.waiting < this.batchSize) this.schedule();
    else if (!this.flushing) void this.flush();
    return true;
  }

  /** One Date per millisecond: arrival times are ms-precise, and a Date per event is garbage. */
  private arrivalTime(): Date {
    const now = Date.now();
    if (now !== this.lastArrival.getTime()) this.lastArrival = new Date(now);
    return this.lastArrival;
  }

  private batchFor(source: SourceInfo): Batch {
    let batch = this.open.get(source);
    if (!batch) {
      batch = { builder: new BlockBuilder(source.unitId, source.id), senders: new Map() };
      this.open.set(source, batch);
    }
    return batch;
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
    if (this.waiting === 0 && this.unknown.size === 0) return;
    this.flushing = this.writeOnce().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
    // What arrived during the write: a full batch goes at once, a partial one when its timer fires.
    if (this.waiting >= this.batchSize && !this.flushing) void this.flush();
    else if (this.waiting > 0) this.schedule();
  }

  private async writeOnce(): Promise<void> {
    const batches = this.closedBatches.concat([...this.open.values()]);
    this.closedBatches = [];
    this.open.clear();
    const unknown = [...this.unknown.values()];
    this.unknown.clear();
    try {
      // Sealing (deflate on the libuv pool) happens before the transaction holds the connection; a
      // retried batch keeps what it sealed.
      const blocks = await Promise.all(batches.map((b) => (b.packed ??= b.builder.seal())));
      const ids = await this.options.db.transaction(async (tx) => {
        const ids = await insertPackedBlocks(tx, blocks);
        await recordUnknownSenders(tx, unknown);
        return ids;
      });
      batches.forEach((b, i) => {
        b.builder.id = ids[i];
      });
    } catch (error) {
      // Keep the blocks at the head and let what waits grow: receivers see `overloaded` and push back.
      this.closedBatches.unshift(...batches);
      for (const hit of unknown) if (!this.unknown.has(hit.address)) this.unknown.set(hit.address, hit);
      this.options.log.error({ err: error, blocks: batches.length }, 'storing events failed; retrying');
      await new Promise((r) => setTimeout(r, 500));
      return;
    }
    for (const b of batches) {
      this.waiting -= b.builder.count;
      for (const [stats, n] of b.senders) stats.stored += n;
    }
    this.emit('drain');
    await publishDurable(
      batches.map((b) => b.builder),
      this.options.log,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.waiting > 0 || this.unknown.size > 0 || this.flushing) await this.flush();
  }
}
