// The EVTX reader's public face: `canh-gac detect` and uploads use these.
export { type EvtxProblem, type EvtxRecord, type EvtxResult, parseEvtx, readEvtx } from './reader';
export type { JsonValue } from './render';
export { evtxRecordToEvent, windowsFields, windowsLogEvent } from './windows-event';
