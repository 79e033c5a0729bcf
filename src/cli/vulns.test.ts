import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';
import { projectRoot } from '../core/project-root';
import { inventoryDoc } from '../inventory/fixtures';

const FIXTURES = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories');

// From "import the feeds" to "which hosts of my units are affected by an alert", offline, in the CLI.
describe.skipIf(onPostgres || !fs.existsSync(FIXTURES))(
  'canh-gac feeds → inventory → findings → alerts',
  () => {
    const dataDir = useCliDataDir('cg-cli-vulns-');

    it('walks the whole path with exit codes 0, and JSON for scripts', async () => {
      const feeds = await cli(
        'feeds',
        'import',
        path.join(FIXTURES, 'p0w3rsh3ll-msrc-data', '2024', 'cvrfDocument-2024-Mar.xml'),
        path.join(FIXTURES, 'cisagov-kev-data', 'known_exploited_vulnerabilities.json'),
      );
      expect(feeds.code, feeds.stderr).toBe(0);
      expect(feeds.stdout).toMatch(/msrc-cvrf\s+2024-Mar\s+created/);

      expect(
        (
          await cli(
            'units',
            'create',
            '--parent',
            'ROOT',
            '--code',
            'TRUONG-A',
            '--name',
            'Trường A',
            '--kind',
            'school',
          )
        ).code,
      ).toBe(0);
      const file = path.join(dataDir, 'pc.json');
      const doc = inventoryDoc({ hostname: 'KT-PC-01' });
      fs.writeFileSync(file, JSON.stringify({ ...doc, os: { ...doc.os, ubr: 4046 } }));
      const inventory = await cli('inventory', 'import', '--unit', 'TRUONG-A', file);
      expect(inventory.code, inventory.stderr).toBe(0);

      expect((await cli('findings', 'rematch')).code).toBe(0);
      const listed = await cli('--json', 'findings', 'list', '--unit', 'TRUONG-A', '--cve', 'CVE-2024-26169');
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({
          hostname: 'KT-PC-01',
          fixKb: 'KB5035845',
          exploited: true,
          status: 'open',
        }),
      ]);

      const cveFile = path.join(dataDir, 'alert.txt');
      fs.writeFileSync(cveFile, 'Cảnh báo: CVE-2024-26169, CVE-2024-21407.');
      const added = await cli(
        '--json',
        'alerts',
        'add',
        '--issuer',
        'NCSC',
        '--number',
        '12/NCSC',
        '--issued-on',
        '2024-03-15',
        '--title',
        'Microsoft tháng 3',
        '--cve-file',
        cveFile,
      );
      expect(added.code, added.stderr).toBe(0);
      const shown = await cli('alerts', 'show', JSON.parse(added.stdout).id);
      expect(shown.stdout).toMatch(/^TRUONG-A\s+1\s+0\s+1\s+0\s+0\s+\d+$/m);
      expect(
        (
          await cli(
            'alerts',
            'add',
            '--issuer',
            'NCSC',
            '--number',
            'x',
            '--issued-on',
            '2024-13-45',
            '--title',
            't',
            '--cves',
            'CVE-1',
          )
        ).code,
      ).toBe(1);
    });
  },
);
