import { eq } from 'drizzle-orm';
import { assertInScope } from '../core/access';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import { storeFile } from '../files/service';
import { loadUnitInScope } from '../units/service';
import type { Answer, AnswerCreate, Evidence, EvidenceKind, UnitTask } from './contract';
import { evidenceProvider } from './evidence/registry';
import { type AnswerRow, answersOf, findAssignment, listUnitAssignments } from './queries';
import { taskAnswers, taskAssignments } from './schema';
import { isOverdue, vietnamToday } from './statuses';

/** An answer may carry what a unit has as proof: documents, scans, screenshots, spreadsheets, logs. */
export const ANSWER_FILE_KINDS = ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'text', 'zip'] as const;

function toAnswer(row: AnswerRow): Answer {
  const { assignmentId: _a, ...rest } = row;
  return rest;
}

async function loadAssignmentInScope(ctx: Ctx, id: string) {
  const row = await findAssignment(ctx.db, id);
  if (!row) throw new AppError('ASSIGNMENT_NOT_FOUND', { assignmentId: id });
  assertInScope(ctx, { id: row.assignment.unitId, path: row.unitPath });
  return row;
}

/** The tasks handed to the caller's unit (and below), or to one unit of the scope, with their answers. */
export async function listUnitTasks(ctx: Ctx, query: { unitId?: string }): Promise<{ items: UnitTask[] }> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const rows = await listUnitAssignments(ctx.db, ctx.unitPath, query.unitId);
  const answers = await answersOf(
    ctx.db,
    rows.map((row) => row.assignment.id),
  );
  const today = vietnamToday();
  return {
    items: rows.map(({ assignment, task, directive, unitName }) => ({
      id: assignment.id,
      taskId: task.id,
      unitId: assignment.unitId,
      unitName,
      deadline: assignment.deadline,
      status: assignment.status,
      answeredAt: assignment.answeredAt,
      directiveId: directive.id,
      directiveNumber: directive.number,
      directiveSubject: directive.subject,
      position: task.position,
      text: task.text,
      overdue: isOverdue(assignment.status, assignment.deadline, today),
      answers: answers.filter((a) => a.assignmentId === assignment.id).map(toAnswer),
    })),
  };
}

/** A unit answers one of its tasks: a new row in the history; the assignment shows the latest status. */
export async function answerTask(ctx: Ctx, assignmentId: string, input: AnswerCreate): Promise<Answer> {
  return inTransaction(ctx, async (tx) => {
    const { assignment } = await loadAssignmentInScope(tx, assignmentId);
    const files = [];
    for (const file of input.files) {
      const content = Buffer.from(file.contentBase64, 'base64');
      files.push(
        await storeFile(tx, assignment.unitId, { name: file.name, content }, { allowed: ANSWER_FILE_KINDS }),
      );
    }
    const [row] = await tx.db
      .insert(taskAnswers)
      .values({
        assignmentId,
        status: input.status,
        text: input.text ?? null,
        reason: input.reason ?? null,
        fileIds: files.map((f) => f.id),
        createdBy: ctx.actor.name,
      })
      .returning();
    await tx.db
      .update(taskAssignments)
      .set({ status: input.status, answeredAt: row!.createdAt })
      .where(eq(taskAssignments.id, assignmentId));
    await recordAudit(tx, {
      action: 'directive.answer',
      unitId: assignment.unitId,
      targetType: 'task_assignment',
      targetId: assignmentId,
      details: { status: input.status, files: files.length },
    });
    return toAnswer(row!);
  });
}

/** The live evidence of one assigned task, for the unit it was given to. */
export async function assignmentEvidence(ctx: Ctx, assignmentId: string): Promise<Evidence | null> {
  const { task, assignment, unitName } = await loadAssignmentInScope(ctx, assignmentId);
  if (!task.evidenceKind) return null;
  const provider = evidenceProvider(task.evidenceKind as EvidenceKind);
  const result = await provider.load(ctx, task.evidenceRef, [{ id: assignment.unitId, name: unitName }]);
  return { kind: provider.kind, title: provider.title[ctx.lang], ...result };
}
