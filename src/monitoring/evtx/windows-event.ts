import type { LogEvent } from '../events/model';
import type { EvtxRecord } from './reader';
import type { JsonValue } from './render';

type Obj = { [k: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: JsonValue | undefined): JsonValue | undefined {
  return isObj(v) && '#text' in v ? v['#text'] : v;
}

function attr(v: JsonValue | undefined, name: string): JsonValue | undefined {
  return isObj(v) && isObj(v['#attributes']) ? v['#attributes'][name] : undefined;
}

/**
 * The flat field names Sigma's Windows rules use: System values by name (`EventID`, `Channel`,
 * `Provider_Name`, `Computer`, …) and every EventData/UserData value by its Data name.
 */
export function windowsFields(event: Obj): Record<string, unknown> {
  const root = isObj(event.Event) ? event.Event : event;
  const system = isObj(root.System) ? root.System : {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(system)) {
    if (key === 'Provider') {
      fields.Provider_Name = attr(value, 'Name');
      fields.Provider_Guid = attr(value, 'Guid');
    } else if (key === 'TimeCreated') fields.TimeCreated = attr(value, 'SystemTime');
    else if (key === 'Execution') {
      fields.ProcessID = attr(value, 'ProcessID');
      fields.ThreadID = attr(value, 'ThreadID');
    } else if (key === 'Security') fields.UserID = attr(value, 'UserID');
    else if (key === 'Correlation') fields.ActivityID = attr(value, 'ActivityID');
    else if (!isObj(value) || '#text' in value) fields[key] = text(value);
  }
  for (const section of ['EventData', 'UserData']) {
    let data = root[section];
    // UserData wraps its values in one provider-specific element.
    if (section === 'UserData' && isObj(data)) {
      const inner = Object.entries(data).filter(([k]) => k !== '#attributes');
      if (inner.length === 1 && isObj(inner[0]![1])) data = inner[0]![1];
    }
    if (isObj(data)) for (const [k, v] of Object.entries(data)) if (k !== '#attributes') fields[k] = text(v);
  }
  for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
  return fields;
}

const LEVEL_TO_SEVERITY: Record<number, number> = { 1: 2, 2: 3, 3: 4, 4: 6, 5: 7 };

/** A Windows event (from EVTX or JSON) as a stored event; the structured event stays in `fields`. */
export function windowsLogEvent(fields: Record<string, unknown>, receivedAt: Date, message = ''): LogEvent {
  const stamp = typeof fields.TimeCreated === 'string' ? Date.parse(fields.TimeCreated) : Number.NaN;
  const level = Number(fields.Level);
  return {
    time: Number.isNaN(stamp) ? receivedAt : new Date(stamp),
    receivedAt,
    host: typeof fields.Computer === 'string' ? fields.Computer : null,
    app: typeof fields.Provider_Name === 'string' ? fields.Provider_Name : null,
    facility: null,
    severity: LEVEL_TO_SEVERITY[level] ?? null,
    format: 'windows',
    message: message || `${fields.Channel ?? ''} ${fields.EventID ?? ''}`.trim(),
    fields,
    raw: null,
    parseError: Number.isNaN(stamp) ? 'event without TimeCreated' : null,
  };
}

export function evtxRecordToEvent(record: EvtxRecord, receivedAt: Date): LogEvent {
  return windowsLogEvent(windowsFields(record.event), receivedAt);
}
