import type { Command } from 'commander';
import type { Job } from '../jobs/contract';
import { JobQuery } from '../jobs/contract';
import { listJobs } from '../jobs/service';
import { globalOptions, parseInput, printRows, withContext } from './runtime';

/** A text progress bar, the same figure the console draws: `[######----]  60% message`. */
export function progressBar(job: Pick<Job, 'progress' | 'message'>, width = 20): string {
  const filled = Math.round((job.progress / 100) * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(job.progress).padStart(3)}%`;
  return job.message ? `${bar} ${job.message}` : bar;
}

export function registerJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('Tác vụ nền / background jobs');

  jobs
    .command('list')
    .description('Liệt kê tác vụ và tiến độ / list jobs and their progress')
    .option('--status <status>', 'queued|running|succeeded|failed|cancelled')
    .option('--kind <kind>', 'loại tác vụ / job kind, e.g. audit.verify')
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng mỗi trang / rows per page', '50')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const query = parseInput(
          JobQuery,
          { status: opts.status, kind: opts.kind, page: opts.page, pageSize: opts.pageSize },
          options.lang,
        );
        const page = await listJobs(ctx, query);
        printRows(options, page.items, [
          ['created', (j) => j.createdAt],
          ['kind', (j) => j.kind],
          ['status', (j) => j.status],
          ['progress', (j) => progressBar(j)],
          ['id', (j) => j.id],
        ]);
      });
    });
}
