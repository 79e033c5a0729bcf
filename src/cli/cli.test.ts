import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';

// The CLI opens the embedded database folder itself; on the PostgreSQL pass the same code runs there.
describe.skipIf(onPostgres)('canh-gac CLI on the embedded database', () => {
  const dataDir = useCliDataDir('cg-cli-');

  it('creates and lists units, as a table and as JSON', async () => {
    const created = await cli(
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
    expect(created.code).toBe(0);
    const table = await cli('units', 'list');
    expect(table.stdout).toMatch(/^code\s+name\s+kind\s+id$/m);
    expect(table.stdout).toMatch(/^ {2}XA-A\s+Xã A\s+commune/m);
    const json = await cli('--json', 'units', 'list');
    expect(JSON.parse(json.stdout).map((u: { code: string }) => u.code)).toEqual(['ROOT', 'XA-A']);
  });

  it('exit 1 with the field and reason for bad input; nothing is written', async () => {
    const bad = await cli(
      'units',
      'create',
      '--parent',
      'ROOT',
      '--code',
      'XA B',
      '--name',
      'x',
      '--kind',
      'huyen',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--code/);
    expect(bad.stderr).toMatch(/--kind/);
    const json = await cli('--json', 'units', 'list');
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    expect((await cli('no-such-command')).code).toBe(1);
  });

  it('exit 2 for failed work, in the chosen language', async () => {
    const vi = await cli(
      'units',
      'create',
      '--parent',
      'NOPE',
      '--code',
      'X1',
      '--name',
      'x',
      '--kind',
      'school',
    );
    expect(vi).toMatchObject({ code: 2 });
    expect(vi.stderr).toContain('Không tìm thấy đơn vị');
    const en = await cli(
      '--lang',
      'en',
      'units',
      'create',
      '--parent',
      'NOPE',
      '--code',
      'X1',
      '--name',
      'x',
      '--kind',
      'school',
    );
    expect(en.stderr).toContain('Unit not found');
  });

  it('creates a user with a generated password and a token whose secret is printed once', async () => {
    const user = await cli(
      '--json',
      'users',
      'create',
      '--unit',
      'XA-A',
      '--username',
      'canbo',
      '--name',
      'Cán bộ',
      '--role',
      'unit_officer',
    );
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout).generatedPassword).toHaveLength(20);
    const token = await cli('tokens', 'create', '--unit', 'XA-A', '--role', 'viewer', '--name', 'agent');
    expect(token.stdout.trim()).toMatch(/^cg_/);
    const list = await cli('tokens', 'list');
    expect(list.stdout).not.toContain(token.stdout.trim());
  });

  it('audit verify says the chain is intact (exit 0)', async () => {
    const res = await cli('audit', 'verify');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Chuỗi nhật ký nguyên vẹn: \d+ dòng/);
  });

  it('lists jobs with a progress bar', async () => {
    const { enqueueJob } = await import('../jobs/service');
    const { openDatabase } = await import('../db/client');
    const { systemCtx } = await import('../core/context');
    const { createLogger } = await import('../core/log');
    const { jobs } = await import('../jobs/schema');
    const database = await openDatabase({ pgliteDir: dataDir });
    try {
      const job = await enqueueJob(systemCtx(database.db, createLogger('silent')), { kind: 'audit.verify' });
      const { eq } = await import('drizzle-orm');
      await database.db
        .update(jobs)
        .set({ status: 'running', progress: 40, message: '400/1000' })
        .where(eq(jobs.id, job.id));
    } finally {
      await database.close();
    }
    const res = await cli('jobs', 'list');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/audit\.verify\s+running\s+\[########------------\] {2}40% 400\/1000/);
    expect((await cli('jobs', 'list', '--status', 'done')).code).toBe(1);
  });

  it('refuses to open a data folder that a running server holds', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(
        path.join(dataDir, 'canhgac.lock'),
        JSON.stringify({ pid: holder.pid, holder: 'server' }),
      );
      const res = await cli('units', 'list');
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('DATA_DIR_LOCKED');
      expect(res.stderr).toContain(String(holder.pid));
    } finally {
      holder.kill();
      fs.rmSync(path.join(dataDir, 'canhgac.lock'), { force: true });
    }
  });

  it('takes over a lock left by a dead process', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'canhgac.lock'),
      JSON.stringify({ pid: 999_999_9, holder: 'server' }),
    );
    expect((await cli('units', 'list')).code).toBe(0);
  });
});
