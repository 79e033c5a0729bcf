import type { Command } from 'commander';
import { WatchAlertQuery } from '../watch/alerts/contract';
import { listWatchAlerts } from '../watch/alerts/service';
import { listRosters } from '../watch/oncall/service';
import { globalOptions, parseInput, printRows, withContext } from './runtime';

export function registerWatchCommands(program: Command): void {
  const watch = program
    .command('watch')
    .description('Cảnh báo giám sát và trực 24/7 / monitoring alerts and 24/7 duty');

  watch
    .command('on-duty')
    .description('Ai đang trực theo từng lịch trực / who is on duty, per roster')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const { items } = await listRosters(ctx);
        printRows(options, items, [
          ['roster', (r) => r.roster.name],
          ['on_duty', (r) => r.onDuty?.displayName ?? '—'],
          ['source', (r) => r.source ?? '—'],
          ['until', (r) => r.shiftEnd],
          ['next', (r) => r.next?.displayName ?? '—'],
          ['supervisor', (r) => r.supervisor?.displayName ?? '—'],
        ]);
      });
    });

  watch
    .command('alerts')
    .description('Liệt kê cảnh báo / list alerts')
    .option('--status <list>', 'new,acknowledged,in_progress,closed')
    .option('--level <list>', 'informational,low,medium,high,critical')
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng mỗi trang / rows per page', '50')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const query = parseInput(
          WatchAlertQuery,
          { status: opts.status, level: opts.level, page: opts.page, pageSize: opts.pageSize },
          options.lang,
        );
        const page = await listWatchAlerts(ctx, query);
        printRows(options, page.items, [
          ['last_seen', (a) => a.lastSeenAt],
          ['level', (a) => a.level],
          ['status', (a) => a.status],
          ['count', (a) => a.count],
          ['title', (a) => a.title],
          ['rule_author', (a) => a.ruleAuthor],
          ['unit', (a) => a.unitName],
          ['id', (a) => a.id],
        ]);
      });
    });
}
