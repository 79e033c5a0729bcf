/**
 * RFC 6587 framing over TCP/TLS, detected per frame: a frame that starts with a digit is octet
 * counted (`LEN SP MSG`, LEN in bytes), anything else ends at LF (or NUL; a CR before LF is
 * dropped). Frames may arrive split across any number of chunks. A frame over `maxFrame` bytes is
 * cut to its first `maxFrame` bytes (marked oversize) and the rest of it is skipped.
 */
export type Frame = {
  /**
   * A view of the received bytes, not a copy (a copy per frame was measurable garbage on the ingest hot
   * path): a consumer that keeps it past the call must copy it, as parseSyslog does with the raw bytes.
   */
  bytes: Buffer;
  oversize: boolean;
};

export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes still to skip of an oversize octet-counted frame. */
  private skipBytes = 0;
  /** Skipping the rest of an oversize LF frame, up to its LF. */
  private skipToLf = false;

  constructor(private readonly maxFrame = 64 * 1024) {}

  push(chunk: Buffer): Frame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Frame[] = [];
    let pos = 0;
    const buf = this.buffer;
    while (pos < buf.length) {
      if (this.skipBytes > 0) {
        const n = Math.min(this.skipBytes, buf.length - pos);
        this.skipBytes -= n;
        pos += n;
        continue;
      }
      if (this.skipToLf) {
        const lf = indexOfEnd(buf, pos);
        if (lf < 0) {
          pos = buf.length;
          break;
        }
        this.skipToLf = false;
        pos = lf + 1;
        continue;
      }
      const c = buf[pos]!;
      if (c === 0x0a || c === 0x0d || c === 0x00 || c === 0x20) {
        pos++; // stray separators between frames
        continue;
      }
      const next =
        c >= 0x30 && c <= 0x39 ? this.octetFrame(buf, pos, frames) : this.lfFrame(buf, pos, frames);
      if (next < 0) break;
      pos = next;
    }
    this.buffer = pos >= buf.length ? Buffer.alloc(0) : buf.subarray(pos);
    if (this.buffer.length > 0 && pos > 0) this.buffer = Buffer.from(this.buffer); // let the big chunk go
    return frames;
  }

  /** Returns the position after the frame, or -1 when more bytes are needed. */
  private octetFrame(buf: Buffer, pos: number, frames: Frame[]): number {
    let i = pos;
    while (i < buf.length && i - pos < 10 && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i >= buf.length) return i - pos >= 10 ? this.lfFrame(buf, pos, frames) : -1;
    // Digits not followed by a space: a non-transparent frame that begins with a digit.
    if (buf[i] !== 0x20) return this.lfFrame(buf, pos, frames);
    const length = Number(buf.toString('latin1', pos, i));
    const start = i + 1;
    if (length > this.maxFrame) {
      const available = Math.min(buf.length - start, this.maxFrame);
      if (available < this.maxFrame) return -1;
      frames.push({ bytes: buf.subarray(start, start + this.maxFrame), oversize: true });
      this.skipBytes = length - this.maxFrame;
      return start + this.maxFrame;
    }
    if (buf.length - start < length) return -1;
    frames.push({ bytes: buf.subarray(start, start + length), oversize: false });
    return start + length;
  }

  private lfFrame(buf: Buffer, pos: number, frames: Frame[]): number {
    const end = indexOfEnd(buf, pos);
    if (end < 0) {
      if (buf.length - pos <= this.maxFrame) return -1;
      frames.push({ bytes: buf.subarray(pos, pos + this.maxFrame), oversize: true });
      this.skipToLf = true;
      return pos + this.maxFrame;
    }
    if (end - pos > this.maxFrame) {
      frames.push({ bytes: buf.subarray(pos, pos + this.maxFrame), oversize: true });
      return end + 1;
    }
    const stop = end > pos && buf[end - 1] === 0x0d ? end - 1 : end;
    frames.push({ bytes: buf.subarray(pos, stop), oversize: false });
    return end + 1;
  }

  /** Bytes held for an incomplete frame (bounded by maxFrame plus one chunk). */
  get buffered(): number {
    return this.buffer.length;
  }
}

function indexOfEnd(buf: Buffer, from: number): number {
  const lf = buf.indexOf(0x0a, from);
  const nul = buf.indexOf(0x00, from);
  if (lf < 0) return nul;
  if (nul < 0) return lf;
  return Math.min(lf, nul);
}
