import { XMLParser } from 'fast-xml-parser';
import { usernameTokenHeader } from '../auth/ws-username-token.js';
import { type HttpReply, httpRequest } from '../io/http.js';
import type { CheckContext } from '../types.js';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  parseTagValue: false,
});

/** Parses XML without ever throwing: malformed or binary input gives undefined. */
export function parseXml(data: Buffer | string): Record<string, unknown> | undefined {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (!/^\s*(<\?xml[^>]*>\s*)?</.test(text.replace(/^\uFEFF/, ''))) return undefined;
  try {
    const out = parser.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return out && typeof out === 'object' ? (out as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** First value under `key` anywhere in the tree (namespace prefixes already removed); depth-limited. */
export function findFirst(node: unknown, key: string, depth = 0): unknown {
  if (!node || typeof node !== 'object' || depth > 24) return undefined;
  const rec = node as Record<string, unknown>;
  if (key in rec) return rec[key];
  for (const v of Object.values(rec)) {
    const hit = findFirst(v, key, depth + 1);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Text of a node whatever its shape (`"x"`, `{ "#text": "x", "@attr": … }`), cut to 256 characters. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim().slice(0, 256);
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node)
    return textOf((node as { '#text': unknown })['#text']);
  return undefined;
}

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
export const TDS = 'http://www.onvif.org/ver10/device/wsdl';

export function soapEnvelope(body: string, security?: string): string {
  const header = security ? `<s:Header>${security}</s:Header>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP}">${header}<s:Body>${body}</s:Body></s:Envelope>`;
}

export type OnvifReply = HttpReply & { xml?: Record<string, unknown>; fault?: string };

/**
 * One ONVIF device-service call. With `cred`, a WS-UsernameToken header (PasswordDigest) is added,
 * its Created shifted by the device clock offset.
 */
export async function onvifCall(
  ctx: CheckContext,
  endpoint: { address: string; port: number; path: string },
  operation: string,
  cred?: { username: string; password: string; clockOffsetMs?: number },
): Promise<OnvifReply> {
  const security = cred
    ? usernameTokenHeader(cred.username, cred.password, cred.clockOffsetMs ?? 0)
    : undefined;
  const body = soapEnvelope(`<${operation} xmlns="${TDS}"/>`, security);
  const reply = await httpRequest(ctx, endpoint.address, endpoint.port, {
    method: 'POST',
    path: endpoint.path,
    headers: { 'Content-Type': `application/soap+xml; charset=utf-8; action="${TDS}/${operation}"` },
    body,
    summary: `ONVIF ${operation}${cred ? ' (WS-UsernameToken)' : ''}`,
  });
  const xml = reply.res ? parseXml(reply.res.body) : undefined;
  const fault = xml ? faultOf(xml) : undefined;
  return { ...reply, xml, fault };
}

function faultOf(xml: Record<string, unknown>): string | undefined {
  const fault = findFirst(xml, 'Fault');
  if (fault === undefined) return undefined;
  const sub = findFirst(fault, 'Subcode');
  return textOf(findFirst(sub ?? fault, 'Value')) ?? 'Fault';
}

/** Device clock minus ours, from a GetSystemDateAndTime reply (0 when it cannot be read). */
export function clockOffset(xml: Record<string, unknown> | undefined, now = Date.now()): number {
  const utc = findFirst(findFirst(xml, 'GetSystemDateAndTimeResponse'), 'UTCDateTime');
  const d = findFirst(utc, 'Date') as Record<string, unknown> | undefined;
  const t = findFirst(utc, 'Time') as Record<string, unknown> | undefined;
  if (!d || !t) return 0;
  const n = (v: unknown) => Number(textOf(v));
  const ms = Date.UTC(n(d.Year), n(d.Month) - 1, n(d.Day), n(t.Hour), n(t.Minute), n(t.Second));
  return Number.isFinite(ms) ? ms - now : 0;
}

/** Manufacturer, model, firmware, serial from a GetDeviceInformationResponse. */
export function deviceInformation(xml: Record<string, unknown> | undefined) {
  const info = findFirst(xml, 'GetDeviceInformationResponse');
  if (!info) return undefined;
  return {
    manufacturer: textOf(findFirst(info, 'Manufacturer')),
    model: textOf(findFirst(info, 'Model')),
    firmware: textOf(findFirst(info, 'FirmwareVersion')),
    serial: textOf(findFirst(info, 'SerialNumber')),
  };
}
