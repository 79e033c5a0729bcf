import type { Logger } from 'pino';
import { systemCtx } from '../../core/context';
import type { Executor } from '../../db/client';
import type { RaiseAlert } from '../../watch/alerts/contract';
import { raiseAlerts } from '../../watch/alerts/raise-batch';
import type { BlockBuilder } from '../events/block-builder';
import { eventId } from '../events/block-codec';
import type { StoredEvent } from '../events/model';
import { type ArrivingEvent, onEventsArriving, onEventsStored } from '../events/subscribers';
import type { Detection } from '../sigma';
import { type ActiveRules, type ActiveSet, createActiveRules, type ResolvedUnit } from './active-rules';
import { onRulesChanged } from './changes';
import { type DetectedEvent, HINTS, sigmaEvent, storedEventOf } from './stored-event';

const NO_AUTHOR = 'không rõ tác giả / author not given';
const EXCERPT_CHARS = 1000;

export type DetectionOptions = {
  /** How often windows that close with no further event are flushed (e.g. "fewer than N"). */
  flushEveryMs?: number;
  /** How often the database is asked whether another process changed the rules. */
  fingerprintEveryMs?: number;
  /** The wall clock (tests move it). */
  now?: () => number;
  latenessMs?: number;
};

/**
 * Subscribes detection to stored events; returns the function that stops it. Per batch: the enabled
 * rules run on each event with its unit's view (switches, placeholders, filters), and every alert of
 * the batch is raised in one transaction. Rule changes arrive by the change signal (in-process, or from
 * another node through the rules bus; the fingerprint check every 30 s is the safety net); a timer
 * moves the stream's clock on when no event comes, so windows with an "lt"/"eq" condition still close.
 */
