import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { wakeJobWorkers } from '../../jobs/wake';
import { announceJobsQueued } from '../../notify/node-wake';
import { loadUnitInScope } from '../../units/service';
import { startEscalation } from '../oncall/escalation';
import { announceAlertChange } from './bus';
import { RaiseAlert, type WatchAlert } from './contract';
import {
  type AlertWithNames,
  findAlert,
  findOpenGroup,
  insertAlert,
  insertAlertEvent,
  lockGroup,
  updateAlertRow,
} from './queries';
import { noteRepeatAfterHandling } from './repeat-audit';
import { toWatchAlert } from './service';

const MAX_EVENT_REFS = 100;

type Input = ReturnType<typeof RaiseAlert.parse> & { at: Date };
/** Raises of one (unit, rule, group key) that land on one alert: consecutive ones inside the window. */
type Run = { key: string; inputs: Input[] };
export type RaisedAlert = { alert: WatchAlert; repeated: boolean };

/**
 * Raises a batch of detections in ONE transaction, with the same grouping as `raiseAlert` called once
 * per detection in time order: repeats of one (unit, rule, key) inside its window become one alert
 * (count + n), an open alert in the database takes them as repeats, and each new alert queues its
 * escalation in that transaction. Locks are taken in one order: the groups' (in key order), then the
 * audit chain's, then the stream journal's, so a batch and a single raise never deadlock. Every node's
 * live stream hears each alert once, at the commit. Returns one result per resulting alert.
 */
export async function raiseAlerts(ctx: Ctx, raws: readonly RaiseAlert[]): Promise<RaisedAlert[]> {
  if (raws.length === 0) return [];
  const now = new Date();
  const inputs: Input[] = raws.map((raw) => {
    const parsed = RaiseAlert.parse(raw);
    return { ...parsed, at: parsed.at ?? now };
  });
  const runs = runsOf(inputs);
  const changes = await inTransaction(ctx, async (tx) => {
    const unitPaths = new Map<string, { id: string; path: string }>();
    const out: RunResult[] = [];
    let lockedKey = '';
    for (const run of runs) {
      const first = run.inputs[0]!;
      if (!unitPaths.has(first.unitId)) unitPaths.set(first.unitId, await loadUnitInScope(tx, first.unitId));
      const unit = unitPaths.get(first.unitId)!;
      // Runs of one key follow each other (sorted): the advisory lock is taken once per key.
      if (run.key !== lockedKey) await lockGroup(tx.db, run.key);
      lockedKey = run.key;
      out.push(await raiseRun(tx, unit, run.inputs));
    }
    // After every group lock: the audit chain's lock, then (last) the journal's.
    for (const { audit } of out) if (audit) await recordAudit(tx, audit);
    if (out.some((r) => r.escalated)) await announceJobsQueued(tx.db);
    for (const { row, repeated } of out)
      await announceAlertChange(tx.db, repeated ? 'repeated' : 'raised', row.alert.id);
    return out;
  });
  if (changes.some((c) => !c.repeated)) wakeJobWorkers();
  return changes.map(({ row, repeated }) => ({ alert: toWatchAlert(row), repeated }));
}

/** Groups by key (sorted), then splits each key's raises, in time order, where a gap exceeds the window. */
export function runsOf(inputs: readonly Input[]): Run[] {
  const byKey = new Map<string, Input[]>();
  for (const input of inputs) {
    const key = `${input.unitId}|${input.ruleId}|${input.groupKey}`;
    byKey.set(key, [...(byKey.get(key) ?? []), input]);
  }
  const runs: Run[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const sorted = byKey.get(key)!.sort((a, b) => a.at.getTime() - b.at.getTime());
    let current: Run | undefined;
    let lastSeen = Number.NEGATIVE_INFINITY;
    for (const input of sorted) {
      const windowMs = input.groupWindowMinutes * 60_000;
      if (!current || input.at.getTime() - windowMs > lastSeen) {
        current = { key, inputs: [] };
        runs.push(current);
      }
      current.inputs.push(input);
      lastSeen = Math.max(lastSeen, input.at.getTime());
    }
  }
  return runs;
}

type RunResult = {
  row: AlertWithNames;
  repeated: boolean;
  /** Written after every group lock was taken (see raiseAlerts). */
  audit?: Parameters<typeof recordAudit>[1];
  escalated?: boolean;
};

async function raiseRun(tx: Ctx, unit: { id: string; path: string }, inputs: Input[]): Promise<RunResult> {
  const first = inputs[0]!;
  const last = inputs[inputs.length - 1]!;
  const events = inputs.flatMap((i) => i.events).slice(-MAX_EVENT_REFS);
  const since = new Date(first.at.getTime() - first.groupWindowMinutes * 60_000);
  const open = await findOpenGroup(tx.db, { ...first, since });
  if (open) {
    await updateAlertRow(tx.db, open.id, {
      // The group's advisory lock is held: nobody else moves this count meanwhile.
      count: open.count + inputs.length,
      lastSeenAt: new Date(Math.max(last.at.getTime(), open.lastSeenAt.getTime())),
      events: [...open.events, ...events].slice(-MAX_EVENT_REFS),
    });
    const audit = await noteRepeatAfterHandling(tx.db, open, inputs.length, tx.actor.name);
    return { row: (await findAlert(tx.db, open.id))!, repeated: true, ...(audit ? { audit } : {}) };
  }
  const created = await insertAlert(tx.db, {
    unitId: unit.id,
    ruleId: first.ruleId,
    ruleTitle: first.ruleTitle,
    ruleAuthor: first.ruleAuthor,
    title: first.title ?? first.ruleTitle,
    level: first.level,
    groupKey: first.groupKey,
    count: inputs.length,
    events,
    excerpt: first.excerpt,
    firstSeenAt: first.at,
    lastSeenAt: last.at,
  });
  await insertAlertEvent(tx.db, {
    alertId: created.id,
    kind: 'raised',
    actorName: tx.actor.name,
    details: { ruleId: first.ruleId },
  });
  const escalated = await startEscalation(tx, created, unit.path);
  return {
    row: (await findAlert(tx.db, created.id))!,
    repeated: false,
    escalated,
    audit: {
      action: 'watch.alert_raise',
      targetType: 'watch_alert',
      targetId: created.id,
      unitId: unit.id,
      details: {
        ruleId: first.ruleId,
        ruleAuthor: first.ruleAuthor,
        level: first.level,
        groupKey: first.groupKey,
        count: inputs.length,
      },
    },
  };
}
