import {
  type BlockEncoding,
  cleanText,
  compressBlock,
  encodeBlockText,
  tupleJson,
  WRITE_ENCODING,
} from './block-codec';
import type { EventInsert, PackedBlock } from './block-write';

/** Larger blocks compress a little better but make every search and id lookup decode more. */
export const MAX_BLOCK_EVENTS = 8192;
/** A block lists its distinct hosts / apps (for pruning) up to this many; beyond, it lists none. */
const MAX_LISTED = 32;

// Years 1..9999: what both engines store in timestamptz and JS dates print plainly.
const MIN_TIME = -62_135_596_800_000;
const MAX_TIME = 253_402_300_799_999;
const storable = (d: Date) => d.getTime() >= MIN_TIME && d.getTime() <= MAX_TIME;

// The summary arrays are PostgreSQL text: cleaned as the packed events are (block-codec.ts).
function listed(values: Set<string>): string[] | null {
  return values.size > MAX_LISTED ? null : [...values].map(cleanText);
}

const INITIAL_BYTES = 64 * 1024;
const BACKSLASH_U = Buffer.from('\\u');

/**
 * One open block of one (unit, source), filled event by event as they arrive (the syslog pipeline).
 * Each event is written at once as its JSON tuple into an off-heap buffer, so the parsed event object
 * dies young instead of waiting in a queue until the batch commits: in the pipeline that wait made the
 * young-generation collector copy every pending event and cost ~40 % of the main thread
 * (docs/decisions/016-ingest-events-packed-on-arrival.md). packEvents (HTTP and EVTX batches) packs
 * through it too, so one piece of code writes the tuple JSON; the codec's encodeBlock is its reference.
 */
export class BlockBuilder {
  private bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 1;
  count = 0;
  private minTime = Number.POSITIVE_INFINITY;
  private maxTime = Number.NEGATIVE_INFINITY;
  private minReceived = Number.POSITIVE_INFINITY;
  private maxReceived = Number.NEGATIVE_INFINITY;
  private hosts = new Set<string>();
  private apps = new Set<string>();
  /** The block's row id, known once it is inserted; event ids follow from it (eventId). */
  id: number | undefined;

  constructor(
    readonly unitId: string,
    readonly sourceId: string | null,
    private readonly encoding: BlockEncoding = WRITE_ENCODING,
  ) {
    this.bytes[0] = 0x5b; // [
  }

  get full(): boolean {
    return this.count >= MAX_BLOCK_EVENTS;
  }

  /** Appends one event; returns its index in the block. */
  append(event: EventInsert): number {
    const time = storable(event.time) ? event.time : event.receivedAt;
    const t = time.getTime();
    const rt = event.receivedAt.getTime();
    if (t < this.minTime) this.minTime = t;
    if (t > this.maxTime) this.maxTime = t;
    if (rt < this.minReceived) this.minReceived = rt;
    if (rt > this.maxReceived) this.maxReceived = rt;
    if (event.host !== null && this.hosts.size <= MAX_LISTED) this.hosts.add(event.host);
    if (event.app !== null && this.apps.size <= MAX_LISTED) this.apps.add(event.app);
    const json = tupleJson(event, t, rt);
    // UTF-16 code units become at most 3 UTF-8 bytes; one more for the comma.
    const need = this.length + json.length * 3 + 2;
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    if (this.count > 0) this.bytes[this.length++] = 0x2c; // ,
    this.length += this.bytes.write(json, this.length, 'utf8');
    return this.count++;
  }

  /** Closes the array and compresses it (on the libuv pool); the builder takes no more events. */
  async seal(): Promise<PackedBlock> {
    this.bytes[this.length++] = 0x5d; // ]
    let json: Buffer = this.bytes.subarray(0, this.length);
    // A NUL or lone surrogate can only hide behind a \u escape; the rare block with one is re-encoded.
    if (json.indexOf(BACKSLASH_U) >= 0) json = encodeBlockText(JSON.parse(json.toString('utf8')));
    const block: PackedBlock = {
      unitId: this.unitId,
      sourceId: this.sourceId,
      rows: [],
      count: this.count,
      minTime: new Date(this.minTime),
      maxTime: new Date(this.maxTime),
      minReceivedAt: new Date(this.minReceived),
      maxReceivedAt: new Date(this.maxReceived),
      hosts: listed(this.hosts),
      apps: listed(this.apps),
      encoding: this.encoding,
      data: await compressBlock(json, this.encoding),
    };
    this.bytes = Buffer.alloc(0);
    return block;
  }
}
