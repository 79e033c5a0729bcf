import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';

describe.skipIf(onPostgres)('canh-gac incidents open → list → show → report', () => {
  const dataDir = useCliDataDir('cg-cli-incidents-');

  it('opens a case, lists it with its deadline, and writes the notification DOCX', async () => {
    const unit = await cli(
      'units',
      'create',
      '--parent',
      'ROOT',
      '--code',
      'XA-A',
      '--name',
      'UBND xã A',
      '--kind',
      'commune',
    );
    expect(unit.code, unit.stderr).toBe(0);
    const opened = await cli(
      '--json',
      'incidents',
      'open',
      '--unit',
      'XA-A',
      '--title',
      'Máy chủ nhiễm mã độc',
      '--category',
      'malware',
      '--severity',
      'high',
      '--detected',
      '2026-01-05T08:30:00+07:00',
    );
    expect(opened.code, opened.stderr).toBe(0);
    const { reference } = JSON.parse(opened.stdout);
    const listed = await cli('incidents', 'list', '--status', 'open');
    expect(listed.stdout).toContain(reference);
    expect(listed.stdout).toContain('thong_bao');
    const shown = await cli('incidents', 'show', reference);
    expect(shown.stdout).toContain('Thông báo sự cố: 2026-01-10T01:30:00.000Z');
    const missing = await cli('incidents', 'report', reference, 'thong_bao');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Người ký');
    const out = path.join(dataDir, 'thong-bao.docx');
    const report = await cli(
      'incidents',
      'report',
      reference,
      'thong_bao',
      '--signer',
      'Nguyễn Văn An',
      '--set',
      'result=Đã cách ly máy chủ',
      'system=Máy chủ một cửa 203.0.113.5',
      'description=Phát hiện tiến trình lạ',
      '--out',
      out,
    );
    expect(report.code, report.stderr).toBe(0);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out)))
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('Đã cách ly máy chủ');
    expect(xml).toContain('Nguyễn Văn An');
    expect((await cli('incidents', 'report', reference, 'bogus')).code).toBe(1);
  });
});
