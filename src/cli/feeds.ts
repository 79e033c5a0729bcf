import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { AdvisoryDocumentQuery } from '../vulns/contract';
import { importFeedFiles } from '../vulns/feed-import';
import { SyncSource } from '../vulns/feeds/sync/contract';
import { runFeedSync } from '../vulns/feeds/sync/run';
import { listAdvisoryDocuments } from '../vulns/service';
import { EXIT, globalOptions, parseInput, printRows, UsageError, withContext } from './runtime';

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
    .command('sync')
    .description(
      'Đồng bộ trực tuyến các nguồn đã bật ngay bây giờ (tắt mặc định, bật trong cài đặt) / sync the enabled sources online now (off by default)',
    )
    .option('--source <sources...>', 'msrc-cvrf|msrc-csaf|kev|nvd|cve5|epss')
    .action(async (opts: { source?: string[] }, command: Command) => {
      const options = globalOptions(command);
      const sources = opts.source ? parseInput(z.array(SyncSource), opts.source, options.lang) : undefined;
      await withContext(options, async (ctx) => {
        const result = await runFeedSync(ctx, { sources });
        if (result.skipped) {
          throw new UsageError(
            options.lang === 'vi'
              ? 'Đồng bộ trực tuyến đang tắt; bật trong cài đặt (PUT /api/feeds/sync/settings)'
              : 'Online sync is off; turn it on in the settings (PUT /api/feeds/sync/settings)',
          );
        }
        printRows(options, result.sources, [
          ['source', (r) => r.source],
          ['status', (r) => r.status],
          ['requests', (r) => r.counts.requests],
          ['not-modified', (r) => r.counts.notModified],
          ['created', (r) => r.counts.created],
          ['updated', (r) => r.counts.updated],
          ['unchanged', (r) => r.counts.unchanged],
          ['error', (r) => r.error?.[options.lang]],
        ]);
        if (result.sources.some((r) => r.status === 'failed')) process.exitCode = EXIT.failed;
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
