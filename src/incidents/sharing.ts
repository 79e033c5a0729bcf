import { createHash } from 'node:crypto';
import type { Incident, Indicator } from './contract';
import { CATEGORY_NAMES } from './forms';
import type { IncidentSeverity, IndicatorType } from './model';

type Org = { id: string; name: string };

/** STIX 2.1 §9.5: strings in a pattern are quoted with ' and escape \ and '. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const STIX_PATHS: Record<IndicatorType, string> = {
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  domain: 'domain-name:value',
  url: 'url:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
};

export function stixPattern(indicator: Pick<Indicator, 'type' | 'value'>): string {
  return `[${STIX_PATHS[indicator.type]} = ${quote(indicator.value)}]`;
}

const iso = (d: Date) => d.toISOString();

/**
 * A STIX 2.1 bundle: the unit as identity, the case as an incident SDO, each indicator with its pattern and an
 * "indicates" relationship to the case. Ids reuse the database UUIDs (v4), so a second export names the same objects.
 */
export function toStixBundle(incident: Incident, indicators: readonly Indicator[], org: Org) {
  const identity = `identity--${org.id}`;
  const incidentId = `incident--${incident.id}`;
  const common = (created: Date, modified: Date) => ({
    spec_version: '2.1',
    created: iso(created),
    modified: iso(modified),
    created_by_ref: identity,
  });
  const objects: Record<string, unknown>[] = [
    {
      type: 'identity',
      spec_version: '2.1',
      id: identity,
      created: iso(incident.createdAt),
      modified: iso(incident.createdAt),
      name: org.name,
      identity_class: 'organization',
      sectors: ['government-local'],
    },
    {
      type: 'incident',
      id: incidentId,
      ...common(incident.createdAt, incident.updatedAt),
      name: `${incident.reference}: ${incident.title}`,
      description: incident.description || undefined,
      labels: [incident.category, `severity-${incident.severity}`],
      external_references: [{ source_name: 'canh-gac', external_id: incident.reference }],
    },
  ];
  for (const indicator of indicators) {
    objects.push({
      type: 'indicator',
      id: `indicator--${indicator.id}`,
      ...common(indicator.createdAt, indicator.createdAt),
      name: `${indicator.type} ${indicator.value}`.slice(0, 250),
      description: indicator.comment || undefined,
      indicator_types: ['compromised'],
      pattern: stixPattern(indicator),
      pattern_type: 'stix',
      pattern_version: '2.1',
      // Valid from detection: the indicator was seen then, even if typed in later.
      valid_from: iso(new Date(Math.min(incident.detectedAt.getTime(), indicator.createdAt.getTime()))),
    });
    objects.push({
      type: 'relationship',
      id: `relationship--${uuidV5(incident.id, `indicates:${indicator.id}`)}`,
      ...common(indicator.createdAt, indicator.createdAt),
      relationship_type: 'indicates',
      source_ref: `indicator--${indicator.id}`,
      target_ref: incidentId,
    });
  }
  return { type: 'bundle', id: `bundle--${incident.id}`, objects: objects.map(dropUndefined) };
}

/** RFC 4122 version 5 (SHA-1, name-based): the relationship id is the same on every export of the case. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function dropUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

const MISP_TYPES: Record<IndicatorType, { type: string; category: string }> = {
  ipv4: { type: 'ip-dst', category: 'Network activity' },
  ipv6: { type: 'ip-dst', category: 'Network activity' },
  domain: { type: 'domain', category: 'Network activity' },
  url: { type: 'url', category: 'Network activity' },
  md5: { type: 'md5', category: 'Payload delivery' },
  sha1: { type: 'sha1', category: 'Payload delivery' },
  sha256: { type: 'sha256', category: 'Payload delivery' },
};

// MISP threat_level_id: 1 high, 2 medium, 3 low, 4 undefined.
const THREAT_LEVEL: Record<IncidentSeverity, string> = { critical: '1', high: '1', medium: '2', low: '3' };

const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

/**
 * A MISP event (core format 2.4) for peers that run a TIP: distribution 0 (own organisation) until a person decides
 * to share wider, TLP:AMBER, analysis "ongoing" until the case is closed.
 */
export function toMispEvent(incident: Incident, indicators: readonly Indicator[], org: Org) {
  const orgRef = { id: '0', name: org.name, uuid: org.id };
  return {
    Event: {
      id: '0',
      orgc_id: '0',
      org_id: '0',
      uuid: incident.id,
      info: `${incident.reference}: ${incident.title} (${CATEGORY_NAMES[incident.category]})`,
      date: new Date(incident.detectedAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
      threat_level_id: THREAT_LEVEL[incident.severity],
      analysis: incident.status === 'closed' ? '2' : '1',
      distribution: '0',
      sharing_group_id: '0',
      published: false,
      proposal_email_lock: false,
      locked: false,
      timestamp: epoch(incident.updatedAt),
      publish_timestamp: '0',
      attribute_count: String(indicators.length),
      Org: orgRef,
      Orgc: orgRef,
      Tag: [{ name: 'tlp:amber' }],
      Attribute: indicators.map((i) => ({
        uuid: i.id,
        event_id: '0',
        ...MISP_TYPES[i.type],
        value: i.value,
        to_ids: i.forDetection,
        comment: i.comment,
        distribution: '5',
        sharing_group_id: '0',
        timestamp: epoch(i.createdAt),
      })),
      ShadowAttribute: [],
      RelatedEvent: [],
    },
  };
}
