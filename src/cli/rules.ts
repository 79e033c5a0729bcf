import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SigmaRuleQuery, SigmaSelection } from '../monitoring/rules/contract';
import type { RuleUpload } from '../monitoring/rules/rule-files';
import { importSigmaRules } from '../monitoring/rules/service';
import { bulkSwitch, listSigmaRules } from '../monitoring/rules/tuning-service';
import { validateRuleText } from '../monitoring/rules/validate';
import { resolveUnitId } from './resolve';
import { globalOptions, parseInput, printObject, printRows, UsageError, withContext } from './runtime';

const MAX_FILES = 20_000;

/** Files named on the command line; folders are walked for .yml/.yaml (archives are read by content). */
export function collectRuleFiles(paths: string[]): RuleUpload[] {
  const out: RuleUpload[] = [];
  const walk = (p: string, base: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.')) walk(path.join(p, name), base);
    } else if (stat.isFile() && (p === base || /\.ya?ml$/i.test(p))) {
      if (out.length >= MAX_FILES) throw new UsageError(`more than ${MAX_FILES} files`);
      out.push({
        name: path.relative(path.dirname(base), p) || path.basename(p),
        content: fs.readFileSync(p),
      });
    }
  };
  for (const p of paths) walk(p, p);
  return out;
}

export function registerRuleCommands(program: Command): void {
  const rules = program.command('rules').description('Luật phát hiện Sigma / Sigma detection rules');

  rules
    .command('import <paths...>')
    .description(
      'Nhập tệp, thư mục hoặc tệp nén luật / import rule files, folders or archives (.zip, .tar.gz)',
    )
    .option('--strict', 'một luật lỗi thì không nhập gì / all or nothing')
    .action(async (paths: string[], opts, command: Command) => {
      const options = globalOptions(command);
      const files = collectRuleFiles(paths);
      await withContext(options, async (ctx) => {
        const result = await importSigmaRules(ctx, files, { partial: !opts.strict });
        const refused = result.refused
          .map((r) => `  ${r.file}: ${r.label[options.lang]} ${r.detail}`)
          .join('\n');
        printObject(
          options,
          result,
          `${result.imported.length} imported / đã nhập; ${result.refused.length} refused / bị từ chối; ${result.skipped} skipped${refused ? `\n${refused}` : ''}`,
        );
      });
    });

  rules
    .command('list')
    .description('Liệt kê luật / list rules (author and licence shown: DRL 1.1)')
    .option('--unit <unit>', 'trạng thái tại đơn vị / state as this unit sees it (code or id)')
    .option('--level <levels>', 'informational,low,medium,high,critical')
    .option('--tag <tag>', 'vd. / e.g. attack.execution')
    .option('--technique <id>', 'ATT&CK, vd. / e.g. T1059')
    .option('--enabled <bool>', 'true|false')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
        const query = parseInput(
          SigmaRuleQuery,
          {
            unitId,
            level: opts.level,
            tag: opts.tag,
            technique: opts.technique,
            enabled: opts.enabled,
            limit: 5000,
          },
          options.lang,
        );
        const { items } = await listSigmaRules(ctx, query);
        printRows(options, items, [
          ['rule_id', (r) => r.ruleId],
          ['level', (r) => r.level],
          ['on', (r) => (r.effectiveEnabled ? 'yes' : 'no')],
          ['title', (r) => r.title],
          ['author', (r) => r.author],
          ['license', (r) => r.license],
        ]);
      });
    });

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
    ['inherit', null],
  ] as const) {
    rules
      .command(`${name} [ids...]`)
      .description(
        name === 'inherit'
          ? 'Bỏ thiết lập riêng của đơn vị / clear a unit’s own switches'
          : `${enabled ? 'Bật' : 'Tắt'} luật theo mức, thẻ, kỹ thuật / ${name} rules by level, tag, technique`,
      )
      .option('--unit <unit>', 'chỉ cho đơn vị (và cấp dưới) / for this unit and below (code or id)')
      .option('--level <levels>', 'informational,low,medium,high,critical')
      .option('--tag <tags>', 'thẻ, phân cách bởi dấu phẩy / tags, comma-separated')
      .option('--technique <ids>', 'ATT&CK, vd. / e.g. T1059,T1110')
      .option('--all', 'mọi luật / every rule')
      .action(async (ids: string[], opts, command: Command) => {
        const options = globalOptions(command);
        await withContext(options, async (ctx) => {
          const unitId = opts.unit ? await resolveUnitId(ctx, opts.unit) : undefined;
          if (enabled === null && !unitId) throw new UsageError('--unit is needed / cần --unit');
          const split = (v?: string) => (v ? v.split(',').filter(Boolean) : undefined);
          const all = await listSigmaRules(ctx, { limit: 100_000 });
          const rowIds = ids.map((id) => all.items.find((r) => r.ruleId === id || r.id === id)?.id ?? id);
          const select = parseInput(
            SigmaSelection,
            {
              ...(opts.all ? { all: true } : {}),
              ...(ids.length ? { ids: rowIds } : {}),
              level: split(opts.level),
              tag: split(opts.tag),
              technique: split(opts.technique),
            },
            options.lang,
          );
          const result = await bulkSwitch(ctx, { ...(unitId ? { unitId } : {}), enabled, select });
          printObject(options, result, `${result.changed} rules / luật`);
        });
      });
  }

  rules
    .command('validate <file>')
    .description('Kiểm tra một tệp luật, không lưu / check a rule file without saving it')
    .action(async (file: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const result = validateRuleText(fs.readFileSync(file, 'utf8'), path.basename(file));
      const lines = result.ok
        ? result.rules.map((r) => `ok ${r.kind} ${r.id} ${r.title} (${r.author}, ${r.license})`)
        : result.problems.map((p) => `${p.label[options.lang]}: ${p.detail}`);
      printObject(options, result, lines.join('\n'));
      if (!result.ok) process.exitCode = 2;
    });
}
