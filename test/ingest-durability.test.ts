import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client';
import { searchEvents } from '../src/monitoring/events/queries';
import { onPostgres } from './database';
import { type ServerProcess, startServerProcess, waitForExit } from './server-process';

// Monitoring: log ingest. Model: test/durability.test.ts (the same kill -9, on the ingest route).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-ingest-kill9-'));
const env = { CANHGAC_DATA_DIR: dataDir, CANHGAC_ADMIN_PASSWORD: 'Admin-password-kill9-2' };
let server: ServerProcess | undefined;

afterAll(async () => {
  server?.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function ingestToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: env.CANHGAC_ADMIN_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken, unit } = (await res.json()) as { csrfToken: string; unit: { id: string } };
  const created = await fetch(`${url}/api/log-sources`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ unitId: unit.id, name: 'kill9', kind: 'http' }),
  });
  return ((await created.json()) as { token: string }).token;
}

const batch = (n: number) =>
  Array.from({ length: 50 }, (_, i) =>
    JSON.stringify({
      '@timestamp': '2026-03-15T03:00:00Z',
      winlog: { channel: 'Security', event_id: 4625, event_data: { TargetUserName: `b${n}-${i}` } },
    }),
  ).join('\n');

describe.skipIf(onPostgres)('kill -9 during HTTP ingest', () => {
  it('keeps every event of every batch answered 200', async () => {
    server = await startServerProcess(env);
    const token = await ingestToken(server.url);
    const acknowledged: number[] = [];
    let sent = 0;
    let killed = false;
    const writer = async () => {
      while (!killed && sent < 400) {
        const n = sent++;
        try {
          const res = await fetch(`${server!.url}/api/ingest/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-ndjson', 'x-canhgac-token': token },
            body: batch(n),
          });
          if (res.status === 200) acknowledged.push(n);
        } catch {
          // The connection died with the server: this batch was never acknowledged.
        }
        if (acknowledged.length >= 20 && !killed) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(), writer(), writer()]);
    await waitForExit(server.child);
    server = await startServerProcess(env);
    server.child.kill('SIGTERM');
    await waitForExit(server.child);
    const database = await openDatabase({ pgliteDir: dataDir });
    try {
      const events = await searchEvents(database.db, { scopePath: null }, 10_000_000, 0, 'asc');
      const stored = new Set(events.map((e) => String(e.fields.TargetUserName)));
      const missing = acknowledged
        .flatMap((n) => Array.from({ length: 50 }, (_, i) => `b${n}-${i}`))
        .filter((u) => !stored.has(u));
      expect(acknowledged.length).toBeGreaterThanOrEqual(20);
      expect(missing).toEqual([]);
    } finally {
      await database.close();
    }
  }, 240_000);
});
