// Builds what `npm start` and the `canh-gac` CLI run: the server and CLI bundles (esbuild, a second or
// so) and the web console (Vite). `node scripts/build.mjs [server|web|all]`; `--if-stale` skips a part
// whose sources are older than its last build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(entries) {
  let newest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p))
        if (name !== 'node_modules' && name !== 'dist') walk(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of entries) walk(path.join(root, entry));
  return newest;
}

function isStale(stampFile, sources) {
  const stamp = path.join(root, stampFile);
  return !fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < newestMtime(sources);
}

function touch(stampFile) {
  const stamp = path.join(root, stampFile);
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
}

const SERVER_SOURCES = ['src', 'package.json', 'package-lock.json'];
const WEB_SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src', 'package-lock.json'];

export async function buildServer() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.ts', cli: 'src/cli/main.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies stay in node_modules: PGlite and argon2 load their own WASM and native files.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  touch('dist/.built');
}

export function buildWeb() {
  if (!fs.existsSync(path.join(root, 'web', 'vite.config.ts'))) return;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('web console build failed');
  touch('web/dist/.built');
}

export async function build({ part = 'all', ifStale = false } = {}) {
  if ((part === 'all' || part === 'server') && (!ifStale || isStale('dist/.built', SERVER_SOURCES))) {
    await buildServer();
  }
  if ((part === 'all' || part === 'web') && (!ifStale || isStale('web/dist/.built', WEB_SOURCES))) {
    buildWeb();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const part = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'all';
  await build({ part, ifStale: process.argv.includes('--if-stale') });
}
