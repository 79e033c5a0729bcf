import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/core/audit';
import { openDatabase } from '../src/db/client';
import { findUnitById } from '../src/units/queries';
import { onPostgres } from './database';
import { type ServerProcess, startServerProcess, waitForExit } from './server-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-kill9-'));
const env = { CANHGAC_DATA_DIR: dataDir, CANHGAC_ADMIN_PASSWORD: 'Admin-password-kill9-1' };
let server: ServerProcess | undefined;

afterAll(async () => {
  server?.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signInOver(url: string) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: env.CANHGAC_ADMIN_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken, unit } = (await res.json()) as { csrfToken: string; unit: { id: string } };
  return {
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    rootId: unit.id,
  };
}

// The embedded database's own promise; on PostgreSQL durability is the server's (fsync is off in CI).
describe.skipIf(onPostgres)('kill -9 during a burst of writes', () => {
  it('keeps every write that was answered 2xx, and the audit chain still verifies', async () => {
    server = await startServerProcess(env);
    const { headers, rootId } = await signInOver(server.url);
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    // Four writers in flight; the server is killed once 60 writes have been acknowledged.
    const writer = async () => {
      while (!killed && sent < 400) {
        const n = sent++;
        try {
          const res = await fetch(`${server!.url}/api/units`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ parentId: rootId, code: `K9-${n}`, name: `Đơn vị ${n}`, kind: 'school' }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          // The connection died with the server: this write was never acknowledged.
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    await waitForExit(server.child);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    // Restart on the same folder: the dead server's lock is taken over, the database recovers.
    server = await startServerProcess(env);
    server.child.kill('SIGTERM');
    await waitForExit(server.child);

    const database = await openDatabase({ pgliteDir: dataDir });
    try {
      const missing: string[] = [];
      for (const id of acknowledged) if (!(await findUnitById(database.db, id))) missing.push(id);
      expect(missing).toEqual([]);
      const verdict = await verifyAuditChain(database.db);
      expect(verdict.ok).toBe(true);
      expect(verdict.rows).toBeGreaterThan(acknowledged.length);
    } finally {
      await database.close();
    }
  });
});
