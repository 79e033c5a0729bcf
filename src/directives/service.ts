import { eq } from 'drizzle-orm';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { Page } from '../core/pagination';
import { storeFile } from '../files/service';
import { loadUnitInScope } from '../units/service';
import type {
  AssignRequest,
  Directive,
  DirectiveCreate,
  DirectiveDetail,
  EvidenceKind,
  Task,
  TaskInput,
  UploadedFile,
} from './contract';
import { evidenceProvider } from './evidence/registry';
import {
  type DirectiveRow,
  deleteTasks,
  findDirective,
  findDirectiveByNumber,
  insertDirective,
  listAssignments,
  listDirectiveRows,
  listTasks,
  type TaskRow,
  unitsByIds,
} from './queries';
import { directiveTasks, taskAssignments } from './schema';

/** A directive's document: PDF, DOCX or a scan; the kind is read from the bytes by the file store. */
export const DIRECTIVE_FILE_KINDS = ['pdf', 'docx', 'png', 'jpeg'] as const;

export function decodeUpload(file: UploadedFile) {
  return { name: file.name, content: Buffer.from(file.contentBase64, 'base64') };
}

export function toDirective(row: { directive: DirectiveRow; unitName: string }): Directive {
  const { sourceText: _s, updatedAt: _u, ...rest } = row.directive;
  return { ...rest, unitName: row.unitName };
}

/** DIRECTIVE_NOT_FOUND, or SCOPE_FORBIDDEN when the receiving unit lies outside the caller's subtree. */
export async function loadDirectiveInScope(ctx: Ctx, id: string) {
  const row = await findDirective(ctx.db, id);
  if (!row) throw new AppError('DIRECTIVE_NOT_FOUND', { directiveId: id });
  assertInScope(ctx, { id: row.directive.unitId, path: row.unitPath });
  return row;
}

async function checkTasks(ctx: Ctx, tasks: readonly TaskInput[], issuedOn: string) {
  for (const task of tasks) {
    if (task.deadline && task.deadline < issuedOn) {
      throw new AppError('DIRECTIVE_DEADLINE_INVALID', { deadline: task.deadline, issuedOn });
    }
    if (task.evidenceKind) await evidenceProvider(task.evidenceKind).checkRef(ctx, task.evidenceRef ?? null);
  }
}

function taskValues(directiveId: string, task: TaskInput, position: number) {
  return {
    directiveId,
    position,
    text: task.text,
    deadline: task.deadline ?? null,
    evidenceKind: task.evidenceKind ?? null,
    evidenceRef: task.evidenceKind ? (task.evidenceRef ?? null) : null,
  };
}

/** Registers an incoming directive, its file and its tasks: all of it or, on any refusal, nothing. */
export async function createDirective(ctx: Ctx, input: DirectiveCreate): Promise<Directive> {
  return inTransaction(ctx, async (tx) => {
    const unit = await loadUnitInScope(tx, input.unitId);
    if (await findDirectiveByNumber(tx.db, unit.id, input.issuer, input.number)) {
      throw new AppError('DIRECTIVE_NUMBER_TAKEN', { number: input.number, issuer: input.issuer });
    }
    await checkTasks(tx, input.tasks, input.issuedOn);
    const file = input.document
      ? await storeFile(tx, unit.id, decodeUpload(input.document), { allowed: DIRECTIVE_FILE_KINDS })
      : undefined;
    const { document: _d, tasks, ...fields } = input;
    const row = await insertDirective(tx.db, {
      ...fields,
      deadline: input.deadline ?? null,
      sourceText: input.sourceText ?? null,
      documentFileId: file?.id ?? null,
      createdBy: ctx.actor.name,
    });
    if (tasks.length > 0) {
      await tx.db.insert(directiveTasks).values(tasks.map((task, i) => taskValues(row.id, task, i + 1)));
    }
    await recordAudit(tx, {
      action: 'directive.create',
      unitId: unit.id,
      targetType: 'directive',
      targetId: row.id,
      details: { number: row.number, issuer: row.issuer, tasks: tasks.length, fileId: file?.id ?? null },
    });
    return toDirective({ directive: row, unitName: unit.name });
  });
}

export async function listDirectives(
  ctx: Ctx,
  query: { unitId?: string; page: number; pageSize: number },
): Promise<Page<Directive>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const { items, total } = await listDirectiveRows(ctx.db, ctx.unitPath, {
    unitId: query.unitId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: items.map(toDirective), total, page: query.page, pageSize: query.pageSize };
}

export function toTask(row: TaskRow): Task {
  const { directiveId: _d, ...rest } = row;
  return { ...rest, evidenceKind: rest.evidenceKind as EvidenceKind | null };
}

