import { assertInScope } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { type Ctx, inTransaction } from '../../core/context';
import { AppError } from '../../core/errors';
import { unitChain } from '../../notify/delivery';
import { findChannel } from '../../notify/queries';
import { loadUnitInScope } from '../../units/service';
import type { EscalationStep } from '../model';
import type { PolicyCreate, PolicyUpdate, RosterCreate, RosterUpdate } from './contract';
import {
  deleteOverrideRow,
  deletePolicyRow,
  deleteRosterRow,
  findPolicy,
  findRoster,
  insertHandover,
  insertOverride,
  insertPolicy,
  insertRoster,
  listHandoverRows,
  listPolicyRows,
  listRosterRows,
  overridesOf,
  type RosterRow,
  updatePolicyRow,
  updateRosterRow,
  usersByIds,
} from './queries';
import { nextOnDuty, onDutyAt, upcomingShifts } from './rotation';

/** Duty people must belong to the roster's unit or a unit above it, and be active. */
async function checkUsers(ctx: Ctx, unitPath: string, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const found = new Map((await usersByIds(ctx.db, wanted)).map((u) => [u.id, u]));
  for (const id of wanted) {
    const user = found.get(id);
    if (!user || user.disabled || !unitPath.startsWith(user.unitPath))
      throw new AppError('WATCH_USER_INVALID', { userId: id });
  }
}

export async function loadRosterInScope(ctx: Ctx, id: string) {
  const found = await findRoster(ctx.db, id);
  if (!found) throw new AppError('ROSTER_NOT_FOUND', { rosterId: id });
  assertInScope(ctx, { id: found.roster.unitId, path: found.unitPath });
  return found;
}

async function loadPolicyInScope(ctx: Ctx, id: string) {
  const found = await findPolicy(ctx.db, id);
  if (!found) throw new AppError('POLICY_NOT_FOUND', { policyId: id });
  assertInScope(ctx, { id: found.policy.unitId, path: found.unitPath });
  return found;
}

/** The roster, who is on duty now and next, the next shifts and the overrides still ahead. */
export async function rosterDetail(ctx: Ctx, roster: RosterRow, now = new Date()) {
  const overrides = await overridesOf(ctx.db, roster.id, now);
  const duty = onDutyAt(roster, overrides, now);
  const nextId = nextOnDuty(roster, overrides, now);
  const upcoming = upcomingShifts(roster, overrides, now, 14);
  const ids = [
    ...roster.members,
    roster.supervisorId,
    nextId,
    duty?.userId,
    ...overrides.map((o) => o.userId),
  ];
  const people = await usersByIds(ctx.db, [...new Set(ids.filter((i): i is string => Boolean(i)))]);
  const names = Object.fromEntries(people.map((p) => [p.id, p.displayName]));
  const person = (id: string | null | undefined) =>
    id ? { userId: id, displayName: names[id] ?? id } : null;
  return {
    roster,
    onDuty: person(duty?.userId),
    source: duty?.source ?? null,
    shiftStart: duty?.shift?.startsAt ?? null,
    shiftEnd: duty?.shift?.endsAt ?? null,
    next: person(nextId),
    supervisor: person(roster.supervisorId),
    upcoming: upcoming.map(({ index: _i, ...s }) => s),
    overrides,
    names,
  };
}

export async function listRosters(ctx: Ctx, unitId?: string) {
  if (unitId) await loadUnitInScope(ctx, unitId);
  const rows = await listRosterRows(ctx.db, ctx.unitPath, unitId);
  const items = [];
  for (const { roster } of rows) items.push(await rosterDetail(ctx, roster));
  return { items };
}

export async function getRoster(ctx: Ctx, id: string) {
  return rosterDetail(ctx, (await loadRosterInScope(ctx, id)).roster);
}

export async function createRoster(ctx: Ctx, input: RosterCreate) {
  const roster = await inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, input.unitId);
    await checkUsers(tx, unit.path, [...input.members, input.supervisorId]);
    if (input.policyId) await loadPolicyInScope(tx, input.policyId);
    const row = await insertRoster(tx.db, {
      ...input,
      supervisorId: input.supervisorId ?? null,
      policyId: input.policyId ?? null,
    });
    await recordAudit(tx, {
      action: 'watch.roster_create',
      targetType: 'watch_roster',
      targetId: row.id,
      unitId: unit.id,
      details: { ...input },
    });
    return row;
  });
  return rosterDetail(ctx, roster);
}

export async function updateRoster(ctx: Ctx, id: string, input: RosterUpdate) {
  const roster = await inTransaction(ctx, async (tx) => {
    const { unitPath, roster: current } = await loadRosterInScope(tx, id);
    await checkUsers(tx, unitPath, [...(input.members ?? []), input.supervisorId]);
    if (input.policyId) await loadPolicyInScope(tx, input.policyId);
    const row = await updateRosterRow(tx.db, id, input);
    await recordAudit(tx, {
      action: 'watch.roster_update',
      targetType: 'watch_roster',
      targetId: id,
      unitId: current.unitId,
      details: { ...input },
    });
    return row;
  });
  return rosterDetail(ctx, roster);
}

