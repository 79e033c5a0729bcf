import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../types.js';
import { CVE_TABLE } from './cve-table.js';
import { parseFirmware } from './versions.js';

const LIST = path.resolve(
  import.meta.dirname,
  '../../../../../shared/fixtures/cameras/hiktools/firmwarelist.json',
);

const matches = (vendor: Parameters<typeof parseFirmware>[0], raw: string, roles: string[] = []) => {
  const facts = { ...emptyFacts(), vendor, roles };
  const v = parseFirmware(vendor, raw);
  return CVE_TABLE.filter((c) => c.vendor === vendor && c.match(v, facts) === 'affected').map((c) => c.id);
};

describe('firmware version parsers', () => {
  it('reads each vendor format with its build date', () => {
    expect(parseFirmware('hikvision', 'V5.5.61 build 180718')).toMatchObject({
      numbers: [5, 5, 61],
      build: '2018-07-18',
    });
    expect(parseFirmware('hikvision', 'V5.4.0build 160530')).toMatchObject({
      numbers: [5, 4, 0],
      build: '2016-05-30',
    });
    expect(parseFirmware('dahua', 'V2.800.0000000.16.R, Build Date: 2020-03-20')).toMatchObject({
      numbers: [2, 800],
      build: '2020-03-20',
    });
    expect(parseFirmware('xiongmai', 'V4.02.R11.34500140.10000.131900.00000')).toMatchObject({
      numbers: [4, 2],
      branch: 'R11',
    });
    expect(parseFirmware('uniview', 'DIPC-B1216.5.7.230109')).toMatchObject({
      branch: 'DIPC-B1216',
      numbers: [5, 7, 230109],
      build: '2023-01-09',
    });
  });

  it('gives undefined for garbage instead of guessing', () => {
    for (const raw of ['', 'unknown', '\u0000\u0001', 'V5.5 build 99', 'x'.repeat(10_000)]) {
      expect(parseFirmware('hikvision', raw)).toBeUndefined();
    }
    // An impossible date keeps the version but no build date (so date-based CVEs say "unknown").
    expect(parseFirmware('hikvision', 'V5.5.61 build 181399')?.build).toBeUndefined();
  });

  it.skipIf(!existsSync(LIST))('reads every version of the Hikvision portal firmware list (hiktools)', () => {
    const pool = (JSON.parse(readFileSync(LIST, 'utf8')) as { pool: Array<{ fileName?: string }> }).pool;
    const names = pool
      .map((p) => decodeURIComponent(p.fileName ?? ''))
      .filter((n) => /_\d+\.\d+\.\d+_\d{6}/.test(n));
    expect(names.length).toBeGreaterThan(100);
    for (const n of names) {
      const [, a, b, c, d] = /_(\d+)\.(\d+)\.(\d+)_(\d{6})/.exec(n) ?? [];
      const v = parseFirmware('hikvision', `V${a}.${b}.${c} build ${d}`);
      expect(v?.numbers).toEqual([Number(a), Number(b), Number(c)]);
      expect(v?.build?.replace(/-/g, '').slice(2)).toBe(d);
    }
  });
});

describe('CVE table (CAMERAS.md §3)', () => {
  it('matches Hikvision ranges by version and build date', () => {
    expect(matches('hikvision', 'V5.2.5 build 141201').sort()).toEqual([
      'CVE-2017-7921',
      'CVE-2017-7923',
      'CVE-2021-36260',
    ]);
    expect(matches('hikvision', 'V5.5.61 build 180718')).toEqual(['CVE-2021-36260']);
    expect(matches('hikvision', 'V5.7.3 build 220112')).toEqual([]);
  });

  it('matches Dahua by build date and 37777 only with the exact DVR versions', () => {
    expect(matches('dahua', 'V2.800.0000000.16.R, Build Date: 2020-03-20').sort()).toEqual([
      'CVE-2021-33044',
      'CVE-2021-33045',
      'CVE-2022-30563',
    ]);
    expect(matches('dahua', 'V2.800.0000000.16.R, Build Date: 2022-06-01')).toEqual([]);
    expect(matches('dahua', '2.608.0000.0 2019-01-01', ['dahuaSdk'])).toContain('CVE-2013-6117');
    expect(matches('dahua', '2.608.0000.0 2019-01-01', [])).not.toContain('CVE-2013-6117');
  });

  it('matches XM CVE-2024-3765 only with 34567 open and a listed build; Uniview by branch', () => {
    expect(matches('xiongmai', 'V4.02.R11.34500140', ['xmSofia'])).toContain('CVE-2024-3765');
    expect(matches('xiongmai', 'V4.02.R11.34500140', [])).not.toContain('CVE-2024-3765');
    expect(matches('xiongmai', 'V4.07.R11.34500140', ['xmSofia'])).not.toContain('CVE-2024-3765');
    expect(matches('uniview', 'DIPC-B1213.6.5.230215')).toEqual(['CVE-2023-0773']);
    expect(matches('uniview', 'DIPC-B1213.6.5.230301')).toEqual([]);
  });

  it('says "unknown", never "affected", when the version cannot be read', () => {
    const facts = { ...emptyFacts(), vendor: 'hikvision' as const };
    const r = CVE_TABLE.filter((c) => c.vendor === 'hikvision').map((c) => c.match(undefined, facts));
    expect(r.every((x) => x === 'unknown')).toBe(true);
  });
});
