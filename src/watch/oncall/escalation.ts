import type { Ctx } from '../../core/context';
import { inTransaction } from '../../core/context';
import { enqueueJob } from '../../jobs/service';
import { deliverOnce, queueDelivery, unitChain } from '../../notify/delivery';
import { findChannel } from '../../notify/queries';
import { findUnitById } from '../../units/queries';
import { announceAlertChange } from '../alerts/bus';
import type { AlertRow } from '../alerts/queries';
import { findAlert, insertAlertEvent, updateAlertRow } from '../alerts/queries';
import { WATCH_ESCALATE } from '../job-names';
import type { EscalationStep } from '../model';
import { ackLink, issueAckToken } from './ack-tokens';
import { alertMessage } from './message';
import { findPolicy, findRoster, overridesOf, type RosterRow, rostersOfUnits, usersByIds } from './queries';
import { nextOnDuty, onDutyAt } from './rotation';

/** The roster covering a unit: its own, else the nearest ancestor's (the oldest one when a unit has several). */
export async function coveringRoster(ctx: Ctx, unitPath: string): Promise<RosterRow | undefined> {
  const chain = unitChain(unitPath);
  const rosters = await rostersOfUnits(ctx.db, chain);
  for (const unitId of chain) {
    const found = rosters.find((r) => r.unitId === unitId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Ties a new alert to its roster and policy and queues step 0, inside the raising transaction.
 * True when a step was queued (the caller then wakes the workers).
 */
export async function startEscalation(ctx: Ctx, alert: AlertRow, unitPath: string): Promise<boolean> {
  const roster = await coveringRoster(ctx, unitPath);
  if (!roster) return false;
  await updateAlertRow(ctx.db, alert.id, { rosterId: roster.id, policyId: roster.policyId });
  if (!roster.policyId) return false;
  await enqueueJob(ctx, {
    kind: WATCH_ESCALATE,
    payload: { alertId: alert.id, step: 0 },
    unitId: alert.unitId,
  });
  return true;
}

async function stepTarget(ctx: Ctx, step: EscalationStep, roster: RosterRow | undefined, now: Date) {
  if (step.target === 'user') return step.userId ?? null;
  if (!roster) return null;
  if (step.target === 'supervisor') return roster.supervisorId;
  const overrides = await overridesOf(ctx.db, roster.id, new Date(now.getTime() - 31 * 86_400_000));
  const plan = { ...roster, members: roster.members };
  return step.target === 'on_duty'
    ? (onDutyAt(plan, overrides, now)?.userId ?? null)
    : nextOnDuty(plan, overrides, now);
}

type StepOutcome = {
  done: boolean;
  reason: string;
  deliveries: number;
  userId?: string | null;
  /** The deliveries queued by this step, sent at once after its commit (their jobs are the safety net). */
  deliveryIds?: string[];
};

type UserRow = Awaited<ReturnType<typeof usersByIds>>[number];

/** Queues one message per enabled channel of the step for its person, each with the same ack link. */
async function queueStepMessages(
  tx: Ctx,
  alert: AlertRow,
  step: EscalationStep,
  index: number,
  user: UserRow,
  now: Date,
): Promise<string[]> {
  const token = await issueAckToken(tx.db, {
    alertId: alert.id,
    userId: user.id,
    recipientName: user.displayName,
    now,
  });
  const unitName = (await findUnitById(tx.db, alert.unitId))?.name ?? '';
  const ids: string[] = [];
  for (const channelId of step.channelIds) {
    const channel = (await findChannel(tx.db, channelId))?.channel;
    if (!channel?.enabled) continue;
    const to = channel.kind === 'email' ? (user.email ?? '') : '';
    if (channel.kind === 'email' && !to) continue;
    const message = alertMessage(alert, {
      unitName,
      to,
      recipientName: user.displayName,
      link: ackLink(token),
      step: index,
    });
    const id = await queueDelivery(tx, {
      channel,
      unitId: alert.unitId,
      recipient: to || user.displayName,
      message,
      purpose: index === 0 ? 'alert' : 'escalation',
      ref: { type: 'watch_alert', id: alert.id },
      sendingInline: true,
    });
    ids.push(id);
  }
  return ids;
}

/**
 * Runs step `index` of the alert's policy: notifies the step's person on each of its channels, each
 * message carrying a one-time acknowledge link, and queues the next step after the wait. An alert that
 * left "new" (acknowledged, in progress, closed) stops here. The messages go out right after the
 * step's commit, from here, in parallel: a page does not wait for a job per message.
 */
export async function runEscalationStep(
  ctx: Ctx,
  alertId: string,
  index: number,
  now = new Date(),
): Promise<StepOutcome> {
  const outcome = await inTransaction(ctx, (tx) => escalateInTransaction(tx, alertId, index, now));
  const ids = outcome.deliveryIds ?? [];
  await Promise.all(
    ids.map((id) =>
      // A failure is logged on the delivery; its job, queued for later, tries again with back-off.
      deliverOnce(ctx.db, id).catch((err) => ctx.log.warn({ err, deliveryId: id }, 'first send failed')),
    ),
  );
  return {
    done: outcome.done,
    reason: outcome.reason,
    deliveries: outcome.deliveries,
    userId: outcome.userId,
  };
}

async function escalateInTransaction(
  tx: Ctx,
  alertId: string,
  index: number,
  now: Date,
): Promise<StepOutcome> {
  const found = await findAlert(tx.db, alertId, { lock: true });
  if (!found) return { done: true, reason: 'alert gone', deliveries: 0 };
  const { alert } = found;
  if (alert.status !== 'new') return { done: true, reason: `alert ${alert.status}`, deliveries: 0 };
  if (alert.escalationStep >= index) return { done: true, reason: 'step already ran', deliveries: 0 };
  const policy = alert.policyId ? (await findPolicy(tx.db, alert.policyId))?.policy : undefined;
  const step = policy?.steps[index];
  if (!policy || !step) return { done: true, reason: 'no such step', deliveries: 0 };
  const roster = alert.rosterId ? (await findRoster(tx.db, alert.rosterId))?.roster : undefined;
  const userId = await stepTarget(tx, step, roster, now);
  const [user] = userId ? await usersByIds(tx.db, [userId]) : [];
  const deliveryIds =
    user && !user.disabled ? await queueStepMessages(tx, alert, step, index, user, now) : [];
  await updateAlertRow(tx.db, alertId, { escalationStep: index });
  await insertAlertEvent(tx.db, {
    alertId,
    kind: index === 0 ? 'notified' : 'escalated',
    actorName: tx.actor.name,
    body: user?.displayName ?? null,
    details: { step: index, target: step.target, userId: userId ?? null, deliveries: deliveryIds.length },
  });
  const next = policy.steps[index + 1];
  if (next) {
    await enqueueJob(tx, {
      kind: WATCH_ESCALATE,
      payload: { alertId, step: index + 1 },
      unitId: alert.unitId,
      runAt: new Date(now.getTime() + step.waitMinutes * 60_000),
    });
  }
  // Last (the journal's lock is held to the commit): consoles see the step, live and on replay.
  await announceAlertChange(tx.db, 'updated', alertId);
  const reason = next ? 'next step queued' : 'last step';
  return { done: !next, reason, deliveries: deliveryIds.length, userId, deliveryIds };
}
