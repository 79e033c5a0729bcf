import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAccessLine, W3cReader } from './access-logs';
import { logFixturesDir, wazuhCases } from './fixtures';
import { parseSyslog, parseSyslogText } from './syslog';

const dir = logFixturesDir();
const receivedAt = new Date('2026-06-01T00:00:00Z');
const parse = (line: string) => parseSyslogText(line, { receivedAt });
const lines = (file: string) => fs.readFileSync(path.join(dir!, file), 'utf8').split('\n').filter(Boolean);

describe.skipIf(!dir)('log fixtures conformance (../shared/fixtures/logs; skipped when absent)', () => {
  it.each([
    ['fortigate', 'fortigate', 1],
    ['cisco_asa', 'cisco-asa', 1],
    ['pix', 'cisco-asa', 1],
    ['cisco_ios', 'cisco-ios', 1],
    ['pfsense', 'pfsense', 1],
    ['pam', 'pam', 1],
    ['sshd', 'sshd', 0.85],
  ] as const)('Wazuh %s cases are read as %s', (table, format, share) => {
    const cases = wazuhCases(dir!, table);
    const events = cases.map(parse);
    const hits = events.filter((e) => e.format === format);
    const misses = events.filter((e) => e.format !== format).map((e) => e.message);
    expect(hits.length / cases.length, misses.slice(0, 5).join('\n')).toBeGreaterThanOrEqual(share);
    for (const e of hits) expect(e.parseError, e.message).toBeNull();
  });

  it('FortiGate: devname, level and the log fields', () => {
    const e = parse(wazuhCases(dir!, 'fortigate')[1]!);
    expect(e).toMatchObject({ host: 'Device_Name', format: 'fortigate', severity: 1 });
    expect(e.fields).toMatchObject({ user: 'gfedhf', status: 'failed', logdesc: 'Admin login failed' });
    expect(e.time.toISOString()).toBe('2016-06-14T05:22:01.000Z');
  });

  it('Cisco IOS access-list hits and ASA endpoints', () => {
    const ios = wazuhCases(dir!, 'cisco_ios')
      .map(parse)
      .find((e) => e.fields['cisco.mnemonic'] === 'IPACCESSLOGP');
    expect(ios?.fields).toMatchObject({
      action: 'denied',
      src_ip: '10.0.6.56',
      src_port: 3067,
      dst_port: 139,
    });
    const asa = wazuhCases(dir!, 'cisco_asa')
      .map(parse)
      .find((e) => e.fields['cisco.message_id'] === '106001');
    expect(asa?.fields).toMatchObject({
      src_ip: '111.93.241.59',
      src_port: 54322,
      dst_ip: '116.6.127.122',
      dst_port: 1433,
    });
  });

  it('pfSense filterlog columns for IPv4 ICMP and UDP', () => {
    const [icmp, udp] = wazuhCases(dir!, 'pfsense').map(parse);
    expect(icmp!.fields).toMatchObject({
      action: 'pass',
      interface: 'vmx1',
      protocol: 'icmp',
      src_ip: '192.168.105.11',
    });
    expect(udp!.fields).toMatchObject({
      action: 'block',
      protocol: 'udp',
      dst_ip: '10.9.0.255',
      dst_port: '17600',
    });
    expect(udp!.host).toBe('pfSense');
  });

  it('Loghub OpenSSH: 520 failed passwords, 286 from 183.62.140.253', () => {
    const events = lines('loghub/OpenSSH/OpenSSH_2k.log').map(parse);
    expect(events.every((e) => e.host === 'LabSZ' && e.app === 'sshd')).toBe(true);
    const failed = events.filter(
      (e) => e.fields.outcome === 'failure' && e.fields.auth_method === 'password',
    );
    expect(failed).toHaveLength(520);
    expect(failed.filter((e) => e.fields.src_ip === '183.62.140.253')).toHaveLength(286);
    expect(events.filter((e) => e.fields.outcome === 'invalid_user').length).toBeGreaterThanOrEqual(113);
  });

  it('Loghub Linux: 490 PAM authentication failures, 80 from 150.183.249.110', () => {
    const events = lines('loghub/Linux/Linux_2k.log').map(parse);
    const failures = events.filter(
      (e) => e.format === 'pam' && e.fields.pam_event === 'authentication failure',
    );
    expect(failures).toHaveLength(490);
    expect(failures.filter((e) => e.fields.src_ip === '150.183.249.110')).toHaveLength(80);
  });

  it('Apache access log with TLS bytes on the HTTP port: every line read, 3 kept as raw', () => {
    const file = path.join(
      dir!,
      'evtx-attack-samples/Command and Control/web_attack_and_isp_webshell_localhost_access_log.txt',
    );
    const bytes = fs.readFileSync(file);
    const rows = bytes.toString('latin1').split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(2661);
    const events = rows.map((row) => parseAccessLine(row, receivedAt));
    expect(events.every(Boolean)).toBe(true);
    const raw = events.filter((e) => e!.parseError);
    expect(raw).toHaveLength(3);
    const traversals = events.map((e) => String(e!.fields.request).split('../').length - 1);
    expect(traversals.reduce((a, b) => a + b, 0)).toBe(534);
    expect(events.filter((e) => String(e!.fields.request).includes('etc/passwd'))).toHaveLength(42);
    expect(events[0]!.time.toISOString()).toBe('2018-07-11T05:41:28.000Z');
    // The same bytes through the syslog path as one record each never throw either.
    for (const row of rows.slice(0, 50))
      expect(() => parseSyslog(Buffer.from(row, 'latin1'), { receivedAt })).not.toThrow();
  });

  it('IIS W3C log: #Fields drives the columns; 3 Tunna requests (the 4th hit is the author comment)', () => {
    const reader = new W3cReader();
    const rows = lines('evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log');
    const events = rows.map((r) => reader.read(r, receivedAt)).filter((e) => e !== null);
    expect(events.length).toBeGreaterThan(4000);
    expect(events.every((e) => e.parseError === null)).toBe(true);
    const tunna = events.filter((e) => String(e.fields['cs-uri-query'] ?? '').includes('proxy&port='));
    expect(tunna).toHaveLength(3);
    expect(tunna[0]!.fields).toMatchObject({
      'cs-method': 'GET',
      'cs-uri-stem': '/erp/conn.aspx',
      'c-ip': '10.0.2.17',
    });
  });
});
