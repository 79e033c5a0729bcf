import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { verifyAuditChain } from '../../core/audit';
import { auditLog } from '../../core/schema';
import { raiseAlerts } from './raise-batch';
import { changeAlertStatus, getWatchAlert, raiseAlert } from './service';

/**
 * Repeats are counted, not audited one by one; the first repeat after a person handled the alert
 * (acknowledged it, took it in progress) writes one audit row and one timeline entry, by either path
 * detection raises through (one at a time, or the batch).
 */
const rule = {
  ruleId: 'r-repeat-audit',
  ruleTitle: 'Lặp lại',
  ruleAuthor: 'Tác giả',
  level: 'medium' as const,
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const repeatAudits = (alertId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'watch.alert_repeat'), eq(auditLog.targetId, alertId)))
    .orderBy(asc(auditLog.id));
const raise = (groupKey: string) => raiseAlert(t.sys, { ...rule, unitId: t.root.id, groupKey });
const batch = (groupKey: string, n: number) =>
  raiseAlerts(
    t.sys,
    Array.from({ length: n }, () => ({ ...rule, unitId: t.root.id, groupKey })),
  );

describe('repeats and the audit trail', () => {
  it('one row for the first repeat after each handling, none for repeats of a new alert', async () => {
    const { alert } = await raise('noisy');
    for (let i = 0; i < 3; i++) await raise('noisy');
    await batch('noisy', 5);
    expect(await repeatAudits(alert.id)).toHaveLength(0); // 9 detections, nobody has looked yet

    await changeAlertStatus(t.sys, alert.id, { status: 'acknowledged', note: undefined });
    await raise('noisy');
    await raise('noisy');
    await batch('noisy', 4);
    const afterAck = await repeatAudits(alert.id);
    expect(afterAck).toHaveLength(1);
    expect(afterAck[0]!.details).toEqual({
      ruleId: rule.ruleId,
      status: 'acknowledged',
      countWhenHandled: 9,
      count: 10,
    });

    // Taken in progress: handled again, so the next repeat (here in a batch of three) is recorded once.
    await changeAlertStatus(t.sys, alert.id, { status: 'in_progress', note: undefined });
    await batch('noisy', 3);
    await raise('noisy');
    const afterProgress = await repeatAudits(alert.id);
    expect(afterProgress).toHaveLength(2);
    expect(afterProgress[1]!.details).toMatchObject({
      status: 'in_progress',
      countWhenHandled: 15,
      count: 18,
    });

    const { alert: now, timeline } = await getWatchAlert(t.sys, alert.id);
    expect(now.count).toBe(19);
    expect(timeline.filter((e) => e.kind === 'repeated').map((e) => e.details)).toEqual([
      { status: 'acknowledged', countWhenHandled: 9, count: 10 },
      { status: 'in_progress', countWhenHandled: 15, count: 18 },
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('a closed alert does not take repeats: the next detection is a new alert, audited as a raise', async () => {
    const { alert } = await raise('closing');
    await changeAlertStatus(t.sys, alert.id, { status: 'closed', reason: 'resolved', note: undefined });
    const next = await raise('closing');
    expect(next.repeated).toBe(false);
    expect(next.alert.id).not.toBe(alert.id);
    expect(await repeatAudits(alert.id)).toHaveLength(0);
    expect(await repeatAudits(next.alert.id)).toHaveLength(0);
  });
});
