export class EvtxError extends Error {}

/** Little-endian reads over one buffer with strict bounds: every overrun is an EvtxError. */
export class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number = buf.length,
  ) {
    if (end > buf.length) throw new EvtxError('region beyond the buffer');
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.end)
      throw new EvtxError(`read of ${n} bytes at ${this.pos} beyond ${this.end}`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  utf16(chars: number): string {
    return this.bytes(chars * 2).toString('utf16le');
  }
}
