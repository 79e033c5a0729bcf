import fs from 'node:fs';
import path from 'node:path';
import { W3cReader } from '../ingest/access-logs';
import type { LogsourceHint, SigmaEvent } from '../sigma';
import { DamagedInputError, evtxReader } from './readers/evtx-records';
import { readJsonValues } from './readers/json-events';

/**
 * The realistic event mix of the engine benchmark (bench/sigma.bench.ts) and of the indexed-vs-plain
 * differential test, read in place from ../shared/fixtures: SigmaHQ regression events + Chainsaw's Security
 * sample (Windows), loghub Linux_2k and OpenSSH_2k (Linux syslog, hinted), and synthetic web access records.
 */
export type MixItem = { event: SigmaEvent; hint?: LogsourceHint };

export const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures');

export async function windowsEvents(fixtures = FIXTURES): Promise<MixItem[]> {
  const files = [
    ...walk(path.join(fixtures, 'sigma/sigmahq/regression_data')).filter((f) => f.endsWith('.json')),
    ...walk(path.join(fixtures, 'logs/chainsaw/tests/evtx')).filter((f) =>
      f.endsWith('jsonl_simple_string.txt'),
    ),
  ];
  const out: MixItem[] = [];
  for (const file of files) for await (const e of readJsonValues(file)) out.push({ event: e.event });
  return out;
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function syslogEvents(fixtures = FIXTURES): MixItem[] {
  const lines = (file: string) =>
    fs
      .readFileSync(path.join(fixtures, 'logs/loghub', file), 'utf8')
      .split('\n')
      .filter(Boolean);
  return [
    ...lines('Linux/Linux_2k.log').map((message) => ({ event: { message }, hint: { product: 'linux' } })),
    ...lines('OpenSSH/OpenSSH_2k.log').map((message) => ({
      event: { message },
      hint: { product: 'linux', service: 'sshd' },
    })),
  ];
}

/** Synthetic web access records with the W3C field names the web rules use (no web log in the fixtures). */
export function webEvents(): MixItem[] {
  const uris = [
    '/index.php?id=1',
    '/news/2024/01/a.html',
    '/search?q=%27%20OR%201=1--',
    '/static/app.js',
    '/../../etc/passwd',
    '/login',
  ];
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'curl/8.0', 'sqlmap/1.7'];
  return uris.flatMap((uri, i) =>
    agents.map((ua, j) => ({
      event: {
        'cs-method': 'GET',
        'cs-uri-stem': uri.split('?')[0],
        'cs-uri-query': uri.split('?')[1] ?? '',
        'c-uri': uri,
        'sc-status': 200 + ((i + j) % 3) * 100,
        'cs-user-agent': ua,
        'c-ip': `198.18.0.${i + j}`,
      },
      hint: { category: 'webserver', product: 'apache' },
    })),
  );
}

/** 50 % Windows, 40 % Linux syslog, 10 % web, interleaved. */
export function mix(win: MixItem[], sys: MixItem[], web: MixItem[], total: number): MixItem[] {
  const out: MixItem[] = [];
  for (let i = 0; out.length < total; i++) {
    out.push(win[i % win.length]!, win[(i * 7 + 3) % win.length]!);
    out.push(sys[(i * 2) % sys.length]!);
    if (i % 2 === 0) out.push(sys[(i * 2 + 1) % sys.length]!);
    else out.push(web[i % web.length]!);
    if (out.length % 5 === 0 && i % 2 === 1) out.push(win[(i * 13) % win.length]!);
  }
  return out.slice(0, total);
}

/**
 * Benign Windows records: the EVTX files under logs/ that are not SigmaHQ regression cases (Chainsaw's
 * Security sample from a Windows 10 host; the logon, Kerberos and MSSQL logs of EVTX-ATTACK-SAMPLES, whose
 * records are ordinary 4624/4625/4771/18456 events), read with the ingest's EVTX parser.
 */
export async function benignWindowsEvents(fixtures = FIXTURES): Promise<MixItem[]> {
  const files = [
    'logs/chainsaw/tests/evtx/security_sample.evtx',
    ...fs
      .readdirSync(path.join(fixtures, 'logs/evtx-attack-samples/Credential Access'))
      .filter((f) => f.endsWith('.evtx'))
      .sort()
      .map((f) => `logs/evtx-attack-samples/Credential Access/${f}`),
  ];
  const out: MixItem[] = [];
  for (const file of files) {
    try {
      for await (const e of evtxReader.read(path.join(fixtures, file))) out.push({ event: e.event });
    } catch (error) {
      if (!(error instanceof DamagedInputError)) throw error; // keep the records read before the damage
    }
  }
  return out;
}

/** IIS W3C lines (EVTX-ATTACK-SAMPLES' Tunna log: ordinary requests, 4 of 4,308 carry the tunnel). */
export function benignWebEvents(fixtures = FIXTURES): MixItem[] {
  const reader = new W3cReader();
  const at = new Date(0);
  const text = fs.readFileSync(
    path.join(fixtures, 'logs/evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log'),
    'utf8',
  );
  const out: MixItem[] = [];
  for (const line of text.split('\n')) {
    const e = reader.read(line, at);
    if (e) out.push({ event: { ...e.fields, message: e.message }, hint: { category: 'webserver' } });
  }
  return out;
}

/**
 * The "realistic" mix: a SOC's stream is mostly benign, so `attackShare` of the events (default 5 %) come
 * from the hot mix above (every regression event triggers a rule) and the rest from benign records:
 * Windows EVTX records 45 %, Linux syslog 40 %, IIS 15 % (the hot mix's Windows/syslog/web balance).
 */
export function realisticMix(
  hot: MixItem[],
  benign: { win: MixItem[]; sys: MixItem[]; web: MixItem[] },
  total: number,
  attackShare = 0.05,
): MixItem[] {
  const out: MixItem[] = [];
  const every = Math.round(1 / attackShare);
  for (let i = 0, a = 0, w = 0, s = 0, b = 0; out.length < total; i++) {
    if (i % every === every - 1) out.push(hot[a++ % hot.length]!);
    else if (i % 20 < 9) out.push(benign.win[w++ % benign.win.length]!);
    else if (i % 20 < 17) out.push(benign.sys[(s++ * 7) % benign.sys.length]!);
    else out.push(benign.web[b++ % benign.web.length]!);
  }
  return out;
}
