import type { LogEvent } from '../events/model';
import { windowsFields, windowsLogEvent } from '../evtx/windows-event';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Winlogbeat (ECS): `winlog.{channel,event_id,provider_name,computer_name,record_id,event_data}`. */
function fromWinlogbeat(doc: Obj): Record<string, unknown> {
  const w = doc.winlog as Obj;
  const fields: Record<string, unknown> = {
    Channel: w.channel,
    EventID: typeof w.event_id === 'string' ? Number(w.event_id) : w.event_id,
    Provider_Name: w.provider_name,
    Provider_Guid: w.provider_guid,
    Computer: w.computer_name ?? (isObj(doc.host) ? doc.host.name : undefined),
    EventRecordID: w.record_id,
    TimeCreated: doc['@timestamp'],
    Task: w.task,
    Opcode: w.opcode,
    Keywords: Array.isArray(w.keywords) ? w.keywords.join(',') : w.keywords,
    ...(isObj(w.event_data) ? w.event_data : {}),
    ...(isObj(w.user_data) ? w.user_data : {}),
  };
  if (isObj(w.process)) fields.ProcessID = (w.process as Obj).pid;
  return fields;
}

// NXLog's im_msvistalog + to_json(): System values at the top, EventData values flattened beside them.
const NXLOG_RENAME: Record<string, string> = {
  Hostname: 'Computer',
  SourceName: 'Provider_Name',
  ProviderGuid: 'Provider_Guid',
  RecordNumber: 'EventRecordID',
  ProcessID: 'ProcessID',
  ThreadID: 'ThreadID',
};
const NXLOG_DROP = new Set([
  'EventTime',
  'EventReceivedTime',
  'SourceModuleName',
  'SourceModuleType',
  'Severity',
  'SeverityValue',
  'EventType',
]);

function fromNxlog(doc: Obj): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (NXLOG_DROP.has(k) || k === 'Message') continue;
    fields[NXLOG_RENAME[k] ?? k] = v;
  }
  const time = typeof doc.EventTime === 'string' ? doc.EventTime : undefined;
  // NXLog writes local time without a zone ("2024-01-02 03:04:05"); the source's zone applies.
  if (time) fields.TimeCreated = time;
  return fields;
}

function isoWithZone(value: unknown, offsetMinutes: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) return value;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${value.replace(' ', 'T')}${zone}`;
}

/**
 * One Windows event as a shipper posts it: Winlogbeat's ECS document, NXLog's to_json(), or the
 * EVTX rendering (`{ Event: { System, EventData } }`, as SigmaHQ's regression JSON). Anything
 * else is kept as a 'raw' event with its text.
 */
export function windowsEventFromJson(doc: unknown, receivedAt: Date, offsetMinutes: number): LogEvent {
  if (!isObj(doc)) return rawJson(JSON.stringify(doc), receivedAt, 'line is not a JSON object');
  let fields: Record<string, unknown>;
  if (isObj(doc.winlog)) fields = fromWinlogbeat(doc);
  else if (isObj(doc.Event) && isObj((doc.Event as Obj).System)) fields = windowsFields(doc as never);
  else if ('EventID' in doc && ('Channel' in doc || 'SourceName' in doc)) fields = fromNxlog(doc);
  else return rawJson(JSON.stringify(doc), receivedAt, 'not a Winlogbeat, NXLog or EVTX-JSON event');
  for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
  fields.TimeCreated = isoWithZone(fields.TimeCreated, offsetMinutes);
  const message =
    typeof doc.message === 'string' ? doc.message : typeof doc.Message === 'string' ? doc.Message : '';
  return windowsLogEvent(fields, receivedAt, message);
}

export function rawJson(text: string, receivedAt: Date, reason: string): LogEvent {
  return {
    time: receivedAt,
    receivedAt,
    host: null,
    app: null,
    facility: null,
    severity: null,
    format: 'raw',
    message: text.slice(0, 64 * 1024),
    fields: {},
    raw: null,
    parseError: reason,
  };
}
