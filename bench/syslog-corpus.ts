/**
 * Syslog records by format, for bench/syslog-parse.bench.ts and the parser's differential test: the log
 * fixtures (../shared/fixtures/logs, read in place) as devices send them, plus the shapes the fixtures lack
 * (RFC 5424, `1 ` + BSD stamp, RFC 3339 in 3164, Vietnamese UTF-8 and Windows-1258 bytes) built from the
 * OpenSSH lines. Empty groups when the fixtures are absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Corpus = Record<string, Uint8Array[]>;

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const FIXTURES = path.join(ROOT, '..', 'shared', 'fixtures', 'logs');

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function fileLines(rel: string, encoding: BufferEncoding = 'utf8'): string[] {
  const file = path.join(FIXTURES, rel);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file)
    .toString(encoding)
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

function wazuh(name: string): string[] {
  return fileLines(`wazuh-ruleset-tests/ruleset/testing/tests/${name}.ini`)
    .map((l) => /^log \d+ pass = (.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
}

// Windows-1258 writes Vietnamese as a base letter plus a combining tone mark: NFD, then byte by byte.
function cp1258Table(): Map<string, number> | null {
  try {
    const decoder = new TextDecoder('windows-1258');
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
    return table;
  } catch {
    return null;
  }
}

function cp1258(text: string, table: Map<string, number>): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFD')) out.push(table.get(ch) ?? 0x3f);
  return new Uint8Array(out);
}

const VIETNAMESE = [
  'Đăng nhập thất bại cho người dùng quản trị từ',
  'Phiên làm việc đã kết thúc, người dùng đăng xuất',
  'Cảnh báo: tường lửa chặn kết nối đến cổng 445 từ',
  'Tài khoản bị khoá sau 5 lần nhập sai mật khẩu từ',
];

/** Records grouped by the format they exercise; each record is the bytes of one syslog frame. */
export function loadCorpus(): Corpus {
  const ssh = fileLines('loghub/OpenSSH/OpenSSH_2k.log');
  const linux = fileLines('loghub/Linux/Linux_2k.log');
  // `Dec 10 06:55:46 LabSZ sshd[24200]: msg` split into its parts, to rebuild it in other header shapes.
  const parts = ssh
    .map((l) => /^(\w{3}) +(\d+) (\d\d:\d\d:\d\d) (\S+) (\w+)\[(\d+)\]: (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);
  const iso = (m: RegExpExecArray, i: number) =>
    `2026-12-${m[2]!.padStart(2, '0')}T${m[3]}.${String(i % 1000).padStart(3, '0')}${i % 3 ? '+07:00' : 'Z'}`;
  const apache = fileLines(
    'evtx-attack-samples/Command and Control/web_attack_and_isp_webshell_localhost_access_log.txt',
    'latin1',
  );
  const iis = fileLines('evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log').filter(
    (l) => !l.startsWith('#'),
  );
  const table = cp1258Table();
  const corpus: Corpus = {
    'openssh <38>': ssh.map((l) => utf8(`<38>${l}`)),
    'openssh no PRI': ssh.map(utf8),
    'linux <38>': linux.map((l) => utf8(`<38>${l}`)),
    'rfc5424 sshd': parts.map((m, i) =>
      utf8(
        `<38>1 ${iso(m, i)} ${m[4]} ${m[5]} ${m[6]} ${i % 2 ? '-' : 'ID47'} ${
          i % 4 ? '-' : `[origin@32473 ip="10.0.0.${i % 250}" seq="${i}"][meta sysUpTime="${i * 7}"]`
        } ${i % 5 ? '' : '\uFEFF'}${m[7]}`,
      ),
    ),
    '1 + BSD stamp': parts.map((m) =>
      utf8(`<38>1 ${m[1]} ${m[2]!.padStart(2)} ${m[3]} ${m[4]} sshd[${m[6]}]: ${m[7]}`),
    ),
    'rfc3339 in 3164': parts.map((m, i) => utf8(`<38>${iso(m, i)} ${m[4]} sshd[${m[6]}]: ${m[7]}`)),
    fortigate: wazuh('fortigate').map(utf8),
    cisco: [...wazuh('cisco_ios'), ...wazuh('cisco_asa'), ...wazuh('pix')].map(utf8),
    pfsense: wazuh('pfsense').map(utf8),
    'wazuh sshd+pam+syslog': [...wazuh('sshd'), ...wazuh('pam'), ...wazuh('syslog')].map(utf8),
    'apache raw': apache.map((l) => new Uint8Array(Buffer.from(l, 'latin1'))),
    'apache in syslog': apache.map(
      (l) =>
        new Uint8Array(
          Buffer.concat([Buffer.from('<134>Jul 11 08:41:28 web01 apache: '), Buffer.from(l, 'latin1')]),
        ),
    ),
    'wazuh web': [...wazuh('apache'), ...wazuh('nginx'), ...wazuh('web_rules'), ...wazuh('web_appsec')].map(
      utf8,
    ),
    'iis in syslog': iis.map((l) => utf8(`<134>Oct  1 01:02:03 iis01 w3svc: ${l}`)),
    'vietnamese utf-8': parts.map((m, i) =>
      utf8(
        `<38>${m[1]} ${m[2]!.padStart(2)} ${m[3]} may-chu-${i % 9} app[${m[6]}]: ${VIETNAMESE[i % 4]} ${m[7]}`,
      ),
    ),
    'vietnamese cp1258': table
      ? parts.map((m, i) => {
          const head = Buffer.from(`<13>${m[1]} ${m[2]!.padStart(2)} ${m[3]} pc-${i % 7} app: `);
          return new Uint8Array(Buffer.concat([head, cp1258(`${VIETNAMESE[i % 4]} ${m[7]}`, table)]));
        })
      : [],
  };
  for (const [name, records] of Object.entries(corpus)) if (records.length === 0) delete corpus[name];
  return corpus;
}
