import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/project-root';

export const COLLECTOR_FILE_NAME = 'canhgac-inventory.ps1';

let cached: string | undefined;

/** The PowerShell collector's text, as shipped in the checkout (src/ is present beside dist/ too). */
export function collectorScript(): string {
  cached ??= fs.readFileSync(
    path.join(projectRoot(), 'src', 'inventory', 'collector', COLLECTOR_FILE_NAME),
    'utf8',
  );
  return cached;
}
