import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';
import { inventoryDoc } from './fixtures';

const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-inv-files-'));

describe.skipIf(onPostgres)('canh-gac inventory / hosts on the embedded database', () => {
  useCliDataDir('cg-inv-cli-');
  beforeAll(async () => {
    const made = await cli(
      'units',
      'create',
      '--parent',
      'ROOT',
      '--code',
      'XA-INV',
      '--name',
      'Xã',
      '--kind',
      'commune',
    );
    expect(made.code).toBe(0);
  });
  afterAll(() => {
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('imports collector JSON (with a BOM) and a CSV list, told apart by content, then lists hosts', async () => {
    const json = path.join(files, 'PC-CLI-1.json');
    fs.writeFileSync(json, `\uFEFF${JSON.stringify(inventoryDoc({ hostname: 'PC-CLI-1' }))}`);
    const csv = path.join(files, 'may.txt');
    fs.writeFileSync(csv, 'hostname,ip,owner\nPC-CLI-2,10.1.1.2,Kế toán\n');
    const res = await cli('inventory', 'import', '--unit', 'XA-INV', json, csv);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^file\s+hostname\s+status\s+id$/m);
    expect(res.stdout).toMatch(/PC-CLI-1\.json\s+PC-CLI-1\s+created/);
    expect(res.stdout).toMatch(/may\.txt\s+PC-CLI-2\s+created/);

    const again = await cli('--json', 'inventory', 'import', '--unit', 'XA-INV', json);
    expect(JSON.parse(again.stdout)).toMatchObject([{ hostname: 'PC-CLI-1', status: 'unchanged' }]);

    const list = await cli('--json', 'hosts', 'list', '--unit', 'XA-INV');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((h: { hostname: string }) => h.hostname)).toEqual([
      'PC-CLI-1',
      'PC-CLI-2',
    ]);
    const table = await cli('hosts', 'list', '--q', '10.1.1');
    expect(table.stdout).toMatch(/^hostname\s+os\s+build/m);
    expect(table.stdout).toMatch(/PC-CLI-2/);
    expect(table.stdout).not.toMatch(/PC-CLI-1/);
  });

  it('a bad file fails before anything is written: exit 1 naming file and field', async () => {
    const good = path.join(files, 'good.json');
    fs.writeFileSync(good, JSON.stringify(inventoryDoc({ hostname: 'PC-NEVER' })));
    const bad = path.join(files, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify([inventoryDoc(), { ...inventoryDoc(), collectedAt: '2024-01-01 10:00' }]),
    );
    const res = await cli('--lang', 'en', 'inventory', 'import', '--unit', 'XA-INV', good, bad);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/INVENTORY_INVALID: Invalid inventory: bad\.json: documents\.1\.collectedAt/);
    const list = await cli('--json', 'hosts', 'list', '--q', 'PC-NEVER');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
