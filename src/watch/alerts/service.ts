import { sql } from 'drizzle-orm';
import { assertInScope } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Page } from '../../core/pagination';
import { wakeJobWorkers } from '../../jobs/wake';
import { announceJobsQueued } from '../../notify/node-wake';
import { loadUnitInScope } from '../../units/service';
import { findUserById } from '../../users/queries';
import type { AlertStatus } from '../model';
import { startEscalation } from '../oncall/escalation';
import { watchAlerts } from '../schema';
import { announceAlertChange } from './bus';
import { type AlertStatusChange, RaiseAlert, type WatchAlert, type WatchAlertQuery } from './contract';
import {
  type AlertWithNames,
  findAlert,
  findOpenGroup,
  insertAlert,
  insertAlertEvent,
  listAlertEvents,
  listAlertRows,
  lockGroup,
  updateAlertRow,
} from './queries';
import { noteRepeatAfterHandling } from './repeat-audit';
import { toWatchAlert } from './to-watch-alert';

export { toWatchAlert };

const MAX_EVENT_REFS = 100;

async function reload(ctx: Ctx, id: string): Promise<AlertWithNames> {
  return (await findAlert(ctx.db, id))!;
}

/**
 * Detection's entry point. A repeat of an open alert (same unit, rule and group key, last seen inside
 * the window) adds to its count and evidence; otherwise a new alert is raised and, when a roster with
 * an escalation policy covers the unit, its first step is queued in the same transaction.
 */
export async function raiseAlert(
  ctx: Ctx,
  raw: RaiseAlert,
): Promise<{ alert: WatchAlert; repeated: boolean }> {
  const input = RaiseAlert.parse(raw);
  const at = input.at ?? new Date();
  const { row, repeated } = await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, input.unitId);
    await lockGroup(tx.db, `${unit.id}|${input.ruleId}|${input.groupKey}`);
    const since = new Date(at.getTime() - input.groupWindowMinutes * 60_000);
    const open = await findOpenGroup(tx.db, { ...input, since });
    if (open) {
      const events = [...open.events, ...input.events].slice(-MAX_EVENT_REFS);
      await updateAlertRow(tx.db, open.id, {
        count: sql`${open.count} + 1`,
        lastSeenAt: new Date(Math.max(at.getTime(), open.lastSeenAt.getTime())),
        events,
      });
      const audit = await noteRepeatAfterHandling(tx.db, open, 1, tx.actor.name);
      if (audit) await recordAudit(tx, audit);
      await announceAlertChange(tx.db, 'repeated', open.id);
      return { row: await reload(tx, open.id), repeated: true };
    }
    const created = await insertAlert(tx.db, {
      unitId: unit.id,
      ruleId: input.ruleId,
      ruleTitle: input.ruleTitle,
      ruleAuthor: input.ruleAuthor,
      title: input.title ?? input.ruleTitle,
      level: input.level,
      groupKey: input.groupKey,
      events: input.events,
      excerpt: input.excerpt,
      firstSeenAt: at,
      lastSeenAt: at,
    });
    await insertAlertEvent(tx.db, {
      alertId: created.id,
      kind: 'raised',
      actorName: tx.actor.name,
      details: { ruleId: input.ruleId },
    });
    if (await startEscalation(tx, created, unit.path)) await announceJobsQueued(tx.db);
    await recordAudit(tx, {
      action: 'watch.alert_raise',
      targetType: 'watch_alert',
      targetId: created.id,
      unitId: unit.id,
      details: {
        ruleId: input.ruleId,
        ruleAuthor: input.ruleAuthor,
        level: input.level,
        groupKey: input.groupKey,
      },
    });
    // Last (it holds the journal's lock to the commit); heard by every node's SSE clients at commit.
    await announceAlertChange(tx.db, 'raised', created.id);
    return { row: await reload(tx, created.id), repeated: false };
  });
  // This node's worker needs no round trip through the database (and a bus-less CLI or bench has none).
  if (!repeated) wakeJobWorkers();
  return { alert: toWatchAlert(row), repeated };
}

export async function loadAlertInScope(ctx: Ctx, id: string, options: { lock?: boolean } = {}) {
  const found = await findAlert(ctx.db, id, options);
  if (!found) throw new AppError('WATCH_ALERT_NOT_FOUND', { alertId: id });
  assertInScope(ctx, { id: found.alert.unitId, path: found.unitPath });
  return found;
}

