import { Cursor, EvtxError } from './cursor';
import { readSizedValue, type Scalar } from './values';

export type XPart =
  | { kind: 'value'; v: Scalar | Scalar[] }
  | { kind: 'sub'; id: number; optional: boolean }
  | { kind: 'nodes'; nodes: XChild[] };
export type XAttr = { name: string; value: XPart[] };
export type XNode = { kind: 'element'; name: string; attrs: XAttr[]; children: XChild[] };
export type XChild = XNode | XPart;

type SubValue = { type: number; start: number; size: number };
const MAX_DEPTH = 48;

/**
 * BinXML of one chunk (MS-EVEN6 §3.1.4.7): names and template definitions are chunk offsets, so
 * they are cached per chunk. Every read is bounded by the region it belongs to; recursion is capped.
 */
export class ChunkXml {
  private names = new Map<number, string>();
  private templates = new Map<number, XChild[]>();
  private budget = 0;

  constructor(
    readonly buf: Buffer,
    readonly chunkStart: number,
    readonly chunkEnd: number,
  ) {}

  /** Parses one record's BinXML (region [start, end) of the chunk) into its instantiated tree. */
  record(start: number, end: number): XChild[] {
    this.budget = 200_000;
    return this.fragment(new Cursor(this.buf, start, end), 0, false);
  }

  private tick(): void {
    if (--this.budget < 0) throw new EvtxError('record expands beyond the node budget');
  }

  private name(c: Cursor): string {
    const offset = c.u32();
    const here = c.pos - this.chunkStart;
    let name = this.names.get(offset);
    if (name === undefined) {
      const n = new Cursor(this.buf, this.chunkStart + offset, this.chunkEnd);
      n.pos += 6; // next-string offset, hash
      name = n.utf16(n.u16());
      this.names.set(offset, name);
    }
    // A name defined right here is inline: step over it (offset, hash, count, chars, NUL).
    if (offset === here) c.pos += 4 + 2 + 2 + name.length * 2 + 2;
    return name;
  }

  private fragment(c: Cursor, depth: number, inSub: boolean): XChild[] {
    if (depth > MAX_DEPTH) throw new EvtxError('BinXML nested too deeply');
    const out: XChild[] = [];
    while (c.pos < c.end) {
      const token = c.buf[c.pos]!;
      if (token === 0x00) {
        c.pos++;
        break;
      }
      if (token === 0x0f) {
        c.pos += 4;
        continue;
      }
      if (token === 0x0c) {
        c.pos++;
        out.push(...this.templateInstance(c, depth));
        continue;
      }
      if ((token & 0x1f) === 0x01) {
        out.push(this.element(c, depth, inSub));
        continue;
      }
      const part = this.part(c, depth);
      if (!part) throw new EvtxError(`unexpected BinXML token 0x${token.toString(16)} at ${c.pos}`);
      out.push(part);
    }
    return out;
  }

  /** A value-like token (text, substitution, char/entity ref, CDATA); null when the next token is not one. */
  private part(c: Cursor, _depth: number): XPart | null {
    const token = c.buf[c.pos]! & 0x1f;
    if (token === 0x05) {
      c.pos++;
      const type = c.u8();
      if (type !== 0x01) throw new EvtxError(`inline value of type ${type}`);
      return { kind: 'value', v: c.utf16(c.u16()) };
    }
    if (token === 0x0d || token === 0x0e) {
      c.pos++;
      const id = c.u16();
      c.u8();
      return { kind: 'sub', id, optional: token === 0x0e };
    }
    if (token === 0x07) {
      c.pos++;
      return { kind: 'value', v: c.utf16(c.u16()) };
    }
    if (token === 0x08) {
      c.pos++;
      return { kind: 'value', v: String.fromCharCode(c.u16()) };
    }
    if (token === 0x09) {
      c.pos++;
      const entity = this.name(c);
      const known: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      return { kind: 'value', v: known[entity] ?? `&${entity};` };
    }
    if (token === 0x0a || token === 0x0b) {
      c.pos++;
      if (token === 0x0a) this.name(c);
      else c.utf16(c.u16());
      return { kind: 'value', v: null };
    }
    return null;
  }

