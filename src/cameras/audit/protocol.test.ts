import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestResponse, parseChallenges } from './auth/digest.js';
import { passwordDigest, usernameTokenHeader } from './auth/ws-username-token.js';
import { parseDhip } from './checks/dhip.js';
import { parseSadp } from './checks/sadp.js';
import { parseResponse, responseComplete } from './io/response.js';
import { clockOffset, deviceInformation, findFirst, parseXml, textOf } from './onvif/soap.js';
import { parseProbeMatches, scopeValue } from './onvif/ws-discovery.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/cameras');
const haveFixtures = existsSync(FIXTURES);
if (!haveFixtures) process.stdout.write(`skipping camera capture conformance: ${FIXTURES} is absent\n`);
const fixture = (p: string) => readFileSync(path.join(FIXTURES, p));

describe('Digest (RFC 2617 / 7616)', () => {
  it('passes the RFC 2617 §3.5 vector (qop=auth)', () => {
    expect(
      digestResponse({
        username: 'Mufasa',
        password: 'Circle Of Life',
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        method: 'GET',
        uri: '/dir/index.html',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('passes the RFC 7616 §3.9.1 SHA-256 vector', () => {
    expect(
      digestResponse({
        username: 'Mufasa',
        password: 'Circle of Life',
        realm: 'http-auth@example.org',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        method: 'GET',
        uri: '/dir/index.html',
        qop: 'auth',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
        algorithm: 'SHA-256',
      }),
    ).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('parses several challenges, quoted commas and junk without throwing', () => {
    const c = parseChallenges([
      'Basic realm="a, b"',
      'Digest realm="IP Camera", nonce="abc", qop="auth,auth-int", stale=FALSE',
      '\u0000\u00ff garbage',
      '',
    ]);
    expect(c[0]).toEqual({ scheme: 'basic', params: { realm: 'a, b' } });
    expect(c[1]?.params).toMatchObject({
      realm: 'IP Camera',
      nonce: 'abc',
      qop: 'auth,auth-int',
      stale: 'FALSE',
    });
    expect(parseChallenges(['x'.repeat(100_000)])).toHaveLength(1);
  });
});

describe('WS-UsernameToken PasswordDigest', () => {
  it('passes the two vectors of CAMERAS.md §2.3', () => {
    expect(passwordDigest('NDczOTcxNjIzNw==', '2014-12-24T16:29:56.117Z', '9999')).toBe(
      'GBojZCRixHjpO9rnY+SxhdxZ5bc=',
    );
    expect(passwordDigest('MzI0NjgxODk4NA==', '2015-07-01T16:07:13.613Z', '9999')).toBe(
      'm9KmXKm11Sr3yst3mL1qgWFnRRI=',
    );
  });

  it('builds a header whose digest verifies, with Created shifted by the clock offset', () => {
    const nonce = Buffer.from('0123456789abcdef');
    const xml = usernameTokenHeader('admin', 'pw', 60_000, nonce, new Date('2025-01-01T00:00:00.000Z'));
    expect(xml).toContain(
      '<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">2025-01-01T00:01:00.000Z</Created>',
    );
    expect(xml).toContain(passwordDigest(nonce.toString('base64'), '2025-01-01T00:01:00.000Z', 'pw'));
  });

  it.skipIf(!haveFixtures)('verifies the UsernameToken of the agsh GetDeviceInformation capture', () => {
    const xml = parseXml(fixture('agsh-onvif-v0.8.2/GetDeviceInformation.xml'));
    const token = findFirst(xml, 'UsernameToken');
    const digest = passwordDigest(
      textOf(findFirst(token, 'Nonce')) ?? '',
      textOf(findFirst(token, 'Created')) ?? '',
      '9999',
    );
    expect(digest).toBe(textOf(findFirst(token, 'Password')));
    expect(deviceInformation(xml)).toEqual({
      manufacturer: 'Mockup Manufacturer',
      model: 'Mockup Model',
      firmware: 'Mockup_15_14_13',
      serial: '00000000',
    });
  });
});

describe('captures of real devices (../shared/fixtures/cameras)', () => {
  it.skipIf(!haveFixtures)(
    'parses the agsh and UniversalScanner ProbeMatches (any prefix, several XAddrs)',
    () => {
      const agsh = parseProbeMatches(fixture('agsh-onvif-v0.8.2/Probe.xml'));
      expect(agsh).toHaveLength(1);
      expect(scopeValue(agsh[0]?.scopes ?? [], 'name')).toBe('PREDATOR');
      expect(agsh[0]?.xaddrs.length).toBeGreaterThan(0);
      const us = parseProbeMatches(fixture('universalscanner/Wsdiscovery.selftest'));
      expect(us[0]?.xaddrs).toEqual(['http://240.0.2.0/', 'http://[::1]/']);
      expect(us[0]?.scopes).toEqual([]);
    },
  );

  it.skipIf(!haveFixtures)('reads SADP and DHIP discovery replies, including the malformed DHIP JSON', () => {
    expect(parseSadp(fixture('universalscanner/Hikvision.selftest'))).toMatchObject({
      firmware: 'V1.0build 200101',
      activated: 'true',
      serial: 'Virtual-123456789',
      mac: '00-11-22-33-44-55',
    });
    const dh = parseDhip(fixture('universalscanner/Dahua2.selftest'));
    expect(dh?.firmware).toBe('1.0000');
    expect(dh?.mac).toBe('00:11:22:33:44:55');
    expect(parseDhip(fixture('universalscanner/Dahua1.selftest'))).toBeUndefined();
  });

  it.skipIf(!haveFixtures)(
    'reads the Axis GetSystemDateAndTime clock and survives the typographic-quote Error.xml',
    () => {
      const axis = parseXml(fixture('hammeraj-onvif/get_system_date_and_time.xml'));
      expect(Number.isFinite(clockOffset(axis))).toBe(true);
      expect(clockOffset(axis)).not.toBe(0);
      expect(() => parseXml(fixture('agsh-onvif-v0.8.2/Error.xml'))).not.toThrow();
      expect(parseXml(fixture('universalscanner/Dahua2.selftest'))).toBeUndefined();
    },
  );
});

describe('response parser on hostile input', () => {
  it('parses lenient camera replies (bare LF, RTSP/1.1, no reason)', () => {
    const r = parseResponse(Buffer.from('RTSP/1.1 200\nCSeq: 0\nServer: H264DVR 1.0\n\n'), 16_384);
    expect(r).toMatchObject({ protocol: 'RTSP/1.1', status: 200, reason: '' });
    expect(r?.headers.get('server')).toEqual(['H264DVR 1.0']);
  });

  it('gives undefined for binary garbage and caps repeated headers', () => {
    expect(parseResponse(Buffer.from([0, 0, 0, 0x10, 0xff, 0xfe, 13, 10, 13, 10]), 16_384)).toBeUndefined();
    const many = `HTTP/1.1 200 OK\r\n${'X-A: 1\r\n'.repeat(10_000)}\r\n`;
    expect(parseResponse(Buffer.from(many), 16_384)?.headers.get('x-a')?.length).toBe(16);
  });

  it('knows when a reply is complete (Content-Length, chunked, RTSP without body)', () => {
    expect(
      responseComplete(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab'), {
        bodyUntilClose: true,
      }),
    ).toBe(false);
    expect(
      responseComplete(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'), {
        bodyUntilClose: true,
      }),
    ).toBe(true);
    expect(
      responseComplete(
        Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'),
        { bodyUntilClose: true },
      ),
    ).toBe(true);
    expect(
      responseComplete(Buffer.from('RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n'), {
        bodyUntilClose: false,
      }),
    ).toBe(true);
    const chunked = parseResponse(
      Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'),
      16_384,
    );
    expect(chunked?.body.toString()).toBe('abcde');
  });
});
