import { describe, expect, it } from 'vitest';
import {
  compareDotted,
  compareRpm,
  compareSemver,
  compareVendorFirmware,
  compareVersions,
  inRange,
  parseDotted,
  parseWindowsBuild,
} from './versions';

describe('parseDotted / compareDotted', () => {
  it('reads zero-padded components numerically (Exchange, VULNS.md §4.6)', () => {
    expect(parseDotted('15.02.2562.037')).toEqual([15, 2, 2562, 37]);
    expect(compareDotted('15.02.2562.037', '15.2.2562.37')).toBe(0);
    expect(compareDotted('15.02.2562.037', '15.2.2562.27')).toBe(1);
  });

  it('compares numerically, never as strings', () => {
    expect(compareDotted('10.0.19045.10', '10.0.19045.9')).toBe(1);
    expect(compareDotted('2.10', '2.9')).toBe(1);
    expect(compareDotted('1.0.0.2', '1.0.0.10')).toBe(-1);
  });

  it('treats missing trailing parts as 0 and accepts any count of parts', () => {
    expect(compareDotted('10.0', '10.0.0.0')).toBe(0);
    expect(compareDotted('1', '1.0.0.0.0.1')).toBe(-1);
    expect(compareDotted('7', '6.99.99')).toBe(1);
  });

  it.each([
    '',
    ' ',
    '124.0.6367.xxx',
    '1..2',
    '.1',
    '1.',
    'v1.2',
    '1.2-3',
    '15.2 CU12',
    'https://aka.ms/OfficeSecurityReleases',
    '1.2.3a',
    '99999999999999999999.1',
  ])('refuses %j', (bad) => {
    expect(parseDotted(bad)).toBeUndefined();
    expect(compareDotted(bad, '1.0')).toBeUndefined();
    expect(compareDotted('1.0', bad)).toBeUndefined();
  });
});

describe('parseWindowsBuild', () => {
  it('splits four parts', () => {
    expect(parseWindowsBuild('10.0.19045.2728')).toEqual({ major: 10, minor: 0, build: 19045, ubr: 2728 });
    expect(parseWindowsBuild('6.3.9600.21871')).toEqual({ major: 6, minor: 3, build: 9600, ubr: 21871 });
  });

  it.each([
    '17.9.6',
    '16.11.35',
    '124.0.6367.xxx',
    'OMS Agent for Linux GA v1',
    '10.0.19045.2728.1',
    'KB5023696',
  ])('is not a Windows build: %j', (bad) => expect(parseWindowsBuild(bad)).toBeUndefined());
});

