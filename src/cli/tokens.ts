import type { Command } from 'commander';
import { TokenCreate, TokenQuery } from '../auth/contract';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, withContext } from './runtime';

export function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('Mã truy cập API / API tokens');

  tokens
    .command('list')
    .description('Liệt kê mã truy cập / list tokens')
    .option('--unit <unit>', 'chỉ đơn vị / only this unit (code or id)')
    .option('--all', 'gồm cả mã đã thu hồi / include revoked tokens')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          TokenQuery,
          { unitId, includeRevoked: opts.all ? 'true' : undefined, pageSize: 500 },
          options.lang,
        );
        const page = await listTokens(ctx, query);
        printRows(options, page.items, [
          ['id', (t) => t.id],
          ['name', (t) => t.name],
          ['role', (t) => t.role],
          ['prefix', (t) => t.prefix],
          ['lastUsed', (t) => t.lastUsedAt],
          ['revoked', (t) => t.revokedAt],
        ]);
      });
    });

  tokens
    .command('create')
    .description('Tạo mã truy cập; mã bí mật chỉ in một lần / create a token; the secret is printed once')
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .requiredOption('--role <role>', 'admin|unit_officer|on_duty|provider|viewer')
    .requiredOption('--name <name>', 'tên gợi nhớ / label')
    .option('--expires <date>', 'hết hạn / expiry (ISO date)')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const input = parseInput(
          TokenCreate,
          {
            unitId: await resolveUnitId(ctx, opts.unit),
            role: opts.role,
            name: opts.name,
            expiresAt: opts.expires,
          },
          options.lang,
        );
        const created = await createToken(ctx, input);
        printObject(options, created, created.secret);
      });
    });

  tokens
    .command('revoke <id>')
    .description('Thu hồi mã truy cập / revoke a token')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const token = await revokeToken(ctx, id);
        printObject(options, token, `${token.id} revoked ${token.revokedAt?.toISOString()}`);
      });
    });
}