export function startDetection(db: Executor, log: Logger, options: DetectionOptions = {}): () => void {
  const now = options.now ?? Date.now;
  const rules = createActiveRules(db, log, options.latenessMs ? { latenessMs: options.latenessMs } : {});
  const ctx = systemCtx(db, log, 'detection');
  // The stream's clock: the newest event time, moved on by the wall clock since that event arrived.
  let clock: { eventTime: number; wallTime: number } | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  const raise = async (alerts: RaiseAlert[]) => {
    if (alerts.length === 0) return;
    try {
      await raiseAlerts(ctx, alerts);
    } catch (error) {
      // One bad alert (e.g. its unit was just deleted) must not lose the rest of the batch.
      log.warn({ err: error, alerts: alerts.length }, 'batch raise failed; raising one by one');
      for (const alert of alerts)
        await raiseAlerts(ctx, [alert]).catch((e) => log.error({ err: e }, 'alert lost'));
    }
  };
  let latest = Number.NEGATIVE_INFINITY;
  const detectOne = (set: ActiveSet, unit: ResolvedUnit, ev: DetectedEvent, out: Found[]) => {
    const time = ev.time.getTime();
    if (time > latest) latest = time;
    const hint = HINTS[ev.format];
    for (const d of set.detector.process(sigmaEvent(ev), {
      unit: unit.context,
      time,
      ...(hint ? { hint } : {}),
    }))
      if (d.kind === 'match' || !unit.disabledRows.has(d.correlation.source)) out.push({ d, ev });
  };
  /** Alerts, once the blocks of all their events are stored (and the ids known). */
  const raiseFound = async (found: Found[]) => {
    const alerts = found.map((f) => toAlert(f.d, f.ev));
    if (Number.isFinite(latest))
      clock = { eventTime: Math.max(clock?.eventTime ?? latest, latest), wallTime: now() };
    alerts.push(...(await closedWindows(rules, latest)));
    await raise(alerts);
  };
  const onBatch = (events: readonly StoredEvent[]) =>
    serial(async () => {
      const set = await rules.get();
      if (set.empty) return;
      const found: Found[] = [];
      for (const ev of events) detectOne(set, await rules.unit(ev.unitId), ev, found);
      await raiseFound(found);
    });

  // The syslog pipeline: each event is looked at as it arrives, while it is young (no copy kept for a
  // later batch), with the rules and unit views already built; an event that arrives while they are
  // (re)built waits, and so does every later one, to keep arrival order. Alerts wait for the commit.
  let deferred: ArrivingEvent[] = [];
  let found: Found[] = [];
  const drainDeferred = () =>
    serial(async () => {
      let i = 0;
      try {
        for (; i < deferred.length; i++) {
          const ev = deferred[i]!;
          const set = await rules.get();
          if (!set.empty) detectOne(set, await rules.unit(ev.unitId), ev, found);
        }
      } catch (error) {
        // The rules or a unit view could not be read (database down): these events are stored but go
        // undetected, as a failed batch did before; keeping them would stop detection for good (no new
        // drain starts while the queue is not empty) and grow without bound.
        log.error({ err: error, events: deferred.length - i }, 'detection failed; events stored undetected');
        i = deferred.length;
      } finally {
        deferred = deferred.slice(i);
      }
    });
  const arrival = {
    arrived(ev: ArrivingEvent) {
      const set = deferred.length === 0 ? rules.peek() : undefined;
      const unit = set && rules.peekUnit(ev.unitId);
      if (!set || !unit) {
        if (deferred.push(ev) === 1) void drainDeferred();
        return;
      }
      if (!set.empty) detectOne(set, unit, ev, found);
    },
    durable: (_blocks: readonly BlockBuilder[]) =>
      serial(async () => {
        const ready: Found[] = [];
        const later: Found[] = [];
        for (const f of found) (isStored(f) ? ready : later).push(f);
        found = later;
        await raiseFound(ready);
      }),
  };
  const flushIdle = () =>
    serial(async () => {
      if (!clock) return;
      const time = clock.eventTime + Math.max(0, now() - clock.wallTime);
      await raise(await closedWindows(rules, time));
    });
  const stops = [
    onEventsStored(onBatch),
    onEventsArriving(arrival),
    onRulesChanged((what) => rules.invalidate(what)),
    every(options.flushEveryMs ?? 5_000, () =>
      flushIdle().catch((e) => log.error({ err: e }, 'detection flush failed')),
    ),
    every(options.fingerprintEveryMs ?? 30_000, async () => {
      if (await rules.outdated().catch(() => false)) rules.invalidate();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

function every(ms: number, work: () => unknown): () => void {
  const timer = setInterval(work, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/** Correlation windows that closed by `time` and fire on closing (conditions like "fewer than N"). */
async function closedWindows(rules: ActiveRules, time: number): Promise<RaiseAlert[]> {
  if (!Number.isFinite(time)) return [];
  const set = await rules.get();
  const out: RaiseAlert[] = [];
  for (const d of set.detector.flush(time)) {
    if (d.kind !== 'correlation' || !d.unitId) continue;
    if ((await rules.unit(d.unitId)).disabledRows.has(d.correlation.source)) continue;
    out.push(toAlert(d, undefined));
  }
  return out;
}

type Found = { d: Detection; ev: DetectedEvent };

function idOf(e: DetectedEvent): string | undefined {
  if ('id' in e && typeof e.id === 'string') return e.id;
  const arriving = e as ArrivingEvent;
  return arriving.block?.id === undefined ? undefined : String(eventId(arriving.block.id, arriving.index));
}

/** Every event behind the detection has its id (its block committed). */
function isStored(f: Found): boolean {
  if (idOf(f.ev) === undefined) return false;
  if (f.d.kind !== 'correlation') return true;
  return f.d.events.every((e) => {
    const ev = storedEventOf(e);
    return ev === undefined || idOf(ev) !== undefined;
  });
}

function toAlert(d: Detection, ev: DetectedEvent | undefined): RaiseAlert {
  const rule = d.kind === 'match' ? d.rule : d.correlation;
  const evidence =
    d.kind === 'match' && ev
      ? [ev]
      : (d.kind === 'correlation' ? d.events : [])
          .map((e) => storedEventOf(e))
          .filter((e): e is DetectedEvent => e !== undefined);
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
      id: idOf(e)!,
      at: e.time.toISOString(),
      ...(e.sourceId ? { source: e.sourceId } : {}),
    })),
    excerpt: excerpt(d, ev),
    ...(d.time !== undefined && Number.isFinite(d.time) ? { at: new Date(d.time) } : {}),
  };
}

function excerpt(d: Detection, ev: DetectedEvent | undefined): string {
  const text =
    d.kind === 'match' && ev
      ? `${ev.message} ${JSON.stringify(ev.fields)}`
      : `${d.kind === 'correlation' ? `${d.correlation.type} = ${d.value}` : ''} ${JSON.stringify(d.kind === 'correlation' ? d.group : {})}`;
  return text.trim().slice(0, EXCERPT_CHARS);
}
