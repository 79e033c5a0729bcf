import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';
import { openDatabase } from '../db/client';
import { insertEvents } from '../monitoring/events/queries';

describe.skipIf(onPostgres)('canh-gac sources / events', () => {
  const dataDir = useCliDataDir('cg-cli-sources-');

  it('registers a syslog and an HTTP source, lists them, and searches stored events', async () => {
    const syslog = await cli(
      'sources',
      'add',
      '--unit',
      'ROOT',
      '--name',
      'FortiGate',
      '--cidr',
      '10.1.2.7/24',
    );
    expect(syslog.code, syslog.stderr).toBe(0);
    expect(syslog.stdout).toContain('10.1.2.0/24');
    const http = await cli('--json', 'sources', 'add', '--unit', 'ROOT', '--name', 'Winlogbeat', '--http');
    expect(http.code, http.stderr).toBe(0);
    const created = JSON.parse(http.stdout) as { source: { id: string; unitId: string }; token: string };
    expect(created.token).toMatch(/^cgi_/);

    const listed = await cli('--json', 'sources', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name).sort()).toEqual([
      'FortiGate',
      'Winlogbeat',
    ]);

    const bad = await cli('sources', 'add', '--unit', 'ROOT', '--name', 'x', '--cidr', '10.1.2.0/40');
    expect(bad.code).not.toBe(0);

    const database = await openDatabase({ pgliteDir: dataDir });
    const at = new Date('2026-03-15T03:00:00Z');
    const base = { time: at, receivedAt: at, facility: 4, severity: 6, raw: null, parseError: null };
    const ids = await database.db.transaction((tx) =>
      insertEvents(tx, [
        {
          ...base,
          host: 'dc01',
          app: null,
          format: 'windows',
          message: 'logon failed',
          fields: { EventID: 4625 },
          unitId: created.source.unitId,
          sourceId: created.source.id,
          senderIp: '127.0.0.1',
        },
        {
          ...base,
          host: 'web01',
          app: 'sshd',
          format: 'sshd',
          message: 'Failed password for root',
          fields: { user: 'root' },
          unitId: created.source.unitId,
          sourceId: null,
          senderIp: '10.1.2.7',
        },
      ]),
    );
    await database.close();
    expect(ids).toHaveLength(2);

    const found = await cli('--json', 'events', 'search', '--field', 'EventID=4625');
    expect(found.code, found.stderr).toBe(0);
    const page = JSON.parse(found.stdout) as { total: number; items: { host: string }[] };
    expect(page.total).toBe(1);
    expect(page.items[0]!.host).toBe('dc01');

    const text = await cli('events', 'search', '-q', 'Failed password', '--from', '2026-03-15T00:00:00Z');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('web01');
    expect(text.stdout).toContain('1 / 1');

    const badField = await cli('events', 'search', '--field', 'no-equals-sign');
    expect(badField.code).toBe(1);
  }, 120_000);
});
