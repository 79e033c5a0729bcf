import { ZodError } from 'zod';
import { recordAudit } from '../core/audit';
import { type Ctx, inTransaction } from '../core/context';
import { AppError } from '../core/errors';
import type { OfficialDocument } from '../documents/contract';
import { renderDocx } from '../documents/render-docx';
import type { StoredFile } from '../files/contract';
import { storeFile } from '../files/service';
import type { UnitRow } from '../units/queries';
import { loadUnitInScope } from '../units/service';
import type { DispatchRequest, EvidenceKind, ReportRequest } from './contract';
import {
  dispatchDocument,
  type LateItem,
  type ReportTask,
  reportDocument,
  type UnitDocumentSettings,
} from './documents';
import { evidenceProvider } from './evidence/registry';
import { latestAnswers, listAssignments, listTasks, updateDirective } from './queries';
import { loadDirectiveInScope } from './service';
import { isOverdue, STATUS_LABELS, vietnamToday } from './statuses';

/** Ô 2 and ô 4 come from the unit's settings, never from code: a unit without them cannot issue. */
export function documentSettings(unit: UnitRow): UnitDocumentSettings {
  const missing = [...(unit.issuerName ? [] : ['issuerName']), ...(unit.placeName ? [] : ['placeName'])];
  if (missing.length > 0)
    throw new AppError('DIRECTIVE_SETTINGS_MISSING', { unit: unit.name, fields: missing.join(', ') });
  return {
    issuer: { parentName: unit.issuerParentName ?? undefined, name: unit.issuerName! },
    place: unit.placeName!,
    shortName: unit.name,
  };
}

async function render(doc: OfficialDocument): Promise<Buffer> {
  try {
    return await renderDocx(doc);
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('DIRECTIVE_DOCUMENT_INVALID', { problems });
    }
    throw error;
  }
}

function fileSafe(number: string): string {
  return number.replace(/[^\p{L}\p{N}-]+/gu, '-');
}

/** Composes, renders and stores the unit's dispatch forwarding the directive; the file is kept with it. */
export async function composeDispatch(ctx: Ctx, id: string, request: DispatchRequest): Promise<StoredFile> {
  return inTransaction(ctx, async (tx) => {
    const { directive } = await loadDirectiveInScope(tx, id);
    const tasks = await listTasks(tx.db, id);
    if (tasks.length === 0) throw new AppError('DIRECTIVE_NO_TASKS');
    const unit = documentSettings(await loadUnitInScope(tx, directive.unitId));
    const content = await render(dispatchDocument(directive, tasks, unit, request));
    const name = `cong-van-thuc-hien-${fileSafe(directive.number)}.docx`;
    const file = await storeFile(tx, directive.unitId, { name, content }, { allowed: ['docx'] });
    await updateDirective(tx.db, id, { dispatchFileId: file.id });
    await recordAudit(tx, {
      action: 'directive.dispatch',
      unitId: directive.unitId,
      targetType: 'directive',
      targetId: id,
      details: { fileId: file.id, number: request.number ?? null, symbol: request.symbol },
    });
    return file;
  });
}

/** Gathers the report's data from the assignments, the latest answers and the evidence providers. */
export async function reportData(ctx: Ctx, id: string, now: Date = new Date()) {
  const tasks = await listTasks(ctx.db, id);
  const assignments = await listAssignments(ctx.db, id);
  const latest = new Map((await latestAnswers(ctx.db, id)).map((a) => [a.assignmentId, a]));
  const today = vietnamToday(now);
  const late: LateItem[] = [];
  const reportTasks: ReportTask[] = [];
  for (const task of tasks) {
    const given = assignments.filter((a) => a.assignment.taskId === task.id);
    const counts = { not_started: 0, in_progress: 0, done: 0, cannot_do: 0 };
    const answers: ReportTask['answers'] = [];
    for (const { assignment, unitName } of given) {
      counts[assignment.status]++;
      const answer = latest.get(assignment.id);
      if (answer?.text) answers.push({ unitName, text: answer.text });
      if (isOverdue(assignment.status, assignment.deadline, today) || assignment.status === 'cannot_do') {
        late.push({
          unitName,
          position: task.position,
          deadline: assignment.deadline,
          status: STATUS_LABELS[assignment.status].vi.toLowerCase(),
          reason: answer?.reason ?? null,
        });
      }
    }
    let evidence: string | null = null;
    if (task.evidenceKind && given.length > 0) {
      const provider = evidenceProvider(task.evidenceKind as EvidenceKind);
      const result = await provider.load(
        { ...ctx, lang: 'vi' },
        task.evidenceRef,
        given.map((a) => ({ id: a.assignment.unitId, name: a.unitName })),
      );
      evidence = result.state === 'live' ? evidenceSentence(provider.title.vi, result.totals) : null;
    }
    reportTasks.push({
      ...task,
      assigned: given.length,
      counts,
      doneUnits: given.filter((a) => a.assignment.status === 'done').map((a) => a.unitName),
      answers,
      evidence,
    });
  }
  return { tasks: reportTasks, late, units: new Set(assignments.map((a) => a.assignment.unitId)).size };
}

const FIGURE_WORDS: Record<string, string> = {
  hosts: 'máy được quản lý',
  affectedHosts: 'máy còn lỗ hổng',
  fixedHosts: 'máy đã khắc phục',
  unknownHosts: 'máy chưa xác định',
  hostsWithoutInventory: 'máy chưa kiểm kê',
};

function evidenceSentence(title: string, totals: Record<string, number>): string {
  const parts = Object.entries(totals).map(([key, value]) => `${value} ${FIGURE_WORDS[key] ?? key}`);
  return `${title}: ${parts.join(', ')}`;
}

/** Renders the consolidated report from live data and keeps the file with the directive. */
export async function generateReport(ctx: Ctx, id: string, request: ReportRequest): Promise<StoredFile> {
  return inTransaction(ctx, async (tx) => {
    const { directive } = await loadDirectiveInScope(tx, id);
    const unit = documentSettings(await loadUnitInScope(tx, directive.unitId));
    const data = await reportData(tx, id);
    if (data.tasks.length === 0) throw new AppError('DIRECTIVE_NO_TASKS');
    const recipients = request.recipients.length > 0 ? request.recipients : [directive.issuer];
    const content = await render(reportDocument(directive, unit, data, { ...request, recipients }));
    const name = `bao-cao-ket-qua-${fileSafe(directive.number)}.docx`;
    const file = await storeFile(tx, directive.unitId, { name, content }, { allowed: ['docx'] });
    await updateDirective(tx.db, id, { reportFileId: file.id });
    await recordAudit(tx, {
      action: 'directive.report',
      unitId: directive.unitId,
      targetType: 'directive',
      targetId: id,
      details: { fileId: file.id, tasks: data.tasks.length, late: data.late.length },
    });
    return file;
  });
}
