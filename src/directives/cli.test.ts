import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';
import { readDocx } from '../../test/docx';
import { detectFileKind } from '../files/file-kind';
import { DIRECTIVE_TEXT } from './test-fixtures';

// Register a directive from its PDF and text, list it, show it, and write the report back, from the CLI.
describe.skipIf(onPostgres)('canh-gac directives add → list → show → report', () => {
  useCliDataDir('cg-cli-directives-');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-directives-'));

  it('walks the paperwork with exit codes 0 and refuses a bad file with 1', async () => {
    const unit = await cli(
      'units',
      'create',
      '--parent',
      'ROOT',
      '--code',
      'KIMSON',
      '--name',
      'UBND xã Kim Sơn',
      '--kind',
      'commune',
      '--issuer-parent-name',
      'UBND TỈNH NINH BÌNH',
      '--issuer-name',
      'ỦY BAN NHÂN DÂN XÃ KIM SƠN',
      '--place-name',
      'Kim Sơn',
    );
    expect(unit.code, unit.stderr).toBe(0);
    const pdf = path.join(work, 'van-ban.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const text = path.join(work, 'van-ban.txt');
    fs.writeFileSync(text, DIRECTIVE_TEXT);
    const base = [
      'directives',
      'add',
      '--unit',
      'KIMSON',
      '--issuer',
      'UBND tỉnh Ninh Bình',
      '--issued-on',
      '2026-03-02',
      '--subject',
      'tăng cường bảo đảm an toàn thông tin',
    ];

    const fake = path.join(work, 'gia.pdf');
    fs.writeFileSync(fake, '<html>not a pdf</html>');
    const refused = await cli(...base, '--number', '11/UBND-VP', '--file', fake);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/FILE_TYPE_MISMATCH/);
    const badNumber = await cli(...base, '--number', '11-UBND');
    expect(badNumber.code).toBe(1);
    expect(badNumber.stderr).toMatch(/383\/CATTT-NCSC/);

    const added = await cli(...base, '--number', '12/UBND-VP', '--file', pdf, '--text', text);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/12\/UBND-VP\s+3 nhiệm vụ/);
    const id = added.stdout.split(/\s+/)[0]!;

    const list = await cli('--json', 'directives', 'list');
    expect(JSON.parse(list.stdout).map((d: { number: string }) => d.number)).toEqual(['12/UBND-VP']);
    const show = await cli('directives', 'show', id);
    expect(show.stdout).toMatch(/^1\. Chủ động rà soát/m);

    const out = path.join(work, 'bao-cao.docx');
    const report = await cli(
      'directives',
      'report',
      id,
      '--out',
      out,
      '--symbol',
      'BC-UBND',
      '--drafter',
      'VP',
      '--signer-name',
      'Nguyễn Văn An',
      '--authority',
      'KT.',
      '--authority-of',
      'CHỦ TỊCH',
      '--signer-title',
      'PHÓ CHỦ TỊCH',
    );
    expect(report.code, report.stderr).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(await detectFileKind(bytes)).toBe('docx');
    const doc = await readDocx(bytes);
    expect(doc.paragraphs.some((p) => p.text === 'Kính gửi: UBND tỉnh Ninh Bình')).toBe(true);
    expect(doc.paragraphs.some((p) => p.text === 'UBND TỈNH NINH BÌNH')).toBe(true);
  });
});
