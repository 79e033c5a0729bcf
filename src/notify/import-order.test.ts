import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// Each module is the FIRST one a fresh Node process loads (vitest shares one module graph per file,
// which hides load-order bugs): an import cycle through the job registry used to fail here with
// "Cannot access 'NOTIFY_DELIVER' before initialization".
const ENTRY_MODULES = [
  'src/notify/delivery.ts',
  'src/notify/jobs.ts',
  'src/watch/jobs.ts',
  'src/watch/oncall/escalation.ts',
];

describe('notify and watch modules load in any order', () => {
  it('imports each module first in its own process', { timeout: 120_000 }, async () => {
    for (const entry of ENTRY_MODULES) {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '-e', `await import('./${entry}'); console.log('loaded')`],
        { cwd: process.cwd(), timeout: 60_000 },
      );
      expect(stdout.trim(), entry).toBe('loaded');
    }
  });
});
