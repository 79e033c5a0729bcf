import type { Command } from 'commander';
import { verifyAuditChain } from '../core/audit';
import { EXIT, globalOptions, printObject, withContext } from './runtime';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Nhật ký kiểm toán / audit trail');

  audit
    .command('verify')
    .description('Kiểm tra chuỗi băm của nhật ký / verify the audit hash chain')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const verdict = await withContext(options, (ctx) =>
        verifyAuditChain(ctx.db, (done, total) => {
          if (!options.json && process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
        }),
      );
      if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
      const vi = options.lang === 'vi';
      const text = verdict.ok
        ? vi
          ? `Chuỗi nhật ký nguyên vẹn: ${verdict.rows} dòng, băm cuối ${verdict.lastHash}`
          : `Audit chain intact: ${verdict.rows} rows, last hash ${verdict.lastHash}`
        : vi
          ? `CHUỖI NHẬT KÝ BỊ PHÁ tại dòng ${verdict.brokenAt?.id} (${verdict.brokenAt?.reason === 'edited' ? 'bị sửa' : 'dòng trước bị xóa'})`
          : `AUDIT CHAIN BROKEN at row ${verdict.brokenAt?.id} (${verdict.brokenAt?.reason === 'edited' ? 'edited' : 'a row before it was deleted'})`;
      printObject(options, verdict, text);
      if (!verdict.ok) process.exitCode = EXIT.failed;
    });
}
