import type { Command } from 'commander';
import { EventQuery } from '../monitoring/events/contract';
import { listEvents } from '../monitoring/events/service';
import { LogSourceCreate, LogSourceQuery } from '../monitoring/ingest/sources-contract';
import { createLogSource, listLogSources } from '../monitoring/ingest/sources-service';
import { ingestStats } from '../monitoring/ingest/stats-service';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, printTable, withContext } from './runtime';

/** `canh-gac sources list|add|unknown` and `canh-gac events search`: the same services as the web API. */
export function registerMonitoringSourceCommands(program: Command): void {
  const sources = program.command('sources').description('Nguồn nhật ký / log sources (syslog, HTTP)');

  sources
    .command('list')
    .description('Liệt kê nguồn nhật ký / list log sources')
    .option('--unit <unit>', 'đơn vị / unit (code or id)')
    .option('--page-size <n>', 'số dòng / rows', '100')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(LogSourceQuery, { unitId, pageSize: opts.pageSize }, options.lang);
        const page = await listLogSources(ctx, query);
        printRows(options, page.items, [
          ['id', (s) => s.id],
          ['name', (s) => s.name],
          ['kind', (s) => s.kind],
          ['cidr', (s) => s.cidr],
          ['token', (s) => (s.tokenPrefix ? `${s.tokenPrefix}…` : null)],
          ['tz', (s) => s.tzOffsetMinutes],
          ['enabled', (s) => (s.enabled ? 'yes' : 'no')],
        ]);
      });
    });

  sources
    .command('add')
    .description('Đăng ký nguồn / register a source: --cidr for syslog senders, --http for a token')
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .requiredOption('--name <name>', 'tên / name')
    .option('--cidr <network>', 'địa chỉ hoặc mạng gửi syslog / sender address or network (10.1.2.0/24)')
    .option('--http', 'nguồn HTTP có mã nạp / HTTP source with an ingest token (shown once)')
    .option('--tz <minutes>', 'phút lệch UTC cho dấu thời gian không có múi / minutes east of UTC', '420')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = await resolveUnitId(ctx, opts.unit);
        const input = parseInput(
          LogSourceCreate,
          {
            unitId,
            name: opts.name,
            kind: opts.http ? 'http' : 'syslog',
            ...(opts.cidr ? { cidr: opts.cidr } : {}),
            tzOffsetMinutes: Number(opts.tz),
          },
          options.lang,
        );
        const created = await createLogSource(ctx, input);
        printObject(
          options,
          created,
          created.token
            ? `${created.source.id}\nmã nạp (chỉ hiện một lần) / ingest token (shown once): ${created.token}`
            : `${created.source.id} ${created.source.cidr}`,
        );
      });
    });

  sources
    .command('unknown')
    .description('Máy gửi chưa đăng ký / senders that match no source (counts)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const stats = await ingestStats(ctx);
        printRows(options, stats.unknownSenders, [
          ['address', (u) => u.address],
          ['transport', (u) => u.transport],
          ['count', (u) => u.count],
          ['last seen', (u) => u.lastSeenAt],
          ['last message', (u) => (u.lastMessage ?? '').slice(0, 80)],
        ]);
      });
    });

  registerEventSearch(program);
}

function registerEventSearch(program: Command): void {
  const events = program.command('events').description('Sự kiện nhật ký đã lưu / stored log events');
  events
    .command('search')
    .description('Tìm sự kiện / search events (newest first)')
    .option('--unit <unit>', 'đơn vị / unit (code or id)')
    .option('--source <id>', 'nguồn / source id')
    .option('--from <time>', 'từ / from (ISO 8601)')
    .option('--to <time>', 'đến / to (ISO 8601)')
    .option('--host <host>', 'máy / host')
    .option('--app <app>', 'ứng dụng / app (sshd, …)')
    .option('--format <format>', 'định dạng / format (sshd, fortigate, windows, …)')
    .option('-q, --text <text>', 'chuỗi trong nội dung / substring of the message')
    .option('--field <name=value...>', 'giá trị trường / exact field value, repeatable')
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng / rows', '50')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          EventQuery,
          {
            unitId,
            sourceId: opts.source,
            from: opts.from,
            to: opts.to,
            host: opts.host,
            app: opts.app,
            format: opts.format,
            q: opts.text,
            field: opts.field,
            page: opts.page,
            pageSize: opts.pageSize,
          },
          options.lang,
        );
        const page = await listEvents(ctx, query);
        printTable(options, {
          json: page,
          rows: page.items,
          columns: [
            ['time', (e) => e.time],
            ['host', (e) => e.host],
            ['app', (e) => e.app],
            ['format', (e) => e.format],
            ['message', (e) => e.message.slice(0, 120)],
          ],
          footer: [`${page.items.length} / ${page.total}`],
        });
      });
    });
}
