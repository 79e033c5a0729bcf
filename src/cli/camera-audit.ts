import type { Command } from 'commander';
import { AuditTargets } from '../cameras/runs/contract';
import { getAuditRun, runUnitAudit } from '../cameras/runs/service';
import { camerasCommand } from './cameras';
import { progressBar } from './jobs';
import { resolveUnitId } from './resolve';
import { formatTable, globalOptions, parseInput, printObject, withContext } from './runtime';

/**
 * `cameras audit`: runs one audit of a unit in this process (the same code as the `cameras.audit` job),
 * draws the jobs progress bar on stderr, and prints the run. Ctrl-C cancels: the partial run is stored.
 */
export function registerCameraAuditCommands(program: Command): void {
  camerasCommand(program)
    .command('audit')
    .description('Kiểm tra an toàn camera trong phạm vi đã đăng ký / audit cameras in the registered scope')
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .option(
      '--scope <cidr...>',
      'phạm vi hẹp hơn (trong phạm vi đã đăng ký) / a narrower scope (inside the registered one)',
    )
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      const targets = opts.scope
        ? parseInput(AuditTargets, { cidrs: opts.scope as string[], hosts: [] }, options.lang)
        : undefined;
      await withContext(options, async (ctx) => {
        const unitId = await resolveUnitId(ctx, opts.unit);
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        const tty = process.stderr.isTTY && !options.json;
        try {
          const run = await runUnitAudit(
            { unitId, ...(targets ? { targets } : {}), requestedBy: ctx.actor.name ?? 'cli' },
            {
              ctx,
              signal: controller.signal,
              progress: async (progress, message) => {
                if (tty) process.stderr.write(`\r${progressBar({ progress, message: message ?? null })}`);
              },
            },
          );
          if (tty) process.stderr.write('\n');
          const detail = await getAuditRun(ctx, run.id);
          printObject(options, detail, summary(detail));
        } finally {
          process.off('SIGINT', stop);
        }
      });
    });
}

function summary(run: Awaited<ReturnType<typeof getAuditRun>>): string {
  const head = [
    `Lượt kiểm tra / run ${run.id}${run.cancelled ? ' (đã hủy / cancelled)' : ''}`,
    `Thiết bị / devices: ${run.devices} · địa chỉ / hosts: ${run.hostsDone}/${run.hostsTotal}`,
    `Mới / new ${run.findingsNew} · còn mở / open ${run.findingsOpen} · đã khắc phục / fixed ${run.findingsFixed}`,
  ];
  const findings = formatTable(run.findings, [
    ['state', (f) => f.state],
    ['severity', (f) => f.severity],
    ['address', (f) => `${f.address}${f.port ? `:${f.port}` : ''}`],
    ['finding', (f) => f.findingKey],
    ['title', (f) => f.title.vi],
  ]);
  return [...head, ...(run.findings.length > 0 ? [findings] : [])].join('\n');
}
