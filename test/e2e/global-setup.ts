import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, CONSOLE_INDEX, hasChromium } from './support/environment';

let screenshotDir = '';

/** Checks what the flows need before any server starts, and makes the screenshot folder. */
export function setup(project: TestProject) {
  if (!hasChromium()) {
    process.stderr.write(`\n[e2e] ${CHROMIUM_PATH} not found: the browser flows are skipped.\n\n`);
  } else if (!fs.existsSync(CONSOLE_INDEX)) {
    throw new Error(
      `[e2e] ${CONSOLE_INDEX} is missing: run \`npm run build\` (or \`npm run build:web\`) first.`,
    );
  }
  screenshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-e2e-screens-'));
  project.provide('screenshotDir', screenshotDir);
}

export function teardown() {
  const shots = fs.existsSync(screenshotDir) ? fs.readdirSync(screenshotDir) : [];
  if (shots.length > 0) process.stdout.write(`\n[e2e] ${shots.length} screenshots in ${screenshotDir}\n`);
  else fs.rmSync(screenshotDir, { recursive: true, force: true });
}
