import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AdvisoryDocumentQuery } from '../vulns/contract';
import { importFeedFiles } from '../vulns/feed-import';
import { listAdvisoryDocuments } from '../vulns/service';
import { globalOptions, parseInput, printRows, UsageError, withContext } from './runtime';

export function registerFeedCommands(program: Command): void {
  const feeds = program.command('feeds').description('Nguồn cảnh báo lỗ hổng / advisory feeds');

  feeds
    .command('import <files...>')
    .description(
      'Nhập tệp MSRC CVRF/CSAF, KEV, NVD, CVE 5, EPSS (tự nhận dạng; một giao dịch) / import advisory files (auto-detected; one transaction)',
    )
    .action(async (files: string[], _opts, command: Command) => {
      const options = globalOptions(command);
      const inputs = files.map((file) => {
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          throw new UsageError(options.lang === 'vi' ? `Không có tệp ${file}` : `No such file: ${file}`);
        }
        return { name: path.basename(file), content: fs.readFileSync(file) };
      });
      await withContext(options, async (ctx) => {
        const results = await importFeedFiles(ctx, inputs);
        printRows(options, results, [
          ['file', (r) => r.file],
          ['source', (r) => r.source],
          ['document', (r) => r.documentId],
          ['outcome', (r) => r.outcome],
          ['cves', (r) => r.counts.vulnerabilities || r.counts.kev || r.counts.epss],
        ]);
      });
    });

  feeds
    .command('list')
    .description('Liệt kê tài liệu đã nhập / list imported documents')
    .option('--source <source>', 'msrc-cvrf|msrc-csaf|kev|nvd|cve5|epss')
    .action(async (opts, command: Command) => {
      const options = globalOptions(command);
      await withContext(options, async (ctx) => {
        const query = parseInput(AdvisoryDocumentQuery, { source: opts.source, pageSize: 500 }, options.lang);
        const page = await listAdvisoryDocuments(ctx, query);
        printRows(options, page.items, [
          ['source', (d) => d.source],
          ['document', (d) => d.documentId],
          ['revision', (d) => d.revision],
          ['released', (d) => d.releasedAt],
          ['records', (d) => d.vulnerabilityCount],
        ]);
      });
    });
}
