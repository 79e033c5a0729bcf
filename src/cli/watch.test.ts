import { describe, expect, it } from 'vitest';
import { runCliCaptured as cli, useCliDataDir } from '../../test/cli';
import { onPostgres } from '../../test/database';

describe.skipIf(onPostgres)('canh-gac watch', () => {
  useCliDataDir('cg-cli-watch-');

  it('lists rosters (none at first) as JSON for scripts; a bad alert level is a usage error', async () => {
    const duty = await cli('--json', 'watch', 'on-duty');
    expect(duty.code, duty.stderr).toBe(0);
    expect(JSON.parse(duty.stdout)).toEqual([]);
    const bad = await cli('watch', 'alerts', '--level', 'severe');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--level');
  });
});
