// Frozen copy of src/monitoring/ingest/key-value.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
/**
 * Reads `k=v k2="v 2" k3=` pairs (FortiGate, PAM). Quoted values may contain spaces and `\"`.
 * Returns null when fewer than `minPairs` pairs are found (not a key=value line).
 */
export function parseKeyValues(text: string, minPairs = 1): Record<string, string> | null {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.-]{0,63})=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;
  let count = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    count++;
  }
  return count >= minPairs ? out : null;
}
