import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { StoredEvent } from '../events/model';
import { type EventCursor, searchEvents } from '../events/queries';
import { sigmaRules, sigmaRuleUnitStates, sigmaUnitFilters, sigmaUnitPlaceholders } from './schema';

export type SigmaRuleInsert = typeof sigmaRules.$inferInsert;
export type SigmaRuleStored = typeof sigmaRules.$inferSelect;

/** Inserts or replaces (same rule id) one rule file; a replaced rule keeps its enabled flags. */
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
        tags: row.tags ?? [],
        license: row.license ?? 'DRL-1.1',
        kind: row.kind ?? 'rule',
        logsource: row.logsource ?? '',
        importedBy: row.importedBy,
        importedAt: sql`now()`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return saved!;
}

export type RuleFilter = {
  enabled?: boolean | undefined;
  level?: string[] | undefined;
  q?: string | undefined;
};

export function listRules(db: Executor, f: RuleFilter = {}) {
  const where: (SQL | undefined)[] = [
    f.enabled === undefined ? undefined : eq(sigmaRules.enabled, f.enabled),
    f.level?.length ? inArray(sigmaRules.level, f.level) : undefined,
    f.q
      ? or(
          sql`strpos(lower(${sigmaRules.title}), lower(${f.q})) > 0`,
          sql`strpos(lower(${sigmaRules.author}), lower(${f.q})) > 0`,
          eq(sigmaRules.ruleId, f.q),
        )
      : undefined,
  ];
  return db
    .select()
    .from(sigmaRules)
    .where(and(...where))
    .orderBy(asc(sigmaRules.title), asc(sigmaRules.ruleId));
}

export async function findRule(db: Executor, id: string, options: { lock?: boolean } = {}) {
  const q = db.select().from(sigmaRules).where(eq(sigmaRules.id, id));
  const [row] = options.lock ? await q.for('update') : await q;
  return row;
}

export async function findRuleByRuleId(db: Executor, ruleId: string) {
  const [row] = await db.select().from(sigmaRules).where(eq(sigmaRules.ruleId, ruleId));
  return row;
}

export async function setRulesEnabled(db: Executor, ids: string[], enabled: boolean) {
  if (ids.length === 0) return [];
  return db
    .update(sigmaRules)
    .set({ enabled, updatedAt: sql`now()` })
    .where(inArray(sigmaRules.id, ids))
    .returning();
}

/**
 * Changes whenever a rule is imported, replaced or toggled, or a unit's tuning changes (in any server
 * process): detection's slow check for writers in other processes.
 */
export async function rulesFingerprint(db: Executor): Promise<string> {
  const result = await db.execute(sql`select concat_ws('|',
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || count(*) filter (where enabled) from ${sigmaRules}),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from ${sigmaRuleUnitStates}),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from ${sigmaUnitPlaceholders}),
      (select count(*) || ':' || coalesce(max(created_at)::text, '') from ${sigmaUnitFilters})) as f`);
  return (result as unknown as { rows: { f: string }[] }).rows[0]?.f ?? '';
}

/** Rules that some unit runs: enabled platform-wide, or switched on by at least one unit. */
export function activeRuleTexts(db: Executor) {
  return db
    .select({
      id: sigmaRules.id,
      yaml: sigmaRules.yaml,
      fileName: sigmaRules.fileName,
      ruleId: sigmaRules.ruleId,
      enabled: sigmaRules.enabled,
    })
    .from(sigmaRules)
    .where(
      or(
        eq(sigmaRules.enabled, true),
        sql`exists (select 1 from ${sigmaRuleUnitStates} s where s.rule_row_id = ${sigmaRules.id} and s.enabled)`,
      ),
    )
    .orderBy(asc(sigmaRules.ruleId));
}

/**
 * One page of a unit's stored events in (time, id) order after a cursor: the backtest's scan. Blocks
 * are pruned by unit and time range, then decoded and merged (events/block-search.ts).
 */
export async function eventsPage(
  db: Executor,
  f: { unitId: string; from: Date; to: Date; after?: EventCursor | undefined },
  limit: number,
): Promise<StoredEvent[]> {
  return searchEvents(
    db,
    { scopePath: null, unitId: f.unitId, from: f.from, to: f.to },
    limit,
    0,
    'asc',
    f.after,
  );
}
