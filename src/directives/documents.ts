import type { BodyBlock, Issuer, OfficialDocument } from '../documents/contract';
import type { DispatchRequest, ReportRequest } from './contract';

/** XML cannot carry line breaks inside one paragraph of the form: one line, single spaces. */
export function oneLine(value: string, max = 5_000): string {
  const flat = value.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "21/3/2023": how an administrative text cites another document's date. */
export function citeDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date}/${month}/${year}`;
}

/** The unit's document settings (ô 2 and ô 4). Refused upstream when the issuer or the place is missing. */
export type UnitDocumentSettings = { issuer: Issuer; place: string; shortName: string };

export type DirectiveForDocument = { number: string; issuer: string; issuedOn: string; subject: string };
export type TaskForDocument = { position: number; text: string; deadline: string | null };

/** Ô 6 ends with "./.": the last paragraph or list item gets it in place of its own final mark. */
function closeBody(blocks: BodyBlock[]): BodyBlock[] {
  const last = blocks[blocks.length - 1];
  const close = (text: string) => `${text.replace(/[\s;.,:/]+$/u, '')}./.`;
  if (last?.type === 'paragraph') last.text = close(last.text);
  if (last?.type === 'list') last.items[last.items.length - 1] = close(last.items[last.items.length - 1]!);
  return blocks;
}

/** A task as the dispatch prints it: "1. …" then its sub-items, "- …" lines as a list, others as paragraphs. */
export function taskBlocks(task: TaskForDocument): BodyBlock[] {
  const lines = task.text
    .split('\n')
    .map((l) => oneLine(l, 19_000))
    .filter(Boolean);
  const [first = '', ...rest] = lines;
  const deadline = task.deadline ? ` Thời hạn hoàn thành: trước ngày ${citeDate(task.deadline)}.` : '';
  const blocks: BodyBlock[] = [{ type: 'paragraph', text: `${task.position}. ${first}${deadline}` }];
  for (const line of rest) {
    const dash = /^[-–•+]\s+(.*)$/u.exec(line);
    const previous = blocks[blocks.length - 1];
    if (dash) {
      if (previous?.type === 'list') previous.items.push(oneLine(dash[1]!));
      else blocks.push({ type: 'list', items: [oneLine(dash[1]!)] });
    } else blocks.push({ type: 'paragraph', text: line });
  }
  return blocks;
}

export function defaultIntro(directive: DirectiveForDocument, unit: UnitDocumentSettings): string {
  return oneLine(
    `Thực hiện Văn bản số ${directive.number} ngày ${citeDate(directive.issuedOn)} của ${directive.issuer} về việc ${directive.subject}, ${unit.shortName} đề nghị các cơ quan, đơn vị triển khai thực hiện một số nhiệm vụ trọng tâm như sau:`,
    19_000,
  );
}

/** The unit's own dispatch forwarding the directive's tasks, in the layout of the March 2023 dispatch. */
export function dispatchDocument(
  directive: DirectiveForDocument,
  tasks: readonly TaskForDocument[],
  unit: UnitDocumentSettings,
  request: DispatchRequest,
): OfficialDocument {
  const body: BodyBlock[] = [
    { type: 'paragraph', text: request.intro ?? defaultIntro(directive, unit) },
    ...tasks.flatMap(taskBlocks),
  ];
  return {
    kind: 'cong_van',
    issuer: unit.issuer,
    number: request.number,
    symbol: request.symbol,
    place: unit.place,
    date: request.date,
    subject: oneLine(request.subject ?? directive.subject, 500),
    recipients: request.recipients,
    body: closeBody(body),
    distribution: request.distribution,
    archive: { drafter: request.drafter },
    signature: request.signature,
  };
}

export type ReportTask = TaskForDocument & {
  assigned: number;
  counts: Record<'not_started' | 'in_progress' | 'done' | 'cannot_do', number>;
  doneUnits: string[];
  answers: { unitName: string; text: string }[];
  /** Figures from the task's evidence provider, already worded ("12 máy đã khắc phục, …"). */
  evidence: string | null;
};
export type LateItem = {
  unitName: string;
  position: number;
  deadline: string;
  status: string;
  reason: string | null;
};

/** The renderer takes at most 500 items per list: a long list is cut into lists that print as one. */
export function listBlocks(items: readonly string[], size = 500): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (let i = 0; i < items.length; i += size) blocks.push({ type: 'list', items: items.slice(i, i + size) });
  return blocks;
}

function taskSection(task: ReportTask): BodyBlock[] {
  const { counts } = task;
  const blocks: BodyBlock[] = [
    { type: 'heading', level: 2, text: oneLine(`${task.position}. ${task.text}`, 500) },
    {
      type: 'paragraph',
      text: `Số đơn vị được giao: ${task.assigned}; đã hoàn thành: ${counts.done}; đang thực hiện: ${counts.in_progress}; chưa thực hiện: ${counts.not_started}; không thực hiện được: ${counts.cannot_do}.`,
    },
  ];
  if (task.doneUnits.length > 0) {
    blocks.push({
      type: 'paragraph',
      text: oneLine(`Các đơn vị đã hoàn thành: ${task.doneUnits.join(', ')}.`, 19_000),
    });
  }
  if (task.evidence) blocks.push({ type: 'paragraph', text: oneLine(`Số liệu: ${task.evidence}.`, 19_000) });
  if (task.answers.length > 0) {
    blocks.push(...listBlocks(task.answers.map((a) => oneLine(`${a.unitName}: ${a.text}`))));
  }
  return blocks;
}

/** The consolidated report back to the higher body (báo cáo), from what the units did and the live figures. */
export function reportDocument(
  directive: DirectiveForDocument,
  unit: UnitDocumentSettings,
  data: { tasks: readonly ReportTask[]; late: readonly LateItem[]; units: number },
  request: ReportRequest,
): OfficialDocument {
  const summary: BodyBlock = {
    type: 'table',
    header: ['Nhiệm vụ', 'Số đơn vị được giao', 'Đã hoàn thành', 'Quá hạn'],
    rows: data.tasks.map((task) => [
      String(task.position),
      String(task.assigned),
      String(task.counts.done),
      String(data.late.filter((l) => l.position === task.position).length),
    ]),
  };
  const late: BodyBlock[] =
    data.late.length === 0
      ? [{ type: 'paragraph', text: 'Không có nhiệm vụ quá hạn.' }]
      : listBlocks(
          data.late.map((l) =>
            oneLine(
              `${l.unitName}: nhiệm vụ ${l.position}, hạn ${citeDate(l.deadline)}, ${l.status}; lý do: ${l.reason ?? 'chưa báo cáo'}`,
            ),
          ),
        );
  const body: BodyBlock[] = [
    {
      type: 'paragraph',
      text: oneLine(
        `Thực hiện Văn bản số ${directive.number} ngày ${citeDate(directive.issuedOn)} của ${directive.issuer} về việc ${directive.subject}, ${unit.shortName} đã giao nhiệm vụ cho ${data.units} đơn vị và báo cáo kết quả thực hiện như sau:`,
        19_000,
      ),
    },
    { type: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' },
    summary,
    ...data.tasks.flatMap(taskSection),
    { type: 'heading', level: 1, text: 'II. NHIỆM VỤ CHẬM, CHƯA THỰC HIỆN VÀ NGUYÊN NHÂN' },
    ...late,
    { type: 'paragraph', text: `${unit.shortName} báo cáo ${directive.issuer} tổng hợp, theo dõi.` },
  ];
  return {
    kind: 'bao_cao',
    issuer: unit.issuer,
    number: request.number,
    symbol: request.symbol,
    place: unit.place,
    date: request.date,
    subject: oneLine(`Kết quả thực hiện Văn bản số ${directive.number} của ${directive.issuer}`, 500),
    recipients: request.recipients,
    body: closeBody(body),
    distribution: request.distribution,
    archive: { drafter: request.drafter },
    signature: request.signature,
  };
}
