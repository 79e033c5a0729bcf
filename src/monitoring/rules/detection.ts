import type { Logger } from 'pino';
import { systemCtx } from '../../core/context';
import type { Executor } from '../../db/client';
import type { RaiseAlert } from '../../watch/alerts/contract';
import { raiseAlert } from '../../watch/alerts/service';
import type { StoredEvent } from '../events/model';
import { onEventsStored } from '../events/subscribers';
import {
  compileRuleSet,
  createDetector,
  type Detection,
  type Detector,
  type LogsourceHint,
  loadSigmaYaml,
  type SigmaEvent,
  type UnitContext,
} from '../sigma';
import { enabledRuleTexts, rulesFingerprint } from './queries';

const NO_AUTHOR = 'không rõ tác giả / author not given';
const EXCERPT_CHARS = 1000;

/** Logsource hints for stored formats whose events carry no Channel (Windows events route by Channel). */
const HINTS: Partial<Record<StoredEvent['format'], LogsourceHint>> = {
  sshd: { product: 'linux', service: 'sshd' },
  pam: { product: 'linux', service: 'auth' },
  'access-log': { category: 'webserver' },
  iis: { category: 'webserver' },
};

/**
 * The active rule set, rebuilt from the enabled rules when they change. The check is one aggregate
 * query per batch, so a rule imported through another server process is picked up too. Rebuilding
 * starts a new detector: correlation windows open at that moment start again (documented).
 */
export function createActiveRules(db: Executor, log: Logger) {
  let current: { fingerprint: string; detector: Detector } | undefined;
  return async (): Promise<Detector> => {
    const fingerprint = await rulesFingerprint(db);
    if (current?.fingerprint === fingerprint) return current.detector;
    const rows = await enabledRuleTexts(db);
    const ruleSet = compileRuleSet(rows.flatMap((r) => loadSigmaYaml(r.yaml, r.fileName).documents));
    for (const r of ruleSet.rejected)
      log.warn({ rule: r.ruleId, reason: r.reason }, 'stored Sigma rule rejected');
    current = { fingerprint, detector: createDetector(ruleSet) };
    return current.detector;
  };
}

/** Subscribes detection to stored events; returns the function that stops it. */
export function startDetection(db: Executor, log: Logger): () => void {
  const active = createActiveRules(db, log);
  const units = new Map<string, UnitContext>();
  const unitOf = (id: string) => units.get(id) ?? units.set(id, { unitId: id }).get(id)!;
  return onEventsStored(async (events) => {
    const detector = await active();
    if (detector.ruleSet.rules.length === 0 && detector.ruleSet.correlations.length === 0) return;
    const ctx = systemCtx(db, log, 'detection');
    let latest = Number.NEGATIVE_INFINITY;
    for (const ev of events) {
      const time = ev.time.getTime();
      latest = Math.max(latest, time);
      const hint = HINTS[ev.format];
      for (const d of detector.process(sigmaEvent(ev), {
        unit: unitOf(ev.unitId),
        time,
        ...(hint ? { hint } : {}),
      }))
        await raiseAlert(ctx, toAlert(d, ev));
    }
    // Windows that close by the newest event's time (e.g. "fewer than N") fire now.
    for (const d of detector.flush(latest)) if (d.unitId) await raiseAlert(ctx, toAlert(d, undefined));
  });
}

/** The stored event behind each event the correlator holds (weak: gone once the window drops it). */
const storedOf = new WeakMap<SigmaEvent, StoredEvent>();

/** What rules see: the flat fields, plus the message for keyword rules when fields have none. */
function sigmaEvent(ev: StoredEvent): SigmaEvent {
  const event: SigmaEvent = 'message' in ev.fields ? { ...ev.fields } : { ...ev.fields, message: ev.message };
  storedOf.set(event, ev);
  return event;
}

function toAlert(d: Detection, ev: StoredEvent | undefined): RaiseAlert {
  const rule = d.kind === 'match' ? d.rule : d.correlation;
  const evidence =
    d.kind === 'match' && ev
      ? [ev]
      : (d.kind === 'correlation' ? d.events : [])
          .map((e) => storedOf.get(e))
          .filter((e): e is StoredEvent => e !== undefined);
  const groupKey =
    d.kind === 'match'
      ? (ev?.host ?? '')
      : Object.entries(d.group)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
  return {
    unitId: d.kind === 'match' ? ev!.unitId : d.unitId!,
    ruleId: rule.id,
    ruleTitle: rule.title,
    ruleAuthor: rule.author.trim() || NO_AUTHOR,
    level: rule.level,
    groupKey: groupKey.slice(0, 500),
    events: evidence.slice(0, 100).map((e) => ({
      id: e.id,
      at: e.time.toISOString(),
      ...(e.sourceId ? { source: e.sourceId } : {}),
    })),
    excerpt: excerpt(d, ev),
    ...(d.time !== undefined && Number.isFinite(d.time) ? { at: new Date(d.time) } : {}),
  };
}

function excerpt(d: Detection, ev: StoredEvent | undefined): string {
  const text =
    d.kind === 'match' && ev
      ? `${ev.message} ${JSON.stringify(ev.fields)}`
      : `${d.kind === 'correlation' ? `${d.correlation.type} = ${d.value}` : ''} ${JSON.stringify(d.kind === 'correlation' ? d.group : {})}`;
  return text.trim().slice(0, EXCERPT_CHARS);
}
