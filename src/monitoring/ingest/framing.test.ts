import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './framing';

const text = (frames: { bytes: Buffer }[]) => frames.map((f) => f.bytes.toString());

describe('TCP framing', () => {
  it('mixes octet-counted and LF frames in one stream, detected per frame', () => {
    const d = new FrameDecoder();
    const msg = '<13>1 - h a - - - héllo'; // LEN counts bytes, not characters
    const stream = `${Buffer.byteLength(msg)} ${msg}<13>lf frame\n<14>crlf frame\r\n<15>nul frame\0`;
    expect(text(d.push(Buffer.from(stream)))).toEqual([
      msg,
      '<13>lf frame',
      '<14>crlf frame',
      '<15>nul frame',
    ]);
  });

  it('reassembles frames split at every byte', () => {
    const d = new FrameDecoder();
    const stream = Buffer.from('11 <13>abcdefg<14>second\n5 hello');
    const out: string[] = [];
    for (const byte of stream) out.push(...text(d.push(Buffer.from([byte]))));
    expect(out).toEqual(['<13>abcdefg', '<14>second', 'hello']);
    expect(d.buffered).toBe(0);
  });

  it('keeps an LF inside an octet-counted message', () => {
    const d = new FrameDecoder();
    expect(text(d.push(Buffer.from('9 line1\nl2x<13>next\n')))).toEqual(['line1\nl2x', '<13>next']);
  });

  it('treats digits without a space as an LF frame', () => {
    const d = new FrameDecoder();
    expect(text(d.push(Buffer.from('58: *Mar  1 00:07:49.255: %SYS-5-CONFIG_I: x\n')))).toEqual([
      '58: *Mar  1 00:07:49.255: %SYS-5-CONFIG_I: x',
    ]);
  });

  it('cuts oversize frames of both kinds and resynchronises after them', () => {
    const d = new FrameDecoder(10);
    const frames = d.push(Buffer.from(`30 ${'a'.repeat(30)}<13>ok\n${'b'.repeat(25)}\n<14>ok2\n`));
    expect(frames.map((f) => [f.bytes.toString(), f.oversize])).toEqual([
      ['a'.repeat(10), true],
      ['<13>ok', false],
      ['b'.repeat(10), true],
      ['<14>ok2', false],
    ]);
    const e = new FrameDecoder(10);
    expect(e.push(Buffer.from('c'.repeat(15))).map((f) => f.oversize)).toEqual([true]);
    expect(text(e.push(Buffer.from('ccc\n<13>after\n')))).toEqual(['<13>after']);
    expect(e.buffered).toBe(0);
  });

  it('holds at most one frame while waiting for a huge declared length', () => {
    const d = new FrameDecoder(100);
    expect(d.push(Buffer.from('9999999999 abc'))).toEqual([]);
    expect(d.buffered).toBeLessThan(200);
  });
});
