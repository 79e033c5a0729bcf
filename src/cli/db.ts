import type { Command } from 'commander';
import { globalOptions, printObject, withContext } from './runtime';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Cơ sở dữ liệu / database');

  db.command('migrate')
    .description('Áp dụng các migration / apply the migrations')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      // Opening the database applies pending migrations (see withContext).
      await withContext(options, async () => undefined);
      printObject(
        options,
        { migrated: true },
        options.lang === 'vi' ? 'Đã cập nhật lược đồ.' : 'Schema is up to date.',
      );
    });
}
