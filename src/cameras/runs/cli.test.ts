import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../../test/cli';
import { onPostgres } from '../../../test/database';

describe.skipIf(onPostgres)('canh-gac cameras audit', () => {
  useCliDataDir('cg-cli-camaudit-');

  it('refuses a unit without a registered scope and a malformed narrower scope, sending nothing', async () => {
    const unit = await cli(
      'units',
      'create',
      '--parent',
      'ROOT',
      '--code',
      'XA-Q',
      '--name',
      'Xã Q',
      '--kind',
      'commune',
    );
    expect(unit.code, unit.stderr).toBe(0);
    const missing = await cli('cameras', 'audit', '--unit', 'XA-Q');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SCAN_SCOPE_MISSING');
    const bad = await cli('cameras', 'audit', '--unit', 'XA-Q', '--scope', 'not-a-cidr');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/SCAN_SCOPE_MISSING|NET_SCOPE_INVALID/);
  });
});
