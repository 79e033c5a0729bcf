import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CONSOLE_INDEX = path.join(PROJECT_ROOT, 'web', 'dist', 'index.html');
/** Debian's Chromium; CANHGAC_E2E_CHROMIUM points elsewhere when it lives somewhere else. */
export const CHROMIUM_PATH = process.env.CANHGAC_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each flow leaves its screenshot. */
    screenshotDir: string;
  }
}
