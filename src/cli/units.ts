import type { Command } from 'commander';
import { UnitCreate, UnitQuery } from '../units/contract';
import { createUnit, listUnits } from '../units/service';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, withContext } from './runtime';

export function registerUnitCommands(program: Command): void {
  const units = program.command('units').description('Đơn vị / units');

  units
    .command('list')
    .description('Liệt kê đơn vị / list units')
    .option('--parent <unit>', 'chỉ đơn vị con trực tiếp của / only children of (code or id)')
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng mỗi trang / rows per page', '500')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const parentId = opts.parent ? await resolveUnitId(ctx, opts.parent) : undefined;
        const query = parseInput(
          UnitQuery,
          { parentId, page: opts.page, pageSize: opts.pageSize },
          options.lang,
        );
        const page = await listUnits(ctx, query);
        printRows(options, page.items, [
          ['code', (u) => `${'  '.repeat(u.depth)}${u.code}`],
          ['name', (u) => u.name],
          ['kind', (u) => u.kind],
          ['id', (u) => u.id],
        ]);
      });
    });

  units
    .command('create')
    .description('Tạo đơn vị / create a unit')
    .requiredOption('--parent <unit>', 'đơn vị cấp trên / parent (code or id)')
    .requiredOption('--code <code>', 'mã đơn vị / unit code')
    .requiredOption('--name <name>', 'tên tiếng Việt / Vietnamese name')
    .requiredOption('--kind <kind>', 'province|commune|district|agency|school|provider|other')
    .option('--name-en <name>', 'tên tiếng Anh / English name')
    .option('--issuer-parent-name <text>', 'cơ quan chủ quản trên văn bản / issuer parent on documents')
    .option('--issuer-name <text>', 'tên cơ quan ban hành / issuer name on documents')
    .option('--place-name <text>', 'địa danh / place name on documents')
    .option('--signer-title <text>', 'chức vụ người ký / signer title')
    .option('--signer-authority <text>', 'thẩm quyền ký (TM./KT. …) / signing authority')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const input = parseInput(
          UnitCreate,
          {
            parentId: await resolveUnitId(ctx, opts.parent),
            code: opts.code,
            name: opts.name,
            kind: opts.kind,
            nameEn: opts.nameEn,
            issuerParentName: opts.issuerParentName,
            issuerName: opts.issuerName,
            placeName: opts.placeName,
            signerTitle: opts.signerTitle,
            signerAuthority: opts.signerAuthority,
          },
          options.lang,
        );
        const unit = await createUnit(ctx, input);
        printObject(options, unit, `${unit.code}  ${unit.id}`);
      });
    });
}