export async function deleteRoster(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { roster } = await loadRosterInScope(tx, id);
    await deleteRosterRow(tx.db, id);
    await recordAudit(tx, {
      action: 'watch.roster_delete',
      targetType: 'watch_roster',
      targetId: id,
      unitId: roster.unitId,
      details: { name: roster.name },
    });
  });
}

export async function addOverride(
  ctx: Ctx,
  rosterId: string,
  input: { userId: string; startsAt: Date; endsAt: Date; reason: string },
) {
  return inTransaction(ctx, async (tx) => {
    const { roster, unitPath } = await loadRosterInScope(tx, rosterId);
    await checkUsers(tx, unitPath, [input.userId]);
    const row = await insertOverride(tx.db, { rosterId, ...input });
    await recordAudit(tx, {
      action: 'watch.override_add',
      targetType: 'watch_roster',
      targetId: rosterId,
      unitId: roster.unitId,
      details: { ...input },
    });
    return row;
  });
}

export async function removeOverride(ctx: Ctx, rosterId: string, overrideId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { roster } = await loadRosterInScope(tx, rosterId);
    if (!(await deleteOverrideRow(tx.db, rosterId, overrideId)))
      throw new AppError('ROSTER_NOT_FOUND', { overrideId });
    await recordAudit(tx, {
      action: 'watch.override_remove',
      targetType: 'watch_roster',
      targetId: rosterId,
      unitId: roster.unitId,
      details: { overrideId },
    });
  });
}

/** The outgoing person's notes, filed against the shift running now. */
export async function addHandover(ctx: Ctx, rosterId: string, notes: string, now = new Date()) {
  return inTransaction(ctx, async (tx) => {
    const { roster } = await loadRosterInScope(tx, rosterId);
    const duty = onDutyAt(roster, await overridesOf(tx.db, rosterId, now), now);
    const row = await insertHandover(tx.db, {
      rosterId,
      shiftStart: duty?.shift?.startsAt ?? duty?.override?.startsAt ?? now,
      authorId: tx.actor.type === 'user' ? tx.actor.id : null,
      authorName: tx.actor.name ?? tx.actor.type,
      notes,
    });
    await recordAudit(tx, {
      action: 'watch.handover_add',
      targetType: 'watch_roster',
      targetId: rosterId,
      unitId: roster.unitId,
      details: { length: notes.length },
    });
    return row;
  });
}

export async function listHandovers(ctx: Ctx, rosterId: string) {
  await loadRosterInScope(ctx, rosterId);
  return { items: await listHandoverRows(ctx.db, rosterId) };
}

/** Steps may use channels of the policy's unit or of a unit above it, and users who can see its alerts. */
async function checkSteps(ctx: Ctx, unitPath: string, steps: EscalationStep[]) {
  const chain = new Set(unitChain(unitPath));
  for (const step of steps) {
    for (const channelId of step.channelIds) {
      const channel = (await findChannel(ctx.db, channelId))?.channel;
      if (!channel || !chain.has(channel.unitId)) throw new AppError('WATCH_CHANNEL_INVALID', { channelId });
    }
  }
  await checkUsers(
    ctx,
    unitPath,
    steps.map((s) => s.userId),
  );
}

export async function listPolicies(ctx: Ctx) {
  return { items: (await listPolicyRows(ctx.db, ctx.unitPath)).map((r) => r.policy) };
}

export async function createPolicy(ctx: Ctx, input: PolicyCreate) {
  return inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, input.unitId);
    await checkSteps(tx, unit.path, input.steps);
    const row = await insertPolicy(tx.db, input);
    await recordAudit(tx, {
      action: 'watch.policy_create',
      targetType: 'watch_policy',
      targetId: row.id,
      unitId: unit.id,
      details: { ...input },
    });
    return row;
  });
}

export async function updatePolicy(ctx: Ctx, id: string, input: PolicyUpdate) {
  return inTransaction(ctx, async (tx) => {
    const { policy, unitPath } = await loadPolicyInScope(tx, id);
    if (input.steps) await checkSteps(tx, unitPath, input.steps);
    const row = await updatePolicyRow(tx.db, id, input);
    await recordAudit(tx, {
      action: 'watch.policy_update',
      targetType: 'watch_policy',
      targetId: id,
      unitId: policy.unitId,
      details: { ...input },
    });
    return row;
  });
}

export async function deletePolicy(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { policy } = await loadPolicyInScope(tx, id);
    await deletePolicyRow(tx.db, id);
    await recordAudit(tx, {
      action: 'watch.policy_delete',
      targetType: 'watch_policy',
      targetId: id,
      unitId: policy.unitId,
      details: { name: policy.name },
    });
  });
}
