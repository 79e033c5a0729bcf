import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { runCli } from '../src/cli/main';

/** Runs the CLI in this process, as `canh-gac ...`, capturing what it prints and its exit code. */
export async function runCliCaptured(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await runCli(['node', 'canh-gac', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

/**
 * Points the CLI at a fresh embedded data folder for the enclosing describe block (hooks registered
 * there), with a known admin password, and puts the environment back afterwards.
 */
export function useCliDataDir(prefix: string): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.CANHGAC_DATA_DIR = dataDir;
    process.env.CANHGAC_ADMIN_PASSWORD = 'Admin-password-for-cli-1';
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return dataDir;
}
