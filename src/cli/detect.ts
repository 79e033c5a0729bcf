import fs from 'node:fs';
import type { Command } from 'commander';
import { hunt } from '../monitoring/detect/hunt';
import { DamagedInputError } from '../monitoring/detect/readers';
import { compileReport } from '../monitoring/detect/report';
import { loadRulePaths } from '../monitoring/detect/rule-files';
import { compileRuleSet, type LogsourceHint } from '../monitoring/sigma';
import { EXIT, globalOptions, UsageError } from './runtime';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

export function registerDetectCommands(program: Command): void {
  program
    .command('detect [inputs...]')
    .description(
      'Săn tìm ngoại tuyến bằng luật Sigma trên tệp EVTX, NDJSON/JSON sự kiện hoặc syslog / offline Sigma hunting over EVTX, JSON event files or syslog/text logs',
    )
    .requiredOption(
      '--rules <path>',
      'tệp hoặc thư mục luật (lặp lại được, hoặc a,b) / rule file or folder (repeatable, or a,b)',
      collect,
    )
    .option('--summary', 'chỉ in số lần khớp theo luật / print match counts per rule')
    .option('--compile-report', 'in báo cáo biên dịch luật / print the rule compile report')
    .option(
      '--logsource <kv>',
      'gợi ý nguồn log cho dòng văn bản, vd product=linux,service=sshd / logsource hint for text lines',
    )
    .action(async (inputs: string[], opts, command: Command) => {
      const options = globalOptions(command);
      const vi = options.lang === 'vi';
      for (const p of [...opts.rules, ...inputs]) {
        if (!fs.existsSync(p))
          throw new UsageError(vi ? `Không có tệp hoặc thư mục ${p}` : `No such file or folder: ${p}`);
      }
      const loaded = loadRulePaths(opts.rules);
      const ruleSet = compileRuleSet(loaded.documents);
      const report = compileReport(loaded.files, loaded.documents.length, loaded.rejected, ruleSet);
      process.stderr.write(
        vi
          ? `Luật: ${report.compiled.rules} luật, ${report.compiled.correlations} tương quan, ${report.compiled.filters} bộ lọc; từ chối ${report.rejected}\n`
          : `Rules: ${report.compiled.rules} rules, ${report.compiled.correlations} correlations, ${report.compiled.filters} filters; rejected ${report.rejected}\n`,
      );
      if (opts.compileReport) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        for (const r of [...loaded.rejected, ...ruleSet.rejected])
          process.stderr.write(`${r.source}: ${r.reason}: ${r.detail}\n`);
        if (inputs.length === 0) return;
      } else if (inputs.length === 0) {
        throw new UsageError(vi ? 'Cần ít nhất một tệp đầu vào' : 'At least one input file is needed');
      }
      const hint = opts.logsource ? parseHint(opts.logsource) : undefined;
      try {
        const summary = await hunt(
          ruleSet,
          inputs,
          (line) => {
            if (!opts.summary) process.stdout.write(`${JSON.stringify(line)}\n`);
          },
          hint ? { hint } : {},
        );
        if (opts.summary) {
          const rows = [...summary.perRule.values()].sort((a, b) => b.count - a.count);
          for (const { line, count } of rows) {
            process.stdout.write(
              `${JSON.stringify({ rule_id: line.rule_id, rule_title: line.rule_title, rule_author: line.rule_author, level: line.level, kind: line.kind, count })}\n`,
            );
          }
        }
        process.stderr.write(
          vi
            ? `Sự kiện: ${summary.events}; khớp: ${summary.matches}\n`
            : `Events: ${summary.events}; matches: ${summary.matches}\n`,
        );
      } catch (error) {
        if (error instanceof DamagedInputError) {
          // The matches of the readable records were printed; say what was skipped and fail.
          process.stderr.write(
            vi
              ? `Tệp EVTX hỏng hoặc bị cắt, phần còn lại bị bỏ qua / damaged or truncated EVTX file: ${error.message}\n`
              : `Damaged or truncated EVTX file, the rest was skipped: ${error.message}\n`,
          );
          process.exitCode = EXIT.failed;
          return;
        }
        throw error;
      }
    });
}

function parseHint(text: string): LogsourceHint {
  const hint: LogsourceHint = {};
  for (const pair of text.split(',')) {
    const [key, value] = pair.split('=');
    if ((key === 'product' || key === 'category' || key === 'service') && value) hint[key] = value;
    else throw new UsageError(`--logsource: '${pair}' (product=…,category=…,service=…)`);
  }
  return hint;
}
