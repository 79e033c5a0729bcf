import fs from 'node:fs';
import type { Command } from 'commander';
import { CameraQuery } from '../cameras/camera-contract';
import { importCamerasCsv, listCameras, parseCameraCsv } from '../cameras/cameras-service';
import { SystemQuery } from '../cameras/contract';
import { listSystems } from '../cameras/systems-service';
import { registerCameraAuditCommands } from './camera-audit';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printRows, UsageError, withContext } from './runtime';

/**
 * The `cameras` command group. Found or created, so that the camera audit (another module) can hang
 * `cameras audit` on the same group without the two registrations clashing.
 */
export function camerasCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'cameras') ??
    program.command('cameras').description('Camera giám sát / surveillance cameras')
  );
}

function readCsv(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

export function registerCameraCommands(program: Command): void {
  const cameras = camerasCommand(program);
  cameras
    .command('list')
    .description('Liệt kê camera / list cameras')
    .option('--unit <unit>', 'đơn vị và các đơn vị dưới nó / unit and its sub-units (code or id)')
    .option(
      '--q <text>',
      'tên, hãng, model, vị trí hoặc đầu địa chỉ IP / name, vendor, model, location or IP prefix',
    )
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng mỗi trang / rows per page', '500')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          CameraQuery,
          { unitId, q: opts.q, page: opts.page, pageSize: opts.pageSize },
          options.lang,
        );
        const page = await listCameras(ctx, query);
        printRows(options, page.items, [
          ['ip', (c) => c.ip],
          ['vendor', (c) => c.vendor],
          ['model', (c) => c.model],
          ['firmware', (c) => c.firmware],
          ['mac', (c) => c.mac],
          ['location', (c) => c.location],
          ['source', (c) => c.source],
          ['id', (c) => c.id],
        ]);
      });
    });
  cameras
    .command('import')
    .description('Nhập danh sách camera từ CSV (tất cả hoặc không) / import a camera CSV (all or nothing)')
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .argument('<file>', 'tệp .csv: name,vendor,model,firmware,serial,mac,ip,location,nvr,system')
    .action(async (file: string, opts, command: Command) => {
      const options = globalOptions(command);
      const csv = readCsv(file);
      // Validated before the database is opened: a bad file never takes the data lock.
      parseCameraCsv(csv, options.lang);
      await withContext(options, async (ctx) => {
        const summary = await importCamerasCsv(ctx, await resolveUnitId(ctx, opts.unit), csv);
        printRows(options, summary.cameras, [
          ['line', (r) => r.line],
          ['status', (r) => r.status],
          ['id', (r) => r.id],
        ]);
      });
    });
  cameras
    .command('systems')
    .description('Hệ thống camera / camera systems')
    .command('list')
    .description('Liệt kê hệ thống camera và cấp độ đã duyệt / list camera systems and their approved level')
    .option('--unit <unit>', 'đơn vị / unit (code or id)')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const page = await listSystems(ctx, parseInput(SystemQuery, { unitId, pageSize: 500 }, options.lang));
        printRows(options, page.items, [
          ['name', (s) => s.name],
          ['cameras', (s) => `${s.inventoryCameras}/${s.cameraCount}`],
          ['exposure', (s) => s.internetExposure],
          ['level', (s) => s.approvedLevel],
          ['regime', (s) => s.approvedRegime],
          ['id', (s) => s.id],
        ]);
      });
    });
  registerCameraAuditCommands(program);
}
