import { and, asc, count, desc, eq, inArray, like, lte, ne } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { likePrefix } from '../units/queries';
import { units } from '../units/schema';
import { directives, directiveTasks, taskAnswers, taskAssignments, taskReminders } from './schema';

export type DirectiveRow = typeof directives.$inferSelect;
export type TaskRow = typeof directiveTasks.$inferSelect;
export type AssignmentRow = typeof taskAssignments.$inferSelect;
export type AnswerRow = typeof taskAnswers.$inferSelect;

const directiveColumns = { directive: directives, unitName: units.name, unitPath: units.path };

export async function findDirective(db: Executor, id: string) {
  const [row] = await db
    .select(directiveColumns)
    .from(directives)
    .innerJoin(units, eq(units.id, directives.unitId))
    .where(eq(directives.id, id));
  return row;
}

export async function findDirectiveByNumber(db: Executor, unitId: string, issuer: string, number: string) {
  const [row] = await db
    .select({ id: directives.id })
    .from(directives)
    .where(and(eq(directives.unitId, unitId), eq(directives.issuer, issuer), eq(directives.number, number)));
  return row;
}

export async function listDirectiveRows(
  db: Executor,
  scopePath: string | null,
  filter: { unitId?: string; limit: number; offset: number },
) {
  const where = and(
    scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
    filter.unitId ? eq(directives.unitId, filter.unitId) : undefined,
  );
  const items = await db
    .select(directiveColumns)
    .from(directives)
    .innerJoin(units, eq(units.id, directives.unitId))
    .where(where)
    .orderBy(desc(directives.issuedOn), desc(directives.createdAt))
    .limit(filter.limit)
    .offset(filter.offset);
  const [total] = await db
    .select({ n: count() })
    .from(directives)
    .innerJoin(units, eq(units.id, directives.unitId))
    .where(where);
  return { items, total: total?.n ?? 0 };
}

export async function insertDirective(db: Executor, values: typeof directives.$inferInsert) {
  const [row] = await db.insert(directives).values(values).returning();
  return row!;
}

export async function updateDirective(db: Executor, id: string, values: Partial<DirectiveRow>) {
  await db
    .update(directives)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(directives.id, id));
}

export function listTasks(db: Executor, directiveId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(directiveTasks)
    .where(eq(directiveTasks.directiveId, directiveId))
    .orderBy(asc(directiveTasks.position));
}

export async function listAssignments(db: Executor, directiveId: string) {
  return db
    .select({ assignment: taskAssignments, unitName: units.name, unitPath: units.path })
    .from(taskAssignments)
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(units, eq(units.id, taskAssignments.unitId))
    .where(eq(directiveTasks.directiveId, directiveId))
    .orderBy(asc(units.name));
}

/** The latest answer of each assignment of a directive (for the matrix and the report). */
export async function latestAnswers(db: Executor, directiveId: string): Promise<AnswerRow[]> {
  return db
    .selectDistinctOn([taskAnswers.assignmentId])
    .from(taskAnswers)
    .innerJoin(taskAssignments, eq(taskAssignments.id, taskAnswers.assignmentId))
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .where(eq(directiveTasks.directiveId, directiveId))
    .orderBy(taskAnswers.assignmentId, desc(taskAnswers.createdAt), desc(taskAnswers.id))
    .then((rows) => rows.map((row) => row.task_answers));
}

export async function deleteTasks(db: Executor, ids: string[]) {
  if (ids.length > 0) await db.delete(directiveTasks).where(inArray(directiveTasks.id, ids));
}

export async function countAssignmentsOf(db: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .select({ taskId: taskAssignments.taskId, n: count() })
    .from(taskAssignments)
    .where(inArray(taskAssignments.taskId, taskIds))
    .groupBy(taskAssignments.taskId);
}

export async function findAssignment(db: Executor, id: string) {
  const [row] = await db
    .select({
      assignment: taskAssignments,
      task: directiveTasks,
      directive: directives,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(taskAssignments)
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
    .innerJoin(units, eq(units.id, taskAssignments.unitId))
    .where(eq(taskAssignments.id, id));
  return row;
}

/** The tasks handed to units in the caller's scope (or to one unit), latest deadline last. */
export async function listUnitAssignments(db: Executor, scopePath: string | null, unitId?: string) {
  return db
    .select({
      assignment: taskAssignments,
      task: directiveTasks,
      directive: directives,
      unitName: units.name,
    })
    .from(taskAssignments)
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
    .innerJoin(units, eq(units.id, taskAssignments.unitId))
    .where(
      and(
        scopePath ? like(units.path, likePrefix(scopePath)) : undefined,
        unitId ? eq(taskAssignments.unitId, unitId) : undefined,
      ),
    )
    .orderBy(asc(taskAssignments.deadline), asc(directiveTasks.position))
    .limit(1000);
}

export async function answersOf(db: Executor, assignmentIds: string[]): Promise<AnswerRow[]> {
  if (assignmentIds.length === 0) return [];
  return db
    .select()
    .from(taskAnswers)
    .where(inArray(taskAnswers.assignmentId, assignmentIds))
    .orderBy(desc(taskAnswers.createdAt), desc(taskAnswers.id));
}

/** Assignments not done whose deadline falls on or before `until`, with what a reminder needs. */
export async function dueAssignments(db: Executor, until: string) {
  return db
    .select({
      assignment: taskAssignments,
      unitName: units.name,
      directiveId: directives.id,
      directiveNumber: directives.number,
      taskPosition: directiveTasks.position,
      taskText: directiveTasks.text,
    })
    .from(taskAssignments)
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskAssignments.taskId))
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
    .innerJoin(units, eq(units.id, taskAssignments.unitId))
    .where(and(ne(taskAssignments.status, 'done'), lte(taskAssignments.deadline, until)))
    .orderBy(asc(taskAssignments.deadline), asc(units.name));
}

/** Records today's reminders; the ones already recorded today are skipped. Returns the new ones' ids. */
export async function insertReminders(
  db: Executor,
  rows: { assignmentId: string; remindedOn: string; deadline: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(taskReminders)
    .values(rows)
    .onConflictDoNothing({ target: [taskReminders.assignmentId, taskReminders.remindedOn] })
    .returning({ assignmentId: taskReminders.assignmentId });
  return inserted.map((row) => row.assignmentId);
}

export async function unitsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(inArray(units.id, ids));
}
