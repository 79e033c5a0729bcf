import type { XChild, XNode, XPart } from './binxml';
import type { Scalar } from './values';

export type JsonValue = Scalar | JsonValue[] | { [k: string]: JsonValue };

function textOf(parts: XChild[]): JsonValue {
  const values: JsonValue[] = [];
  for (const p of parts) {
    if (p.kind === 'value') values.push(p.v as JsonValue);
    else if (p.kind === 'nodes') values.push(renderChildren(p.nodes));
  }
  if (values.length === 0) return null;
  if (values.length === 1) return values[0]!;
  return values
    .map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)))
    .join('');
}

function attributes(node: XNode): Record<string, JsonValue> | null {
  if (node.attrs.length === 0) return null;
  const out: Record<string, JsonValue> = {};
  for (const a of node.attrs) out[a.name] = textOf(a.value);
  return out;
}

/** Elements inside a substituted BinXML value are spliced in as if they were written in place. */
function flatChildren(children: XChild[]): XChild[] {
  return children.flatMap((c) =>
    c.kind === 'nodes' && c.nodes.some((n) => n.kind === 'element') ? flatChildren(c.nodes) : [c],
  );
}

function renderNode(node: XNode): JsonValue {
  const attrs = attributes(node);
  const children = flatChildren(node.children);
  const elements = children.filter((c): c is XNode => c.kind === 'element');
  const text = textOf(children.filter((c): c is XPart => c.kind !== 'element'));
  if (elements.length === 0) {
    if (!attrs) return text;
    return text === null ? { '#attributes': attrs } : { '#attributes': attrs, '#text': text };
  }
  const out: Record<string, JsonValue> = attrs ? { '#attributes': attrs } : {};
  Object.assign(out, renderChildren(elements));
  return out;
}

/**
 * Children as an object, the layout of the Rust `evtx` crate that SigmaHQ's regression JSON uses:
 * `#attributes`, `#text`, `<Data Name="X">v</Data>` as `X: v`, repeated names as arrays.
 */
function renderChildren(children: XChild[]): { [k: string]: JsonValue } {
  const out: Record<string, JsonValue> = {};
  const repeated = new Set<string>();
  const put = (key: string, value: JsonValue) => {
    if (!(key in out)) out[key] = value;
    else if (repeated.has(key)) (out[key] as JsonValue[]).push(value);
    else {
      out[key] = [out[key]!, value];
      repeated.add(key);
    }
  };
  for (const child of flatChildren(children)) {
    if (child.kind !== 'element') continue;
    const name = child.attrs.find((a) => a.name === 'Name');
    if (child.name === 'Data' && name && child.attrs.length === 1) {
      put(String(textOf(name.value)), textOf(flatChildren(child.children)));
    } else put(child.name, renderNode(child));
  }
  return out;
}

export function renderRecord(children: XChild[]): { [k: string]: JsonValue } {
  return renderChildren(children);
}
