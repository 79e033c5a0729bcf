import fs from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { readStoredFile } from '../files/service';
import { IncidentCreate, IncidentQuery } from '../incidents/contract';
import { REPORT_FORMS, type ReportForm } from '../incidents/model';
import { findIncidentIdByReference } from '../incidents/queries';
import { generateReport, getReport, saveReportDraft } from '../incidents/reports';
import { getIncidentDetail, listIncidents, openIncident } from '../incidents/service';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, UsageError, withContext } from './runtime';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case by its id or its reference ("SC-2026-0007"). */
async function resolveIncident(ctx: Ctx, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const id = await findIncidentIdByReference(ctx.db, ref);
  if (!id) throw new AppError('INCIDENT_NOT_FOUND', { incidentId: ref });
  return id;
}

export function registerIncidentCommands(program: Command): void {
  const incidents = program.command('incidents').description('Sự cố an toàn thông tin / incident cases');

  incidents
    .command('list')
    .description('Liệt kê sự cố, hạn báo cáo gần nhất trước / list cases, nearest report deadline first')
    .option('--status <status>', 'open|new|triage|containment|eradication|recovery|closed')
    .option('--unit <unit>', 'đơn vị / unit (code or id)')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(IncidentQuery, { status: opts.status, unitId, pageSize: 500 }, options.lang);
        const page = await listIncidents(ctx, query);
        printRows(options, page.items, [
          ['reference', (i) => i.reference],
          ['unit', (i) => i.unitName],
          ['status', (i) => i.status],
          ['severity', (i) => i.severity],
          [
            'next report',
            (i) => (i.nextDeadline ? `${i.nextDeadline.form} ${i.nextDeadline.countdown.label}` : ''),
          ],
          ['title', (i) => i.title],
        ]);
      });
    });

  incidents
    .command('open')
    .description('Mở sự cố / open a case')
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .requiredOption('--title <title>', 'tiêu đề / title')
    .requiredOption(
      '--category <category>',
      'malware|ransomware|defacement|intrusion|phishing|ddos|data_leak|…',
    )
    .requiredOption('--severity <severity>', 'low|medium|high|critical')
    .requiredOption('--detected <time>', 'thời điểm phát hiện, ISO 8601 / detection time')
    .option('--beyond-capacity', 'vượt khả năng tự xử lý / beyond own capacity')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = await resolveUnitId(ctx, opts.unit);
        const input = parseInput(
          IncidentCreate,
          {
            unitId,
            title: opts.title,
            category: opts.category,
            severity: opts.severity,
            detectedAt: opts.detected,
            beyondCapacity: Boolean(opts.beyondCapacity),
          },
          options.lang,
        );
        const incident = await openIncident(ctx, input);
        printObject(options, incident, `${incident.reference} ${incident.id}`);
      });
    });

  incidents
    .command('show <case>')
    .description('Chi tiết sự cố và hạn các báo cáo / a case with its report deadlines')
    .action(async (ref: string, _opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const detail = await getIncidentDetail(ctx, await resolveIncident(ctx, ref));
        const reports = detail.reports
          .filter((r) => r.applies)
          .map((r) => `  ${r.title}: ${r.dueAt ? r.dueAt.toISOString() : '-'} (${r.countdown.label})`);
        const text = [
          `${detail.reference} ${detail.title}`,
          `${detail.unitName} · ${detail.status} · ${detail.severity} · ${detail.regime}`,
          `phát hiện / detected: ${detail.detectedAt.toISOString()}`,
          'báo cáo / reports:',
          ...reports,
          `dòng thời gian / timeline: ${detail.timeline.length}, chỉ dấu / indicators: ${detail.indicators.length}, chứng cứ / evidence: ${detail.evidence.length}`,
        ].join('\n');
        printObject(options, detail, text);
      });
    });

  incidents
    .command('report <case> <form>')
    .description(`Tạo báo cáo DOCX / generate a report (${REPORT_FORMS.join('|')})`)
    .option('--signer <name>', 'người ký / signer name')
    .option('--set <field=value...>', 'sửa trường / set a field')
    .option('--out <file>', 'ghi tệp DOCX / write the DOCX here')
    .action(async (ref: string, form: string, opts, command: Command) => {
      const options = globalOptions(command);
      if (!(REPORT_FORMS as readonly string[]).includes(form)) {
        throw new UsageError(`Biểu mẫu không hợp lệ / unknown form: ${form} (${REPORT_FORMS.join('|')})`);
      }
      await withContext(options, async (ctx) => {
        const id = await resolveIncident(ctx, ref);
        const current = await getReport(ctx, id, form as ReportForm);
        const fields: Record<string, string> = { ...current.fields };
        if (opts.signer) fields.signerName = opts.signer;
        for (const pair of (opts.set as string[] | undefined) ?? []) {
          const at = pair.indexOf('=');
          if (at < 1) throw new UsageError(`--set cần dạng khóa=giá trị / needs key=value: ${pair}`);
          fields[pair.slice(0, at)] = pair.slice(at + 1);
        }
        await saveReportDraft(ctx, id, form as ReportForm, { fields });
        const report = await generateReport(ctx, id, form as ReportForm);
        if (opts.out && report.fileId)
          fs.writeFileSync(opts.out, (await readStoredFile(ctx, report.fileId)).content);
        printObject(
          options,
          report,
          `${report.title}: ${report.fileId}${opts.out ? ` → ${opts.out}` : ''} (${report.countdown.label})`,
        );
      });
    });
}
