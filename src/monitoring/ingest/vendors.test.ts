import { describe, expect, it } from 'vitest';
import { parseAccessLine, W3cReader } from './access-logs';
import { parseKeyValues } from './key-value';
import { parseSyslogText } from './syslog';

const receivedAt = new Date('2026-03-15T05:00:00Z');
const parse = (text: string) => parseSyslogText(text, { receivedAt });

describe('vendor formats', () => {
  it('FortiGate quoted and unquoted values, eventtime in nanoseconds, tz', () => {
    const e = parse(
      '<189>date=2024-05-01 time=10:00:00 devname="FG-HN" devid="FG100" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=10.0.0.5 eventtime=1714532400123456789 msg="a \\"quoted\\" msg"',
    );
    expect(e).toMatchObject({ format: 'fortigate', host: 'FG-HN', message: 'a "quoted" msg' });
    expect(e.time.toISOString()).toBe('2024-05-01T03:00:00.123Z');
    const seconds = parse(
      'date=2019-05-15 time=18:03:41 logid="0000000013" type="traffic" subtype="forward" eventtime=1557968619',
    );
    expect(seconds.time.toISOString()).toBe('2019-05-16T01:03:39.000Z');
    const tz = parse(
      'date=2024-05-01 time=10:00:00 devid=FG1 logid=0100 type=event subtype=system tz="+0000"',
    );
    expect(tz.time.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(tz.severity).toBeNull();
  });

  it('FortiGate level names that are Object properties are not severities', () => {
    for (const level of ['constructor', 'toString', '__proto__']) {
      const e = parse(
        `date=2024-05-01 time=10:00:00 devid=FG1 logid=0100 type=event subtype=system level=${level}`,
      );
      expect(e.format).toBe('fortigate');
      expect(e.severity).toBeNull();
    }
  });

  it('key=value reader tolerates empty values and stray text', () => {
    expect(parseKeyValues('a= b="x y" junk c=1')).toEqual({ a: '', b: 'x y', c: '1' });
    expect(parseKeyValues('no pairs here', 1)).toBeNull();
    expect(parseKeyValues('k="never closed', 1)).toEqual({ k: '"never' });
  });

  it('Cisco IOS with sequence number, unsynced clock and no host', () => {
    const e = parse(
      '<189>58: *Mar  1 00:07:49.255: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)',
    );
    expect(e).toMatchObject({
      format: 'cisco-ios',
      host: null,
      message: 'Configured from console by vty0 (10.0.0.1)',
    });
    expect(e.fields).toMatchObject({
      'syslog.sequence': 58,
      'cisco.mnemonic': 'CONFIG_I',
      'cisco.severity': 5,
    });
  });

  it('Cisco ASA with the optional stamp-and-host prefix', () => {
    const e = parse(
      '<164>Jan 01 2024 12:00:00 fw01 : %ASA-4-106023: Deny tcp src outside:203.0.113.5/4444 dst inside:10.0.0.8/445 by access-group "out"',
    );
    expect(e).toMatchObject({ format: 'cisco-asa', host: 'fw01', severity: 4 });
    expect(e.time.toISOString()).toBe('2024-01-01T05:00:00.000Z');
    expect(e.fields).toMatchObject({
      src_interface: 'outside',
      src_ip: '203.0.113.5',
      dst_port: 445,
      action: 'deny',
    });
  });

  it('pfSense IPv6 TCP and a truncated line', () => {
    const e = parse(
      '<134>Jan 22 18:34:00 pf filterlog[1]: 5,,,1000,em0,match,block,in,6,0x00,0x00000,64,tcp,6,40,2001:db8::1,2001:db8::2,5555,22,0,S,123,,1024,,',
    );
    expect(e.fields).toMatchObject({
      ip_version: '6',
      protocol: 'tcp',
      src_ip: '2001:db8::1',
      dst_port: '22',
      tcp_flags: 'S',
    });
    expect(parse('<134>Jan 22 18:34:00 pf filterlog[1]: 5,,,1000').parseError).toMatch(/too few/);
  });

  it('sshd and PAM fields', () => {
    expect(
      parse(
        '<38>Mar 15 10:00:00 h sshd[1]: Failed password for invalid user admin from 198.51.100.7 port 5022 ssh2',
      ).fields,
    ).toMatchObject({
      outcome: 'failure',
      user: 'admin',
      src_ip: '198.51.100.7',
      src_port: 5022,
    });
    const pam = parse(
      '<38>Mar 15 10:00:00 h sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.7  user=root',
    );
    expect(pam).toMatchObject({ format: 'pam' });
    expect(pam.fields).toMatchObject({
      pam_module: 'pam_unix',
      pam_type: 'auth',
      src_ip: '198.51.100.7',
      user: 'root',
    });
  });

  it('access logs: combined with agent, broken lines', () => {
    const e = parseAccessLine(
      '203.0.113.9 - bob [10/Oct/2024:13:55:36 +0700] "GET /a.php?cmd=id HTTP/1.1" 200 2326 "-" "curl/8.0"',
      receivedAt,
    );
    expect(e?.fields).toMatchObject({
      'cs-uri-stem': '/a.php',
      'cs-uri-query': 'cmd=id',
      'cs-user-agent': 'curl/8.0',
      'sc-status': 200,
    });
    expect(e?.time.toISOString()).toBe('2024-10-10T06:55:36.000Z');
    expect(
      parseAccessLine('203.0.113.9 - - [99/Xyz/2024:13:55:36 +0700] "GET / HTTP/1.1" 200 1', receivedAt)
        ?.time,
    ).toBe(receivedAt);
    expect(parseAccessLine('not an access log', receivedAt)).toBeNull();
    expect(
      parseAccessLine('1.2.3.4 - - [10/Oct/2024:13:55:36 +0700] "\u0016\u0003\u0001" 400 0', receivedAt)
        ?.parseError,
    ).toMatch(/control/);
  });

  it('W3C: directives switch columns; short lines are marked', () => {
    const r = new W3cReader();
    expect(r.read('#Fields: date time c-ip cs-uri-stem sc-status', receivedAt)).toBeNull();
    const e = r.read('2024-01-02 03:04:05 10.0.0.1 /x 404', receivedAt);
    expect(e?.fields).toMatchObject({ 'c-ip': '10.0.0.1', 'sc-status': 404 });
    expect(e?.time.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(r.read('2024-01-02 03:04:05', receivedAt)?.parseError).toMatch(/expected 5 columns/);
  });
});
