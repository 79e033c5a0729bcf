import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { sigmaRules } from './schema';

export type SigmaRuleInsert = typeof sigmaRules.$inferInsert;

/** Inserts or replaces (same rule id) one rule file; a replaced rule keeps its enabled flag. */
export async function upsertRule(db: Executor, row: SigmaRuleInsert) {
  const [saved] = await db
    .insert(sigmaRules)
    .values(row)
    .onConflictDoUpdate({
      target: sigmaRules.ruleId,
      set: {
        title: row.title,
        author: row.author,
        level: row.level,
        status: row.status,
        fileName: row.fileName,
        yaml: row.yaml,
        importedBy: row.importedBy,
        importedAt: sql`now()`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return saved!;
}

export function listRules(db: Executor, enabled?: boolean) {
  const q = db.select().from(sigmaRules);
  return (enabled === undefined ? q : q.where(eq(sigmaRules.enabled, enabled))).orderBy(
    asc(sigmaRules.title),
  );
}

export async function findRule(db: Executor, id: string, options: { lock?: boolean } = {}) {
  const q = db.select().from(sigmaRules).where(eq(sigmaRules.id, id));
  const [row] = options.lock ? await q.for('update') : await q;
  return row;
}

export async function setRuleEnabled(db: Executor, id: string, enabled: boolean) {
  const [row] = await db
    .update(sigmaRules)
    .set({ enabled, updatedAt: sql`now()` })
    .where(eq(sigmaRules.id, id))
    .returning();
  return row!;
}

/** Changes whenever a rule is imported, replaced or toggled (in any server process). */
export async function rulesFingerprint(db: Executor): Promise<string> {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      at: sql<string | null>`max(${sigmaRules.updatedAt})::text`,
      on: sql<number>`count(*) filter (where ${sigmaRules.enabled})::int`,
    })
    .from(sigmaRules);
  return `${row?.n}|${row?.at}|${row?.on}`;
}

export function enabledRuleTexts(db: Executor) {
  return db
    .select({ yaml: sigmaRules.yaml, fileName: sigmaRules.fileName, ruleId: sigmaRules.ruleId })
    .from(sigmaRules)
    .where(eq(sigmaRules.enabled, true))
    .orderBy(asc(sigmaRules.ruleId));
}
