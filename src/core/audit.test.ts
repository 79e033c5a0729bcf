import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { buildUnit } from '../../test/factories';
import { findUnitByCode, insertUnit } from '../units/queries';
import { recordAudit, verifyAuditChain } from './audit';
import { inTransaction } from './context';
import { auditLog } from './schema';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 5; i++) await buildUnit(t.sys, { parentId: t.root.id, code: `AUD-${i}` });
});
afterAll(() => t.close());

/** Plays the attacker with database rights: the append-only trigger is switched off first. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe('audit chain', () => {
  it('verifies an untouched chain and reports progress', async () => {
    const seen: number[] = [];
    const verdict = await verifyAuditChain(t.db, (done) => void seen.push(done), 3);
    expect(verdict.ok).toBe(true);
    expect(verdict.rows).toBeGreaterThanOrEqual(7);
    expect(seen.at(-1)).toBe(verdict.rows);
  });

  it('the database refuses UPDATE and DELETE on the audit trail', async () => {
    // Drizzle wraps the driver's error; the database's own words are in its cause.
    const refusal = (error: unknown) => /append-only/.test(String((error as Error).cause ?? error));
    await expect(t.db.execute(sql`update audit_log set action = 'x'`)).rejects.toSatisfy(refusal);
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toSatisfy(refusal);
  });

  it('detects an edited row', async () => {
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'unit.create'))
      .limit(1)
      .offset(2);
    await tamper(sql`update audit_log set details = '{"code":"FORGED"}' where id = ${row!.id}`);
    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: { id: row!.id, reason: 'edited' } });
    await tamper(sql`delete from audit_log where id >= ${row!.id}`);
  });

  it('detects a deleted row', async () => {
    await buildUnit(t.sys, { parentId: t.root.id, code: 'AUD-X' });
    await buildUnit(t.sys, { parentId: t.root.id, code: 'AUD-Y' });
    const all = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id);
    const victim = all.at(-2)!.id;
    await tamper(sql`delete from audit_log where id = ${victim}`);
    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: { id: all.at(-1)!.id, reason: 'missing-before' } });
  });
});

describe('a write and its audit row are one transaction', () => {
  it('when the audit row cannot be written, the write is rolled back', async () => {
    const id = crypto.randomUUID();
    await expect(
      inTransaction(t.sys, async (tx) => {
        await insertUnit(tx.db, {
          id,
          code: 'HALF',
          name: 'half',
          kind: 'school',
          parentId: t.root.id,
          path: `${t.root.id}/${id}/`,
        });
        // jsonb refuses a NUL character: the audit insert fails after the unit insert succeeded.
        await recordAudit(tx, { action: 'unit.create', details: { bad: '\u0000' } });
      }),
    ).rejects.toThrow();
    expect(await findUnitByCode(t.db, 'HALF')).toBeUndefined();
  });
});
