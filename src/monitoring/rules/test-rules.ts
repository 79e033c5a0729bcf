import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { pack } from 'tar-stream';

/** A small Windows rule written for these tests; `extra` is appended at the top level. */
export function ruleYaml(o: {
  id: string;
  title?: string;
  author?: string;
  level?: string;
  tags?: string[];
  user?: string;
  detection?: string;
}): string {
  const tags = o.tags?.length ? `tags:\n${o.tags.map((t) => `  - ${t}`).join('\n')}\n` : '';
  const detection =
    o.detection ??
    `  selection:\n    EventID: 4625\n    TargetUserName: ${o.user ?? 'attacker'}\n  condition: selection\n`;
  return `title: ${o.title ?? `Rule ${o.id.slice(0, 8)}`}
id: ${o.id}
status: test
author: ${o.author ?? 'Nguyễn Văn Tác Giả'}
${tags}logsource:
  product: windows
  service: security
detection:
${detection}level: ${o.level ?? 'high'}
`;
}

export async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function tarGzOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const tar = pack();
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

/** A Windows failed-logon event as Winlogbeat ships it (NDJSON line). */
export function failedLogon(user: string, o: { time?: string; host?: string } = {}): string {
  return `${JSON.stringify({
    '@timestamp': o.time ?? '2026-03-15T03:00:00.000Z',
    host: { name: o.host ?? 'PC-01' },
    winlog: {
      channel: 'Security',
      event_id: 4625,
      provider_name: 'Microsoft-Windows-Security-Auditing',
      computer_name: `${o.host ?? 'PC-01'}.xa.local`,
      event_data: { TargetUserName: user, IpAddress: '198.18.0.7', LogonType: '3' },
    },
  })}\n`;
}