describe('compareRpm (rpmvercmp)', () => {
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '2.0', -1],
    ['2.0.1', '2.0', 1],
    ['1.0a', '1.0', 1],
    ['1.0a', '1.0b', -1],
    ['1.10', '1.9', 1],
    ['1.001', '1.1', 0],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0~~', '1.0~', -1],
    ['1.0^', '1.0', 1],
    ['1.0^git1', '1.0.1', -1],
    ['1a', '1.1', -1],
    ['1.0-1', '1.0-2', -1],
    ['1.2.3-4', '1.2.3-4.cm2', -1],
    ['1:1.0-1', '2.0-1', 1],
    ['0:2.0-1', '2.0-1', 0],
    ['1.0-1', '1.0', 0],
    ['5.15.131.1-1.cm2', '5.15.153.1-1.cm2', -1],
  ] as const)('%s vs %s → %i', (a, b, expected) => {
    expect(compareRpm(a, b)).toBe(expected);
    expect(compareRpm(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  it.each(['', 'x:1.0', '1:2:3', '1.0-', 'a b', '1.0-1-'])('refuses %j', (bad) => {
    expect(compareRpm(bad, '1.0')).toBeUndefined();
  });
});

describe('compareSemver', () => {
  it('orders pre-releases below releases and ignores build metadata', () => {
    expect(compareSemver('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(compareSemver('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(compareSemver('1.0.0-beta.11', '1.0.0-beta.2')).toBe(1);
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
    expect(compareSemver('1.2', '1.2.0')).toBeUndefined();
  });
});

describe('compareVendorFirmware', () => {
  it('compares Dahua numbers first, then the date', () => {
    expect(compareVendorFirmware('2.820.0000000.5.r.210705', '2.800.0000000.29.r.210630')).toBe(1);
    expect(compareVendorFirmware('V2.800.0000000.29.R.210630', '2.800.0000000.29.r.210630')).toBe(0);
    expect(compareVendorFirmware('2.800.0000000.29.r.210630', '2.800.0000000.29.r.210701')).toBe(-1);
  });

  it('compares Hikvision versions and build dates', () => {
    expect(compareVendorFirmware('V5.5.0 build 210702', 'V5.5.0 build 200101')).toBe(1);
    expect(compareVendorFirmware('V5.4.5 build 170124', 'V5.5.0 build 150101')).toBe(-1);
    expect(compareVendorFirmware('V5.5.0', 'v5.5.0')).toBe(0);
  });

  it('answers undefined when it cannot decide, never 0', () => {
    expect(compareVendorFirmware('V5.5.0 build 210702', 'V5.5.0')).toBeUndefined();
    expect(compareVendorFirmware('2.800.0000000.29.r.210630', '2.800.0000000.29.t.210630')).toBeUndefined();
    expect(compareVendorFirmware('unknown', 'V5.5.0')).toBeUndefined();
    expect(compareVendorFirmware('', '')).toBeUndefined();
  });
});

describe('compareVersions', () => {
  it('dispatches by scheme, including CVE 5 versionType names', () => {
    expect(compareVersions('10.0.19045.2673', '10.0.19045.2728', 'windows')).toBe(-1);
    expect(compareVersions('15.02.2562.037', '15.2.2562.27', 'exchange')).toBe(1);
    expect(compareVersions('10.0.0', '10.0.19045.2728', 'custom')).toBe(-1);
    expect(compareVersions('1.0~rc1', '1.0', 'rpm')).toBe(-1);
    expect(compareVersions('1.0.0-rc.1', '1.0.0', 'semver')).toBe(-1);
    expect(compareVersions('V5.5.0 build 210702', 'V5.5.0 build 200101', 'firmware')).toBe(1);
  });

  it('never turns "cannot decide" into equal', () => {
    expect(compareVersions('1.0', '1.0', undefined)).toBeUndefined();
    expect(compareVersions('1.0', '1.0', 'git')).toBeUndefined();
    expect(compareVersions('10.0.19045', '10.0.19045.0', 'windows')).toBeUndefined();
    expect(compareVersions('124.0.6367.xxx', '124.0.6367.xxx', 'dotted')).toBeUndefined();
  });
});

describe('inRange', () => {
  it('applies introduced (inclusive) and fixed (exclusive)', () => {
    const range = { introduced: '10.0.0', fixed: '10.0.19045.2728', scheme: 'custom' };
    expect(inRange('10.0.19045.2673', range)).toBe(true);
    expect(inRange('10.0.19045.2728', range)).toBe(false);
    expect(inRange('10.0.0', range)).toBe(true);
    expect(inRange('9.9', range)).toBe(false);
  });

  it('applies lastAffected (inclusive) and exact', () => {
    expect(inRange('1.2.3', { lastAffected: '1.2.3' }, 'dotted')).toBe(true);
    expect(inRange('1.2.4', { lastAffected: '1.2.3' }, 'dotted')).toBe(false);
    expect(inRange('1.2', { exact: '1.2.0' }, 'dotted')).toBe(true);
    expect(inRange('1.3', { exact: '1.2.0' }, 'dotted')).toBe(false);
  });

  it('"0" introduced means from the beginning', () => {
    expect(inRange('0.0.1', { introduced: '0' }, 'dotted')).toBe(true);
  });

  it('is undefined when undecidable, false when any bound rules it out', () => {
    expect(inRange('abc', { introduced: '0', fixed: '2.0' }, 'dotted')).toBeUndefined();
    expect(inRange('1.5', { fixed: '2.0.x' }, 'dotted')).toBeUndefined();
    expect(inRange('1.5', {}, 'dotted')).toBeUndefined();
    expect(inRange('1.5', { fixed: '2.0' }, 'unknown-scheme')).toBeUndefined();
    // below `introduced` is decided even though `fixed` is unreadable
    expect(inRange('0.5', { introduced: '1.0', fixed: '2.0.x' }, 'dotted')).toBe(false);
    expect(inRange('1.5', { fixed: '2.0' })).toBeUndefined();
  });
});
