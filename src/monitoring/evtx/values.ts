import { Cursor, EvtxError } from './cursor';

/** A decoded BinXML value: strings, numbers (bigints above 2^53 become decimal strings), or null. */
export type Scalar = string | number | boolean | null;

const EPOCH_DIFF_MS = 11_644_473_600_000n;

export function filetimeToIso(ticks: bigint): string {
  const ms = ticks / 10_000n - EPOCH_DIFF_MS;
  const micros = (ticks / 10n) % 1_000_000n;
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return String(ticks);
  return `${date.toISOString().slice(0, 19)}.${micros.toString().padStart(6, '0')}Z`;
}

function guid(b: Buffer): string {
  const h = (s: number, e: number, rev: boolean) => {
    const part = Buffer.from(b.subarray(s, e));
    if (rev) part.reverse();
    return part.toString('hex');
  };
  return `${h(0, 4, true)}-${h(4, 6, true)}-${h(6, 8, true)}-${h(8, 10, false)}-${h(10, 16, false)}`.toUpperCase();
}

function sid(b: Buffer): string {
  if (b.length < 8) throw new EvtxError('SID too short');
  const count = b[1]!;
  if (b.length < 8 + count * 4) throw new EvtxError('SID shorter than its sub-authorities');
  const authority = b.readUIntBE(2, 6);
  const subs = Array.from({ length: count }, (_, i) => b.readUInt32LE(8 + i * 4));
  return `S-${b[0]}-${authority}${subs.map((s) => `-${s}`).join('')}`;
}

function big(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v.toString();
}

function hex(v: bigint | number): string {
  return `0x${v.toString(16)}`;
}

/**
 * Decodes one value of a known size (substitution values carry their size). Types as in the
 * MS-EVEN6 BinXml value types; 0x80 marks an array of the base type.
 */
export function readSizedValue(c: Cursor, type: number, size: number): Scalar | Scalar[] {
  const end = c.pos + size;
  c.need(size);
  const v = new Cursor(c.buf, c.pos, end);
  c.pos = end;
  if (type & 0x80) return readArray(v, type & 0x7f, size);
  switch (type) {
    case 0x00:
      return null;
    case 0x01:
      return v.utf16(Math.floor(size / 2)).replace(/\0+$/, '');
    case 0x02:
      return v.bytes(size).toString('latin1').replace(/\0+$/, '');
    case 0x03:
      return v.bytes(1).readInt8(0);
    case 0x04:
      return v.u8();
    case 0x05:
      return v.bytes(2).readInt16LE(0);
    case 0x06:
      return v.u16();
    case 0x07:
      return v.bytes(4).readInt32LE(0);
    case 0x08:
      return v.u32();
    case 0x09:
      return big(v.bytes(8).readBigInt64LE(0));
    case 0x0a:
      return big(v.u64());
    case 0x0b:
      return v.bytes(4).readFloatLE(0);
    case 0x0c:
      return v.bytes(8).readDoubleLE(0);
    case 0x0d:
      return v.u32() !== 0;
    case 0x0e:
      return v.bytes(size).toString('hex').toUpperCase();
    case 0x0f:
      return guid(v.bytes(16));
    case 0x10:
      return size === 8 ? hex(v.u64()) : hex(v.u32());
    case 0x11:
      return filetimeToIso(v.u64());
    case 0x12: {
      const [y, mo, , d, h, mi, s, ms] = Array.from({ length: 8 }, () => v.u16()) as number[];
      return new Date(Date.UTC(y!, mo! - 1, d, h, mi, s, ms)).toISOString();
    }
    case 0x13:
      return sid(v.bytes(size));
    case 0x14:
      return hex(v.u32());
    case 0x15:
      return hex(v.u64());
    default:
      return v.bytes(size).toString('hex');
  }
}

function readArray(c: Cursor, base: number, size: number): Scalar[] {
  if (base === 0x01) {
    return c
      .utf16(Math.floor(size / 2))
      .split('\0')
      .filter((s, i, all) => s !== '' || i < all.length - 1);
  }
  const width: Record<number, number> = {
    3: 1,
    4: 1,
    5: 2,
    6: 2,
    7: 4,
    8: 4,
    9: 8,
    10: 8,
    11: 4,
    12: 8,
    13: 4,
    15: 16,
    17: 8,
    18: 16,
    20: 4,
    21: 8,
  };
  const w = width[base];
  if (!w) return [c.bytes(size).toString('hex')];
  const out: Scalar[] = [];
  for (let i = 0; i + w <= size && out.length < 65_536; i += w)
    out.push(readSizedValue(c, base, w) as Scalar);
  return out;
}