export async function getDirective(ctx: Ctx, id: string): Promise<DirectiveDetail> {
  const row = await loadDirectiveInScope(ctx, id);
  const tasks = await listTasks(ctx.db, id);
  const assignments = await listAssignments(ctx.db, id);
  return {
    ...toDirective(row),
    sourceText: row.directive.sourceText,
    tasks: tasks.map((task) => ({
      ...toTask(task),
      assignments: assignments
        .filter((a) => a.assignment.taskId === task.id)
        .map((a) => {
          const { createdAt: _c, ...rest } = a.assignment;
          return { ...rest, unitName: a.unitName };
        }),
    })),
  };
}

/**
 * Replaces the task list as a person edited it. Tasks keep their id (and their assignments and answers)
 * when sent back with it; a task left out is removed, unless it was already handed out.
 */
export async function replaceTasks(ctx: Ctx, id: string, tasks: TaskInput[]): Promise<DirectiveDetail> {
  await inTransaction(ctx, async (tx) => {
    const { directive } = await loadDirectiveInScope(tx, id);
    await checkTasks(tx, tasks, directive.issuedOn);
    const existing = await listTasks(tx.db, id);
    const kept = new Set(tasks.flatMap((t) => (t.id ? [t.id] : [])));
    const unknown = [...kept].find((taskId) => !existing.some((e) => e.id === taskId));
    if (unknown) throw new AppError('DIRECTIVE_TASK_NOT_FOUND', { taskId: unknown });
    const removed = existing.filter((task) => !kept.has(task.id));
    const assigned = await listAssignments(tx.db, id);
    const blocked = removed.find((task) => assigned.some((a) => a.assignment.taskId === task.id));
    if (blocked) throw new AppError('DIRECTIVE_TASK_ANSWERED', { position: blocked.position });
    await deleteTasks(
      tx.db,
      removed.map((task) => task.id),
    );
    // Positions are unique: park the kept ones out of the way before numbering them again.
    for (const task of existing.filter((t) => kept.has(t.id))) {
      await tx.db.update(directiveTasks).set({ position: -task.position }).where(eqId(task.id));
    }
    for (const [index, task] of tasks.entries()) {
      const values = taskValues(id, task, index + 1);
      if (task.id) await tx.db.update(directiveTasks).set(values).where(eqId(task.id));
      else await tx.db.insert(directiveTasks).values(values);
    }
    await recordAudit(tx, {
      action: 'directive.tasks',
      unitId: directive.unitId,
      targetType: 'directive',
      targetId: id,
      details: { tasks: tasks.length, removed: removed.length },
    });
  });
  return getDirective(ctx, id);
}

function eqId(id: string) {
  return eq(directiveTasks.id, id);
}

/** Hands tasks to units below the receiving unit, each with a deadline; assigning again moves the deadline. */
export async function assignTasks(ctx: Ctx, id: string, input: AssignRequest): Promise<DirectiveDetail> {
  await inTransaction(ctx, async (tx) => {
    const { directive, unitPath } = await loadDirectiveInScope(tx, id);
    if (input.deadline < directive.issuedOn) {
      throw new AppError('DIRECTIVE_DEADLINE_INVALID', {
        deadline: input.deadline,
        issuedOn: directive.issuedOn,
      });
    }
    const tasks = await listTasks(tx.db, id);
    const missing = input.taskIds.find((taskId) => !tasks.some((t) => t.id === taskId));
    if (missing) throw new AppError('DIRECTIVE_TASK_NOT_FOUND', { taskId: missing });
    const found = await unitsByIds(tx.db, input.unitIds);
    for (const unitId of input.unitIds) {
      const unit = found.find((u) => u.id === unitId);
      if (!unit) throw new AppError('UNIT_NOT_FOUND', { unitId });
      if (!unit.path.startsWith(unitPath) || unit.path === unitPath) {
        throw new AppError('DIRECTIVE_NOT_BELOW', { unit: unit.name });
      }
    }
    const rows = input.taskIds.flatMap((taskId) =>
      input.unitIds.map((unitId) => ({ taskId, unitId, deadline: input.deadline })),
    );
    await tx.db
      .insert(taskAssignments)
      .values(rows)
      .onConflictDoUpdate({
        target: [taskAssignments.taskId, taskAssignments.unitId],
        set: { deadline: input.deadline },
      });
    await recordAudit(tx, {
      action: 'directive.assign',
      unitId: directive.unitId,
      targetType: 'directive',
      targetId: id,
      details: { tasks: input.taskIds.length, units: input.unitIds.length, deadline: input.deadline },
    });
  });
  return getDirective(ctx, id);
}
