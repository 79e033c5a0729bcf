import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DirectiveCreate, DirectiveQuery, ReportRequest } from '../directives/contract';
import { generateReport } from '../directives/generate';
import { directiveMatrix } from '../directives/matrix';
import { remindAndMail } from '../directives/reminders';
import { createDirective, getDirective, listDirectives } from '../directives/service';
import { splitTasks } from '../directives/split-tasks';
import { readStoredFile } from '../files/service';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, printTable, withContext } from './runtime';

function signatureOf(opts: Record<string, string | undefined>) {
  return {
    authority: opts.authority,
    authorityOf: opts.authorityOf,
    onBehalfOf: opts.onBehalfOf,
    title: opts.signerTitle,
    name: opts.signerName,
  };
}

export function registerDirectiveCommands(program: Command): void {
  const directives = program
    .command('directives')
    .description('Văn bản chỉ đạo và nhiệm vụ / incoming directives and their tasks');

  directives
    .command('add')
    .description(
      'Vào sổ văn bản đến; nhiệm vụ đề xuất từ tệp văn bản / register a directive; tasks proposed from a text file',
    )
    .requiredOption('--unit <unit>', 'đơn vị nhận / receiving unit (code or id)')
    .requiredOption('--number <number>', 'số/ký hiệu, ví dụ 285/STTTT-CNBCVT / number')
    .requiredOption('--issuer <issuer>', 'cơ quan ban hành / issuer')
    .requiredOption('--issued-on <date>', 'ngày ban hành YYYY-MM-DD / date of issue')
    .requiredOption('--subject <subject>', 'trích yếu / subject')
    .option('--deadline <date>', 'hạn YYYY-MM-DD / deadline')
    .option('--file <file>', 'tệp văn bản PDF/DOCX/ảnh / the document (PDF, DOCX, image)')
    .option('--text <file>', 'nội dung văn bản (UTF-8) để đề xuất nhiệm vụ / the text, to propose tasks')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const sourceText = opts.text ? fs.readFileSync(opts.text, 'utf8') : undefined;
        const input = parseInput(
          DirectiveCreate,
          {
            unitId: await resolveUnitId(ctx, opts.unit),
            number: opts.number,
            issuer: opts.issuer,
            issuedOn: opts.issuedOn,
            subject: opts.subject,
            deadline: opts.deadline,
            sourceText,
            document: opts.file
              ? {
                  name: path.basename(opts.file),
                  contentBase64: fs.readFileSync(opts.file).toString('base64'),
                }
              : undefined,
            tasks: sourceText ? splitTasks(sourceText).tasks.map((task) => ({ text: task.text })) : [],
          },
          options.lang,
        );
        const directive = await createDirective(ctx, input);
        printObject(
          options,
          directive,
          `${directive.id}  ${directive.number}  ${input.tasks.length} nhiệm vụ/tasks`,
        );
      });
    });

  directives
    .command('list')
    .description('Liệt kê văn bản chỉ đạo / list directives')
    .option('--unit <unit>', 'đơn vị nhận / receiving unit (code or id)')
    .option('--page-size <n>', 'số dòng / rows', '100')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(DirectiveQuery, { unitId, pageSize: opts.pageSize }, options.lang);
        const page = await listDirectives(ctx, query);
        printRows(options, page.items, [
          ['id', (d) => d.id],
          ['number', (d) => d.number],
          ['issuedOn', (d) => d.issuedOn],
          ['issuer', (d) => d.issuer],
          ['unit', (d) => d.unitName],
          ['deadline', (d) => d.deadline],
          ['subject', (d) => d.subject.slice(0, 60)],
        ]);
      });
    });

  directives
    .command('show <id>')
    .description('Nhiệm vụ và tình hình thực hiện theo đơn vị / tasks and each unit’s status')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const detail = await getDirective(ctx, id);
        const matrix = await directiveMatrix(ctx, id);
        type Row = (typeof matrix.rows)[number];
        printTable(options, {
          json: { ...detail, matrix },
          heading: [
            `${detail.number} (${detail.issuedOn}) — ${detail.subject}`,
            ...detail.tasks.map(
              (task) => `${task.position}. ${task.text.split('\n')[0]} [${task.assignments.length}]`,
            ),
          ],
          rows: matrix.rows,
          columns: [
            ['unit', (r: Row) => r.unitName],
            ['overdue', (r: Row) => r.overdue],
            ['done', (r: Row) => r.done],
            ...matrix.tasks.map(
              (task, i) => [String(task.position), (r: Row) => r.cells[i]?.status ?? ''] as const,
            ),
          ],
        });
      });
    });

  directives
    .command('report <id>')
    .description('Tạo báo cáo tổng hợp (DOCX) từ dữ liệu thực / generate the consolidated report (DOCX)')
    .requiredOption('--out <file>', 'tệp DOCX ghi ra / DOCX file to write')
    .requiredOption('--symbol <symbol>', 'ký hiệu, ví dụ BC-UBND / symbol')
    .requiredOption('--drafter <abbr>', 'đơn vị soạn thảo (dòng Lưu) / drafting unit abbreviation')
    .requiredOption('--signer-name <name>', 'người ký / signer')
    .option('--signer-title <title>', 'chức vụ người ký / signer title')
    .option('--authority <mark>', 'TM., KT., Q., TL., TUQ.')
    .option('--authority-of <text>', 'sau dấu thẩm quyền, ví dụ CHỦ TỊCH / after the mark')
    .option('--on-behalf-of <text>', 'dòng TM. trên dòng KT. / the TM. line above KT.')
    .option('--number <n>', 'số văn bản / number')
    .option('--date <date>', 'ngày YYYY-MM-DD / date')
    .action(async (id: string, opts, command: Command) => {
      const options = globalOptions(command);
      const request = parseInput(
        ReportRequest,
        {
          number: opts.number ? Number(opts.number) : undefined,
          symbol: opts.symbol,
          date: opts.date,
          drafter: opts.drafter,
          signature: signatureOf(opts),
        },
        options.lang,
      );
      await withContext(options, async (ctx) => {
        const file = await generateReport(ctx, id, request);
        fs.writeFileSync(opts.out, (await readStoredFile(ctx, file.id)).content);
        printObject(options, file, `${opts.out}  ${file.size} B  sha256 ${file.sha256}`);
      });
    });

  directives
    .command('remind')
    .description(
      'Ghi và gửi thư nhắc hạn nhiệm vụ sắp đến hạn / record and mail reminders for tasks due soon',
    )
    .option('--days <n>', 'số ngày trước hạn / days before the deadline', '3')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      const run = await withContext(options, (ctx) => remindAndMail(ctx, { days: Number(opts.days) }));
      printRows(options, run.reminders, [
        ['unit', (r) => r.unitName],
        ['directive', (r) => r.directiveNumber],
        ['task', (r) => r.taskPosition],
        ['deadline', (r) => r.deadline],
        ['status', (r) => r.status],
      ]);
    });
}