export async function listWatchAlerts(ctx: Ctx, query: WatchAlertQuery): Promise<Page<WatchAlert>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total } = await listAlertRows(ctx.db, ctx.unitPath, query);
  return { items: items.map(toWatchAlert), total, page: query.page, pageSize: query.pageSize };
}

export async function getWatchAlert(ctx: Ctx, id: string) {
  const found = await loadAlertInScope(ctx, id);
  return { alert: toWatchAlert(found), timeline: await listAlertEvents(ctx.db, id) };
}

const NEXT: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['acknowledged', 'in_progress', 'closed'],
  acknowledged: ['in_progress', 'closed'],
  in_progress: ['closed'],
  // Reopening: a closed alert goes back to work, never back to "new" (that would re-escalate it).
  closed: ['in_progress'],
};

/** new → acknowledged → in progress → closed (with a reason). Leaving "new" stops the escalation. */
export async function changeAlertStatus(
  ctx: Ctx,
  id: string,
  change: AlertStatusChange,
): Promise<WatchAlert> {
  if (change.status === 'closed' && !change.reason) throw new AppError('ALERT_CLOSE_REASON_REQUIRED');
  const row = await inTransaction(ctx, async (tx) => {
    const { alert } = await loadAlertInScope(tx, id, { lock: true });
    if (!NEXT[alert.status].includes(change.status)) {
      throw new AppError('ALERT_TRANSITION_INVALID', { from: alert.status, to: change.status });
    }
    const acknowledging = alert.status === 'new';
    await updateAlertRow(tx.db, id, {
      status: change.status,
      closeReason: change.status === 'closed' ? change.reason : null,
      closedAt: change.status === 'closed' ? new Date() : null,
      // The next repeat is the first since this: the audit records it (repeat-audit.ts).
      countWhenHandled: sql`${watchAlerts.count}`,
      ...(acknowledging ? { acknowledgedAt: new Date(), acknowledgedBy: tx.actor.name } : {}),
    });
    const kind = change.status === 'acknowledged' ? 'acknowledged' : 'status';
    await insertAlertEvent(tx.db, {
      alertId: id,
      kind,
      actorName: tx.actor.name,
      body: change.note ?? null,
      details: { from: alert.status, to: change.status, reason: change.reason ?? null },
    });
    await recordAudit(tx, {
      action: `watch.alert_${change.status}`,
      targetType: 'watch_alert',
      targetId: id,
      unitId: alert.unitId,
      details: { from: alert.status, reason: change.reason ?? null },
    });
    await announceAlertChange(tx.db, 'updated', id);
    return reload(tx, id);
  });
  return toWatchAlert(row);
}

export async function assignAlert(ctx: Ctx, id: string, assigneeId: string | null): Promise<WatchAlert> {
  const row = await inTransaction(ctx, async (tx) => {
    const found = await loadAlertInScope(tx, id, { lock: true });
    let name: string | null = null;
    if (assigneeId) {
      const user = await findUserById(tx.db, assigneeId);
      // The assignee must be able to see the alert: a user of its unit or of a unit above it.
      if (!user || user.disabled || !found.unitPath.startsWith(user.unitPath)) {
        throw new AppError('WATCH_USER_INVALID', { userId: assigneeId });
      }
      name = user.displayName;
    }
    await updateAlertRow(tx.db, id, { assigneeId });
    await insertAlertEvent(tx.db, {
      alertId: id,
      kind: 'assigned',
      actorName: tx.actor.name,
      body: name,
      details: { assigneeId },
    });
    await recordAudit(tx, {
      action: 'watch.alert_assign',
      targetType: 'watch_alert',
      targetId: id,
      unitId: found.alert.unitId,
      details: { assigneeId },
    });
    await announceAlertChange(tx.db, 'updated', id);
    return reload(tx, id);
  });
  return toWatchAlert(row);
}

export async function commentAlert(ctx: Ctx, id: string, body: string) {
  return inTransaction(ctx, async (tx) => {
    const found = await loadAlertInScope(tx, id);
    await insertAlertEvent(tx.db, { alertId: id, kind: 'comment', actorName: tx.actor.name, body });
    await recordAudit(tx, {
      action: 'watch.alert_comment',
      targetType: 'watch_alert',
      targetId: id,
      unitId: found.alert.unitId,
      details: { length: body.length },
    });
    return { alert: toWatchAlert(found), timeline: await listAlertEvents(tx.db, id) };
  });
}
