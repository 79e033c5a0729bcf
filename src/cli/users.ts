import type { Command } from 'commander';
import { UserCreate, UserQuery } from '../users/contract';
import { createUser, listUsers, resetPassword, updateUser } from '../users/service';
import { resolveUnitId, resolveUserId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, withContext } from './runtime';

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Người dùng / users');

  users
    .command('list')
    .description('Liệt kê người dùng / list users')
    .option('--unit <unit>', 'chỉ đơn vị / only this unit (code or id)')
    .option('--role <role>', 'admin|unit_officer|on_duty|provider|viewer')
    .option('--page <n>', 'trang / page', '1')
    .option('--page-size <n>', 'số dòng mỗi trang / rows per page', '100')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          UserQuery,
          { unitId, role: opts.role, page: opts.page, pageSize: opts.pageSize },
          options.lang,
        );
        const page = await listUsers(ctx, query);
        printRows(options, page.items, [
          ['username', (u) => u.username],
          ['name', (u) => u.displayName],
          ['role', (u) => u.role],
          ['disabled', (u) => (u.disabled ? 'yes' : '')],
          ['lastLogin', (u) => u.lastLoginAt],
        ]);
      });
    });

  users
    .command('create')
    .description(
      'Tạo người dùng; mật khẩu sinh ngẫu nhiên được in một lần / create a user; the generated password is printed once',
    )
    .requiredOption('--unit <unit>', 'đơn vị / unit (code or id)')
    .requiredOption('--username <name>', 'tên đăng nhập / username')
    .requiredOption('--name <displayName>', 'họ tên / display name')
    .requiredOption('--role <role>', 'admin|unit_officer|on_duty|provider|viewer')
    .option('--email <email>', 'email')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const input = parseInput(
          UserCreate,
          {
            unitId: await resolveUnitId(ctx, opts.unit),
            username: opts.username,
            displayName: opts.name,
            role: opts.role,
            email: opts.email,
          },
          options.lang,
        );
        const created = await createUser(ctx, input);
        printObject(options, created, `${created.user.username}  ${created.generatedPassword ?? ''}`);
      });
    });

  users
    .command('reset-password <user>')
    .description(
      'Đặt lại mật khẩu (phải đổi khi đăng nhập) / reset the password (must be changed at sign-in)',
    )
    .action(async (user: string, _opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const result = await resetPassword(ctx, await resolveUserId(ctx, user));
        printObject(options, result, result.generatedPassword);
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(`${name} <user>`)
      .description(disabled ? 'Khóa tài khoản / disable an account' : 'Mở khóa tài khoản / enable an account')
      .action(async (user: string, _opts, command: Command) => {
        const options = globalOptions(command);
        await withContext(options, async (ctx) => {
          const updated = await updateUser(ctx, await resolveUserId(ctx, user), { disabled });
          printObject(options, updated, `${updated.username}: ${updated.disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }
}
