import { isInScope } from '../core/access';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import type { Evidence, EvidenceKind, Matrix, MatrixCell } from './contract';
import { evidenceProvider } from './evidence/registry';
import {
  type AnswerRow,
  type AssignmentRow,
  latestAnswers,
  listAssignments,
  listTasks,
  type TaskRow,
} from './queries';
import { loadDirectiveInScope } from './service';
import { cellColour, isOverdue, vietnamToday } from './statuses';

export type MatrixInput = {
  tasks: readonly Pick<TaskRow, 'id' | 'position' | 'text'>[];
  assignments: readonly { assignment: AssignmentRow; unitName: string }[];
  answers: readonly AnswerRow[];
  today: string;
};

/**
 * Units × tasks: one row per unit that was given a task, one cell per task (null where not given).
 * Rows with the most overdue tasks come first, then the fewest done, then by name: who to call first.
 */
export function buildMatrix(input: MatrixInput): Matrix {
  const latest = new Map(input.answers.map((answer) => [answer.assignmentId, answer]));
  const columns = new Map(input.tasks.map((task, index) => [task.id, index]));
  const rows = new Map<string, Matrix['rows'][number]>();
  for (const { assignment, unitName } of input.assignments) {
    const column = columns.get(assignment.taskId);
    if (column === undefined) continue;
    let row = rows.get(assignment.unitId);
    if (!row) {
      row = { unitId: assignment.unitId, unitName, overdue: 0, done: 0, cells: input.tasks.map(() => null) };
      rows.set(assignment.unitId, row);
    }
    const answer = latest.get(assignment.id);
    const overdue = isOverdue(assignment.status, assignment.deadline, input.today);
    const cell: MatrixCell = {
      assignmentId: assignment.id,
      taskId: assignment.taskId,
      status: assignment.status,
      deadline: assignment.deadline,
      overdue,
      colour: cellColour(assignment.status, assignment.deadline, input.today),
      lastText: answer?.text ?? null,
      reason: answer?.reason ?? null,
    };
    row.cells[column] = cell;
    if (overdue) row.overdue++;
    if (assignment.status === 'done') row.done++;
  }
  const sorted = [...rows.values()].sort(
    (a, b) => b.overdue - a.overdue || a.done - b.done || a.unitName.localeCompare(b.unitName, 'vi'),
  );
  return {
    today: input.today,
    tasks: input.tasks.map(({ id, position, text }) => ({ id, position, text })),
    rows: sorted,
  };
}

/** The issuing unit's view of a directive: every recipient unit of its scope against every task. */
export async function directiveMatrix(ctx: Ctx, id: string, now: Date = new Date()): Promise<Matrix> {
  await loadDirectiveInScope(ctx, id);
  const assignments = (await listAssignments(ctx.db, id)).filter((a) => isInScope(ctx, a.unitPath));
  return buildMatrix({
    tasks: await listTasks(ctx.db, id),
    assignments,
    answers: await latestAnswers(ctx.db, id),
    today: vietnamToday(now),
  });
}

/** The live evidence of one task across the units it was given to. */
export async function taskEvidence(ctx: Ctx, id: string, taskId: string): Promise<Evidence | null> {
  await loadDirectiveInScope(ctx, id);
  const task = (await listTasks(ctx.db, id)).find((t) => t.id === taskId);
  if (!task) throw new AppError('DIRECTIVE_TASK_NOT_FOUND', { taskId });
  if (!task.evidenceKind) return null;
  const units = (await listAssignments(ctx.db, id))
    .filter((a) => a.assignment.taskId === taskId)
    .map((a) => ({ id: a.assignment.unitId, name: a.unitName }));
  const provider = evidenceProvider(task.evidenceKind as EvidenceKind);
  const result = await provider.load(ctx, task.evidenceRef, units);
  return { kind: provider.kind, title: provider.title[ctx.lang], ...result };
}
