import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_INDEX, PROJECT_ROOT } from './environment';

export type RunningServer = {
  url: string;
  /** Everything the server printed on stdout so far (JSON log lines and the first-admin banner). */
  stdout: () => string;
  stop: () => Promise<void>;
};

const START_TIMEOUT_MS = 120_000;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The address from the server's "Canh Gác is serving" log line (it listens on a free port). */
function servingAddress(output: string): string | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; address?: string };
      if (entry.msg === 'Canh Gác is serving' && entry.address) return entry.address;
    } catch {
      // Not a log line (the banner, a partial line): keep reading.
    }
  }
  return undefined;
}

/**
 * Starts the real server (src/main.ts) on a free loopback port with a fresh PGlite folder, and waits
 * until it answers /api/health and serves the console at /. Without adminPassword the server makes
 * one up and prints it on stdout, as on a real first start.
 */
export async function startServer(options: { adminPassword?: string } = {}): Promise<RunningServer> {
  if (!fs.existsSync(CONSOLE_INDEX)) {
    throw new Error(`${CONSOLE_INDEX} is missing: run \`npm run build\` (or \`npm run build:web\`) first.`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-e2e-data-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', CANHGAC_DATA_DIR: dataDir };
  // Never the developer's own database or password: this server is fresh and embedded.
  delete env.DATABASE_URL;
  delete env.CANHGAC_ADMIN_PASSWORD;
  if (options.adminPassword) env.CANHGAC_ADMIN_PASSWORD = options.adminPassword;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async () => {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await waitUntilServing(
      child,
      () => stdout,
      () => stderr,
    );
    return { url, stdout: () => stdout, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The server logs as JSON on stdout; its error lines say why a request failed. */
function loggedErrors(output: string): string {
  const errors: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) >= 50) errors.push(`${entry.msg ?? ''}: ${entry.err?.message ?? ''}`);
    } catch {
      // Not a log line.
    }
  }
  return errors.slice(-5).join('\n');
}

async function waitUntilServing(child: ChildProcess, stdout: () => string, stderr: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const failure = (why: string) =>
    new Error(`${why}\n--- server errors ---\n${loggedErrors(stdout())}\n${stderr().slice(-3000)}`);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw failure(`the server exited with code ${child.exitCode}`);
    const url = servingAddress(stdout());
    if (url) {
      const health = await fetch(`${url}/api/health`).catch(() => undefined);
      if (health?.ok) {
        const page = await fetch(`${url}/`);
        if (!page.ok || !(page.headers.get('content-type') ?? '').includes('text/html')) {
          await new Promise((resolve) => setTimeout(resolve, 500)); // let the server's error line arrive
          throw failure(
            `the server answers GET / with ${page.status}, not the console: ${await page.text()}`,
          );
        }
        return url;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw failure(`the server did not serve within ${START_TIMEOUT_MS / 1000} s`);
}
