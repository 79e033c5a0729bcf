import { Command, CommanderError, Option } from 'commander';
import { registerAuditCommands } from './audit';
// cameras (register)
import { registerCameraCommands } from './cameras';
import { registerDbCommands } from './db';
import { registerDetectCommands } from './detect';
// directives
import { registerDirectiveCommands } from './directives';
import { registerFeedCommands } from './feeds';
// incidents
import { registerIncidentCommands } from './incidents';
import { registerInventoryCommands } from './inventory';
import { registerJobCommands } from './jobs';
// monitoring: log sources and events
import { registerMonitoringSourceCommands } from './monitoring-sources';
// monitoring: rules management
import { registerRuleCommands } from './rules';
import { EXIT, explainError } from './runtime';
import { registerTokenCommands } from './tokens';
import { registerUnitCommands } from './units';
import { registerUserCommands } from './users';
import { registerVulnCommands } from './vulns';
// notify + watch (alerts and 24/7 duty)
import { registerWatchCommands } from './watch';

export function buildProgram(): Command {
  const program = new Command('canh-gac')
    .description('Canh Gác — vận hành an toàn thông tin / security operations')
    .addOption(new Option('--json', 'in JSON cho script / print JSON for scripts'))
    .addOption(
      new Option('--lang <lang>', 'ngôn ngữ / language')
        .choices(['vi', 'en'])
        .default('vi')
        .env('CANHGAC_LANG'),
    )
    .exitOverride()
    .showHelpAfterError();
  registerUnitCommands(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerAuditCommands(program);
  registerJobCommands(program);
  registerInventoryCommands(program);
  registerFeedCommands(program);
  registerVulnCommands(program);
  registerDbCommands(program);
  // monitoring: Sigma hunting CLI
  registerDetectCommands(program);
  // notify + watch (alerts and 24/7 duty)
  registerWatchCommands(program);
  // incidents
  registerIncidentCommands(program);
  // directives
  registerDirectiveCommands(program);
  // cameras (register)
  registerCameraCommands(program);
  // monitoring: rules management
  registerRuleCommands(program);
  // monitoring: log sources and events
  registerMonitoringSourceCommands(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

/** Runs one command line and returns the exit code: 0 done, 1 usage error, 2 failed work. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander refuses is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const lang = program.opts<{ lang?: 'vi' | 'en' }>().lang ?? 'vi';
    const { message, code } = explainError(error, lang);
    process.stderr.write(`${message}\n`);
    return code;
  }
}
