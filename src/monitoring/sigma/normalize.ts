import type { SigmaEvent } from './event-view';

/**
 * Turns a Windows event in the `evtx` crate's JSON rendering (SigmaHQ regression_data, `Event.System…`,
 * `Event.EventData…`, attributes under `#attributes`) into the flat Sigma field names: System children by
 * name (`EventID`, `Channel`, `Computer`), attributes joined with `_` (`Provider_Name`), EventData/UserData
 * fields by name. Anything else (already-flat JSON, ECS) is returned unchanged.
 */
export function normalizeEvent(raw: unknown): SigmaEvent {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { message: String(raw) };
  const record = raw as Record<string, unknown>;
  const event = record.Event as Record<string, unknown> | undefined;
  if (!event || typeof event !== 'object' || !event.System) return record;
  const out: SigmaEvent = {};
  flattenSystem(event.System as Record<string, unknown>, out);
  flattenData(event.EventData, out);
  const userData = event.UserData;
  if (userData && typeof userData === 'object') {
    for (const inner of Object.values(userData)) flattenData(inner, out);
  }
  return out;
}

function flattenSystem(system: Record<string, unknown>, out: SigmaEvent): void {
  for (const [key, value] of Object.entries(system)) {
    if (key.endsWith('_attributes') && value && typeof value === 'object') {
      // Chainsaw's JSON rendering: `Provider_attributes: {Name}` instead of `Provider: {#attributes: {Name}}`
      const prefix = key.slice(0, -'_attributes'.length);
      for (const [name, v] of Object.entries(value)) out[`${prefix}_${name}`] = v;
      continue;
    }
    if (value === null || typeof value !== 'object') {
      out[key] = value;
      continue;
    }
    const node = value as Record<string, unknown>;
    const attributes = node['#attributes'] as Record<string, unknown> | undefined;
    if (attributes) for (const [name, v] of Object.entries(attributes)) out[`${key}_${name}`] = v;
    if ('#text' in node) out[key] = node['#text'];
  }
}

function flattenData(data: unknown, out: SigmaEvent): void {
  if (data === null || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === '#attributes') continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && '#text' in value) {
      out[key] = (value as Record<string, unknown>)['#text'];
    } else out[key] = value;
  }
}

const TIME_FIELDS = ['TimeCreated_SystemTime', '@timestamp', 'timestamp', 'time', 'UtcTime', 'date'];

/** The event's own time in ms since the epoch, from the usual fields; `undefined` when none parses. */
export function eventTime(event: SigmaEvent): number | undefined {
  for (const field of TIME_FIELDS) {
    const value = event[field];
    if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
    if (typeof value !== 'string') continue;
    const text = /^\d{4}-\d\d-\d\d \d/.test(value) ? value.replace(' ', 'T') : value;
    const ms = Date.parse(/T/.test(text) && !/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? `${text}Z` : text);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}
