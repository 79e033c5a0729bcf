import { z } from 'zod';
import { PageQuery, pageOf } from '../core/pagination';
import { Signature } from '../documents/contract';
import { StoredFile } from '../files/contract';
import { ANSWER_STATUSES } from './statuses';

/**
 * Số/ký hiệu of a Vietnamese administrative document: a number, an optional year, then the symbol groups
 * joined by "-" (Decree 30/2020 Phụ lục I ô 3): "383/CATTT-NCSC", "12/UBND-VP", "05/2017/QĐ-TTg".
 */
export const DOCUMENT_NUMBER =
  /^(?!0+\/)\d{1,6}(?:\/(?:19|20)\d{2})?\/[\p{Lu}\p{N}][\p{L}\p{N}]*(?:-[\p{L}\p{N}.&]+)*$/u;

export const DocumentNumber = z.string().trim().max(60).regex(DOCUMENT_NUMBER, 'format.document-number');

/** A calendar date between 1990 and 2100: a typo like 0203-03-21 is refused, not stored. */
const Day = z.iso
  .date()
  .refine((value) => value >= '1990-01-01' && value <= '2100-12-31', 'format.date-range');

const line = (max: number) => z.string().trim().min(1).max(max);

export const EVIDENCE_KINDS = ['vulns_alert', 'camera_levels', 'watch_roster'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const TaskInput = z
  .object({
    /** Keeps an existing task (and its assignments) when the list is edited. */
    id: z.uuid().optional(),
    text: z.string().trim().min(1).max(10_000),
    deadline: Day.nullable().optional(),
    evidenceKind: EvidenceKind.nullable().optional(),
    evidenceRef: z.string().trim().max(200).nullable().optional(),
  })
  .strict();
export type TaskInput = z.infer<typeof TaskInput>;

/** A file sent inside JSON (base64): one request, one transaction, one zod schema for the whole form. */
export const UploadedFile = z
  .object({ name: line(200), contentBase64: z.base64().max(36 * 1024 * 1024) })
  .strict();
export type UploadedFile = z.infer<typeof UploadedFile>;

export const DirectiveCreate = z
  .object({
    unitId: z.uuid(),
    number: DocumentNumber,
    issuer: line(300),
    issuedOn: Day,
    subject: line(1_000),
    deadline: Day.nullable().optional(),
    sourceText: z.string().max(200_000).nullable().optional(),
    document: UploadedFile.optional(),
    tasks: z.array(TaskInput).max(200).default([]),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.deadline && input.deadline < input.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'format.deadline-before-issue' });
    }
  });
export type DirectiveCreate = z.output<typeof DirectiveCreate>;

export const TasksReplace = z.object({ tasks: z.array(TaskInput).max(200) }).strict();
export const SplitRequest = z.object({ text: z.string().max(200_000) }).strict();
export const SplitResult = z.object({
  preamble: z.string(),
  tasks: z.array(z.object({ marker: z.string(), text: z.string() })),
});

export const AssignRequest = z
  .object({
    taskIds: z.array(z.uuid()).min(1).max(200),
    unitIds: z.array(z.uuid()).min(1).max(500),
    deadline: Day,
  })
  .strict();
export type AssignRequest = z.infer<typeof AssignRequest>;

export const DispatchRequest = z
  .object({
    /** Left out until the document is numbered at signing (printed blank, as the 2023 dispatch was). */
    number: z.number().int().min(1).max(999_999).optional(),
    symbol: z.string().trim().min(1).max(40),
    date: Day.optional(),
    subject: line(500).optional(),
    recipients: z.array(line(300)).min(1).max(50),
    /** The opening that cites the higher document; generated from the directive when absent. */
    intro: line(5_000).optional(),
    distribution: z.array(line(300)).max(100).default(['Như trên']),
    drafter: line(50),
    signature: Signature,
  })
  .strict();
export type DispatchRequest = z.output<typeof DispatchRequest>;

export const ReportRequest = z
  .object({
    number: z.number().int().min(1).max(999_999).optional(),
    symbol: z.string().trim().min(1).max(40),
    date: Day.optional(),
    recipients: z.array(line(300)).max(50).default([]),
    distribution: z.array(line(300)).max(100).default([]),
    drafter: line(50),
    signature: Signature,
  })
  .strict();
