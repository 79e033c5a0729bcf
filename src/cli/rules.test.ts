import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, useCliDataDir } from '../../test/cli';
import { ruleYaml } from '../monitoring/rules/test-rules';

describe('canh-gac rules', () => {
  useCliDataDir('canhgac-cli-rules-');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-rules-src-'));
  const brute = randomUUID();
  fs.mkdirSync(path.join(folder, 'windows'));
  fs.writeFileSync(
    path.join(folder, 'windows', 'brute.yml'),
    ruleYaml({ id: brute, tags: ['attack.t1110.001'] }),
  );
  fs.writeFileSync(path.join(folder, 'windows', 'other.yml'), ruleYaml({ id: randomUUID(), level: 'low' }));
  const bad = ruleYaml({
    id: randomUUID(),
    detection: '  selection:\n    A|nosuch: 1\n  condition: selection\n',
  });
  fs.writeFileSync(path.join(folder, 'bad.yml'), bad);
  fs.writeFileSync(path.join(folder, 'README.md'), 'not a rule');

  it('imports a folder, keeping what compiles and naming the refused file with its reason', async () => {
    const res = await runCliCaptured('--lang', 'en', 'rules', 'import', folder);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/2 imported.*1 refused/);
    expect(res.stdout).toMatch(/bad\.yml: unknown modifier/);
    const strict = await runCliCaptured('rules', 'import', '--strict', folder);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toMatch(/bad\.yml/);
  });

  it('disables by ATT&CK technique and lists the state with the author and licence', async () => {
    const off = await runCliCaptured('--json', 'rules', 'disable', '--technique', 'T1110');
    expect(JSON.parse(off.stdout)).toEqual({ changed: 1 });
    const list = await runCliCaptured('--json', 'rules', 'list', '--enabled', 'false');
    expect(JSON.parse(list.stdout)).toMatchObject([
      { ruleId: brute, author: 'Nguyễn Văn Tác Giả', license: 'DRL-1.1' },
    ]);
  });

  it('validate prints the reason and fails on a bad file', async () => {
    const res = await runCliCaptured('rules', 'validate', path.join(folder, 'bad.yml'));
    expect(res.stdout).toMatch(/Bộ biến đổi \(modifier\) không được hỗ trợ/);
    expect(res.code).toBe(2);
  });
});
