import { randomUUID } from 'node:crypto';
import { findFirst, parseXml, textOf } from './soap.js';

const D = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
const WSA = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';

/**
 * A WS-Discovery Probe (2005/04 draft). The `dn`/`tds` prefix is declared on the Types element itself,
 * where it is used: some cameras ignore a probe whose prefix is declared elsewhere (openHAB#9022).
 */
export function probeMessage(kind: 'nvt' | 'device' | 'any', messageId = `urn:uuid:${randomUUID()}`): string {
  const types =
    kind === 'nvt'
      ? '<d:Types xmlns:dn="http://www.onvif.org/ver10/network/wsdl">dn:NetworkVideoTransmitter</d:Types>'
      : kind === 'device'
        ? '<d:Types xmlns:tds="http://www.onvif.org/ver10/device/wsdl">tds:Device</d:Types>'
        : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="${WSA}" xmlns:d="${D}">` +
    `<s:Header><a:MessageID>${messageId}</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>` +
    `<a:Action>${D}/Probe</a:Action></s:Header><s:Body><d:Probe>${types}</d:Probe></s:Body></s:Envelope>`
  );
}

export type ProbeMatch = { endpoint?: string; types?: string; scopes: string[]; xaddrs: string[] };

/** Parses ProbeMatches with any prefix, extra whitespace and several XAddrs; never throws. */
export function parseProbeMatches(data: Buffer | string): ProbeMatch[] {
  const xml = parseXml(data);
  const matches = findFirst(findFirst(xml, 'ProbeMatches'), 'ProbeMatch');
  const list = Array.isArray(matches) ? matches : matches ? [matches] : [];
  return list.slice(0, 16).map((m) => ({
    endpoint: textOf(findFirst(findFirst(m, 'EndpointReference'), 'Address')),
    types: textOf(findFirst(m, 'Types')),
    scopes: split(textOf(findFirst(m, 'Scopes'))),
    xaddrs: split(textOf(findFirst(m, 'XAddrs'))),
  }));
}

function split(s: string | undefined): string[] {
  return (s ?? '').split(/\s+/).filter(Boolean).slice(0, 32);
}

/** onvif://www.onvif.org/name/… and /hardware/… scopes, decoded. */
export function scopeValue(scopes: string[], kind: string): string | undefined {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const hit = scopes.find((s) => s.startsWith(prefix));
  if (!hit) return undefined;
  try {
    return decodeURIComponent(hit.slice(prefix.length));
  } catch {
    return hit.slice(prefix.length);
  }
}