export type ReportRequest = z.output<typeof ReportRequest>;

export const AnswerCreate = z
  .object({
    status: z.enum(ANSWER_STATUSES),
    text: z.string().trim().max(20_000).nullable().optional(),
    reason: z.string().trim().max(5_000).nullable().optional(),
    files: z.array(UploadedFile).max(10).default([]),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.status === 'cannot_do' && !input.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'format.reason-required' });
    }
  });
export type AnswerCreate = z.output<typeof AnswerCreate>;

export const Task = z.object({
  id: z.uuid(),
  position: z.number().int(),
  text: z.string(),
  deadline: z.string().nullable(),
  evidenceKind: EvidenceKind.nullable(),
  evidenceRef: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const Directive = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  subject: z.string(),
  deadline: z.string().nullable(),
  documentFileId: z.uuid().nullable(),
  dispatchFileId: z.uuid().nullable(),
  reportFileId: z.uuid().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type Directive = z.infer<typeof Directive>;

export const Assignment = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  deadline: z.string(),
  status: z.enum(ANSWER_STATUSES),
  answeredAt: z.date().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const DirectiveDetail = Directive.extend({
  sourceText: z.string().nullable(),
  tasks: z.array(Task.extend({ assignments: z.array(Assignment) })),
});
export type DirectiveDetail = z.infer<typeof DirectiveDetail>;

export const DirectiveQuery = PageQuery.extend({ unitId: z.uuid().optional() }).strict();
export const DirectivePage = pageOf(Directive);
export const DirectiveIdParams = z.object({ id: z.uuid() }).strict();
export const AssignmentIdParams = z.object({ id: z.uuid() }).strict();
export const TaskEvidenceParams = z.object({ id: z.uuid(), taskId: z.uuid() }).strict();

export const Answer = z.object({
  id: z.uuid(),
  status: z.enum(ANSWER_STATUSES),
  text: z.string().nullable(),
  reason: z.string().nullable(),
  fileIds: z.array(z.uuid()),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type Answer = z.infer<typeof Answer>;

/** A unit's own task, as its officer sees it: the task, the directive it comes from, and the answers. */
export const UnitTask = Assignment.extend({
  directiveId: z.uuid(),
  directiveNumber: z.string(),
  directiveSubject: z.string(),
  position: z.number().int(),
  text: z.string(),
  overdue: z.boolean(),
  answers: z.array(Answer),
});
export type UnitTask = z.infer<typeof UnitTask>;
export const UnitTaskQuery = z.object({ unitId: z.uuid().optional() }).strict();
export const UnitTaskList = z.object({ items: z.array(UnitTask) });

export const MatrixCell = z.object({
  assignmentId: z.uuid(),
  taskId: z.uuid(),
  status: z.enum(ANSWER_STATUSES),
  deadline: z.string(),
  overdue: z.boolean(),
  colour: z.enum(['grey', 'blue', 'green', 'orange', 'red']),
  lastText: z.string().nullable(),
  reason: z.string().nullable(),
});
export type MatrixCell = z.infer<typeof MatrixCell>;
export const Matrix = z.object({
  today: z.string(),
  tasks: z.array(Task.pick({ id: true, position: true, text: true })),
  rows: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      overdue: z.number().int(),
      done: z.number().int(),
      cells: z.array(MatrixCell.nullable()),
    }),
  ),
});
export type Matrix = z.infer<typeof Matrix>;

export const EvidenceUnit = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  figures: z.record(z.string(), z.number()),
  summary: z.string(),
});
export const Evidence = z.object({
  kind: EvidenceKind,
  title: z.string(),
  /** "placeholder" until the capability that feeds it exists. */
  state: z.enum(['live', 'placeholder']),
  units: z.array(EvidenceUnit),
  totals: z.record(z.string(), z.number()),
});
export type Evidence = z.infer<typeof Evidence>;

export const Reminder = z.object({
  assignmentId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  directiveId: z.uuid(),
  directiveNumber: z.string(),
  taskPosition: z.number().int(),
  taskText: z.string(),
  deadline: z.string(),
  status: z.enum(ANSWER_STATUSES),
  overdue: z.boolean(),
});
export type Reminder = z.infer<typeof Reminder>;

export { StoredFile };