  private element(c: Cursor, depth: number, inSub: boolean): XNode {
    this.tick();
    const hasAttrs = (c.u8() & 0x40) !== 0;
    if (!inSub) c.u16(); // dependency identifier, absent inside substitution values
    const size = c.u32();
    const end = c.pos + size;
    if (end > c.end) throw new EvtxError('element longer than its region');
    const name = this.name(c);
    const node: XNode = { kind: 'element', name, attrs: [], children: [] };
    if (hasAttrs) c.u32();
    while ((c.buf[c.pos]! & 0x1f) === 0x06) {
      c.pos++;
      const attr: XAttr = { name: this.name(c), value: [] };
      for (let p = this.part(c, depth); p; p = this.peekPart(c) ? this.part(c, depth) : null)
        attr.value.push(p);
      node.attrs.push(attr);
    }
    const close = c.u8();
    if (close === 0x03) return node;
    if (close !== 0x02)
      throw new EvtxError(`element ${name}: expected close-start, got 0x${close.toString(16)}`);
    for (;;) {
      c.need(1);
      const token = c.buf[c.pos]!;
      if (token === 0x04) {
        c.pos++;
        return node;
      }
      if ((token & 0x1f) === 0x01) node.children.push(this.element(c, depth + 1, inSub));
      else if (token === 0x0c) {
        c.pos++;
        node.children.push(...this.templateInstance(c, depth + 1));
      } else {
        const part = this.part(c, depth);
        if (!part) throw new EvtxError(`element ${name}: unexpected token 0x${token.toString(16)}`);
        node.children.push(part);
      }
    }
  }

  private peekPart(c: Cursor): boolean {
    if (c.pos >= c.end) return false;
    const t = c.buf[c.pos]! & 0x1f;
    return t === 0x05 || t === 0x0d || t === 0x0e || t === 0x08 || t === 0x09;
  }

  private templateInstance(c: Cursor, depth: number): XChild[] {
    c.u8();
    c.u32(); // template id
    const defOffset = c.u32();
    if (defOffset === c.pos - this.chunkStart) {
      c.pos += 20;
      const size = c.u32(); // read first: `c.pos += c.u32()` would add to the old position
      c.pos += size;
    }
    const template = this.template(defOffset, depth);
    const count = c.u32();
    if (count > 4096) throw new EvtxError(`template instance with ${count} substitutions`);
    const descriptors = Array.from({ length: count }, () => {
      const size = c.u16();
      const type = c.u8();
      c.u8();
      return { size, type };
    });
    const values: SubValue[] = descriptors.map((d) => {
      const start = c.pos;
      c.need(d.size);
      c.pos += d.size;
      return { type: d.type, start, size: d.size };
    });
    return this.instantiate(template, values, depth);
  }

  private template(defOffset: number, depth: number): XChild[] {
    const cached = this.templates.get(defOffset);
    if (cached) return cached;
    const d = new Cursor(this.buf, this.chunkStart + defOffset, this.chunkEnd);
    d.pos += 20;
    const size = d.u32();
    d.need(size);
    const body = this.fragment(new Cursor(this.buf, d.pos, d.pos + size), depth + 1, false);
    this.templates.set(defOffset, body);
    return body;
  }

  private substitute(part: XPart, values: SubValue[], depth: number): XPart | null {
    if (part.kind !== 'sub') return part;
    const value = values[part.id];
    if (!value || value.type === 0x00 || (part.optional && value.size === 0)) return null;
    if (value.type === 0x21) {
      const nodes = this.fragment(
        new Cursor(this.buf, value.start, value.start + value.size),
        depth + 1,
        true,
      );
      return { kind: 'nodes', nodes };
    }
    return {
      kind: 'value',
      v: readSizedValue(new Cursor(this.buf, value.start, value.start + value.size), value.type, value.size),
    };
  }

  private instantiate(children: XChild[], values: SubValue[], depth: number): XChild[] {
    const out: XChild[] = [];
    for (const child of children) {
      this.tick();
      if (child.kind !== 'element') {
        const part = this.substitute(child, values, depth);
        if (part) out.push(part);
        continue;
      }
      const attrs: XAttr[] = [];
      for (const attr of child.attrs) {
        const value = attr.value
          .map((p) => this.substitute(p, values, depth))
          .filter((p): p is XPart => p !== null);
        if (value.length > 0 || attr.value.every((p) => p.kind !== 'sub'))
          attrs.push({ name: attr.name, value });
      }
      out.push({
        kind: 'element',
        name: child.name,
        attrs,
        children: this.instantiate(child.children, values, depth),
      });
    }
    return out;
  }
}
