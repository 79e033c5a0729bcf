import fs from 'node:fs';
import path from 'node:path';
import { LOAD_DEFAULTS, type LoadOptions, loadSigmaYaml } from '../sigma/load';
import type { SigmaDocument } from '../sigma/model';
import type { Rejection } from '../sigma/reasons';

export type LoadedRules = { files: number; documents: SigmaDocument[]; rejected: Rejection[] };

/** Reads every `.yml`/`.yaml` under the given files and folders (sorted, so results are reproducible). */
export function loadRulePaths(paths: string[], options: LoadOptions = {}): LoadedRules {
  const out: LoadedRules = { files: 0, documents: [], rejected: [] };
  const maxBytes = options.maxBytes ?? LOAD_DEFAULTS.maxBytes;
  for (const file of paths.flatMap(listRuleFiles)) {
    out.files++;
    if (fs.statSync(file).size > maxBytes) {
      out.rejected.push({
        source: file,
        document: 0,
        reason: 'too-large',
        detail: `more than ${maxBytes} bytes`,
      });
      continue;
    }
    const result = loadSigmaYaml(fs.readFileSync(file, 'utf8'), file, options);
    out.documents.push(...result.documents);
    out.rejected.push(...result.rejected);
  }
  return out;
}

export function listRuleFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  const out: string[] = [];
  for (const entry of fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) out.push(...listRuleFiles(full));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}
