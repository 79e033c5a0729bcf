import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';

describe.skipIf(onPostgres)('canh-gac cameras', () => {
  useCliDataDir('cg-cli-cameras-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cam-csv-'));

  it('imports a CSV, lists cameras and systems, and refuses a bad file by line with exit code 1', async () => {
    const unit = await cli(
      'units',
      'create',
      '--parent',
      'ROOT',
      '--code',
      'XA-A',
      '--name',
      'Xã A',
      '--kind',
      'commune',
    );
    expect(unit.code, unit.stderr).toBe(0);
    const good = path.join(dir, 'cameras.csv');
    fs.writeFileSync(
      good,
      'ip,vendor,model,location\n198.18.0.21,Hikvision,DS-2CD1023,Cổng\n198.18.0.22,Dahua,IPC-HFW,Sân\n',
    );
    const imported = await cli('cameras', 'import', '--unit', 'XA-A', good);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.match(/created/g)).toHaveLength(2);
    const list = await cli('--json', 'cameras', 'list', '--unit', 'XA-A');
    expect(JSON.parse(list.stdout).map((c: { ip: string }) => c.ip)).toEqual(['198.18.0.21', '198.18.0.22']);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'ip,vendor\n198.18.0.23,Uniview\nnot-an-ip,Yoosee\n');
    const refused = await cli('cameras', 'import', '--unit', 'XA-A', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('CAMERA_CSV_INVALID');
    expect(refused.stderr).toContain('dòng 3');
    const after = await cli('--json', 'cameras', 'list', '--unit', 'XA-A');
    expect(JSON.parse(after.stdout)).toHaveLength(2);
    const systems = await cli('cameras', 'systems', 'list');
    expect(systems.code, systems.stderr).toBe(0);
    expect(systems.stdout).toContain('name');
  });
});
