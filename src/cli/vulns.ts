import fs from 'node:fs';
import type { Command } from 'commander';
import { alertStatus, createAlert } from '../vulns/alerts';
import { AlertCreate } from '../vulns/alerts-contract';
import { listFindings } from '../vulns/findings';
import { FindingQuery } from '../vulns/findings-contract';
import { rematch } from '../vulns/rematch';
import { snapshotFindingTrend } from '../vulns/trend';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, printTable, withContext } from './runtime';

export function registerVulnCommands(program: Command): void {
  const findings = program.command('findings').description('Lỗ hổng trên máy / findings (host × CVE)');

  findings
    .command('list')
    .description('Liệt kê phát hiện còn phải xử lý / list findings still to work on')
    .option('--unit <unit>', 'đơn vị (gồm đơn vị con) / unit and its sub-units (code or id)')
    .option('--cve <cve>', 'CVE-YYYY-NNNN')
    .option('--alert <id>', 'chỉ các CVE của cảnh báo / only the CVEs of a national alert')
    .option('--status <status>', 'open|in_progress|fixed|risk_accepted|false_positive')
    .option('--exploited', 'chỉ lỗ hổng đang bị khai thác / exploited only')
    .option('--overdue', 'chỉ quá hạn / overdue only')
    .option('--page-size <n>', 'số dòng / rows', '100')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          FindingQuery,
          {
            unitId,
            cve: opts.cve,
            alertId: opts.alert,
            status: opts.status,
            exploited: opts.exploited ? 'true' : undefined,
            overdue: opts.overdue ? 'true' : undefined,
            pageSize: opts.pageSize,
          },
          options.lang,
        );
        const page = await listFindings(ctx, query);
        printRows(options, page.items, [
          ['host', (f) => f.hostname],
          ['unit', (f) => f.unitName],
          ['cve', (f) => f.cve],
          ['severity', (f) => f.severity],
          ['exploited', (f) => (f.exploited ? 'yes' : '')],
          ['match', (f) => f.match],
          ['fix', (f) => f.fixKb ?? f.fixedBuild],
          ['due', (f) => f.dueAt.toISOString().slice(0, 10)],
          ['status', (f) => f.status],
        ]);
      });
    });

  findings
    .command('rematch')
    .description('Đối chiếu lại toàn bộ máy với các nguồn cảnh báo / match every host again now')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      // Like the job: the trend gets today's point right after the findings change.
      const result = await withContext(options, async (ctx) => {
        const matched = await rematch(ctx);
        return { ...matched, trend: await snapshotFindingTrend(ctx) };
      });
      printObject(
        options,
        result,
        `hosts ${result.hosts}, vulnerable ${result.vulnerable}, unknown ${result.unknown}, closed ${result.closed}`,
      );
    });

  const alerts = program.command('alerts').description('Cảnh báo quốc gia / national alerts');

  alerts
    .command('add')
    .description(
      'Ghi nhận cảnh báo; CVE lấy từ --cves hoặc tệp văn bản / record an alert; CVEs from --cves or a text file',
    )
    .requiredOption('--issuer <issuer>', 'cơ quan phát hành / issuer')
    .requiredOption('--number <number>', 'số hiệu, ví dụ 383/CATTT-NCSC / number')
    .requiredOption('--issued-on <date>', 'ngày ban hành YYYY-MM-DD / issue date')
    .requiredOption('--title <title>', 'trích yếu / title')
    .option('--deadline <date>', 'hạn xử lý YYYY-MM-DD / deadline')
    .option('--cves <list>', 'CVE cách nhau bởi dấu phẩy / comma-separated CVEs')
    .option('--cve-file <file>', 'tệp văn bản chứa các mã CVE / a text file holding the CVE ids')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      const input = parseInput(
        AlertCreate,
        {
          issuer: opts.issuer,
          number: opts.number,
          issuedOn: opts.issuedOn,
          title: opts.title,
          deadline: opts.deadline,
          cves: opts.cves
            ? String(opts.cves)
                .split(/[\s,;]+/)
                .filter(Boolean)
            : undefined,
          cveText: opts.cveFile ? fs.readFileSync(opts.cveFile, 'utf8') : undefined,
        },
        options.lang,
      );
      const alert = await withContext(options, (ctx) => createAlert(ctx, input));
      printObject(options, alert, `${alert.id}  ${alert.number}  ${alert.cves.length} CVE`);
    });

  alerts
    .command('show <id>')
    .description('Tình hình xử lý theo từng đơn vị / status per unit')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const status = await alertStatus(ctx, id);
        printTable(options, {
          json: status,
          heading: [`${status.alert.number} — ${status.alert.title} (${status.alert.cves.join(', ')})`],
          rows: status.units,
          columns: [
            ['unit', (u) => u.unitCode],
            ['hosts', (u) => u.hosts],
            ['noInventory', (u) => u.hostsWithoutInventory],
            ['affected', (u) => u.affectedHosts],
            ['unknown', (u) => u.unknownHosts],
            ['fixed', (u) => u.fixedHosts],
            ['openFindings', (u) => u.openFindings],
          ],
        });
      });
    });
}
