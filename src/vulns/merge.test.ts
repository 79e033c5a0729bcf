import { describe, expect, it } from 'vitest';
import { kevAsRecord, mergeVulnerability, type SourceRecord } from './merge';
import type { Vulnerability } from './model';

function vuln(overrides: Partial<Vulnerability>): Vulnerability {
  return {
    cve: 'CVE-2023-24880',
    severities: [],
    impacts: [],
    cvss: [],
    cwes: [],
    affected: [],
    remediations: [],
    configurations: [],
    references: [],
    ...overrides,
  };
}

describe('merging what the sources say about one CVE', () => {
  // CVE-2023-24880: MSRC scored 5.4 AV:N in the March 2023 CVRF, CVE 5 / NVD 4.4 AV:L (VULNS.md §4.12).
  const msrc: SourceRecord = {
    source: 'msrc-cvrf',
    record: vuln({
      title: 'Windows SmartScreen Security Feature Bypass Vulnerability',
      severities: [
        { value: 'Moderate', productIds: ['12097'] },
        { value: 'Important', productIds: ['12098'] },
      ],
      cvss: [
        { version: '3.1', baseScore: 5.4, vector: 'CVSS:3.1/AV:N', source: 'microsoft', productIds: [] },
      ],
      exploited: true,
      publiclyDisclosed: true,
      publishedAt: new Date('2023-03-14T07:00:00Z'),
    }),
  };
  const nvd: SourceRecord = {
    source: 'nvd',
    record: vuln({
      title: undefined,
      description: 'Windows SmartScreen Security Feature Bypass Vulnerability',
      cvss: [
        { version: '2.0', baseScore: 9.9, source: 'nvd@nist.gov', productIds: [] },
        { version: '3.1', baseScore: 4.4, vector: 'CVSS:3.1/AV:L', source: 'nvd@nist.gov', productIds: [] },
      ],
      cwes: ['CWE-863'],
      publishedAt: new Date('2023-03-14T17:15:00Z'),
    }),
  };

  it('prefers MSRC for Microsoft text and score, keeps the highest severity, ignores CVSS 2', () => {
    const merged = mergeVulnerability('CVE-2023-24880', [nvd, msrc]);
    expect(merged).toMatchObject({
      title: 'Windows SmartScreen Security Feature Bypass Vulnerability',
      description: 'Windows SmartScreen Security Feature Bypass Vulnerability',
      severity: 'Important',
      cvssScore: 5.4,
      cvssVector: 'CVSS:3.1/AV:N',
      exploited: true,
      publiclyDisclosed: true,
      cwes: ['CWE-863'],
    });
    expect(merged.publishedAt?.toISOString()).toBe('2023-03-14T07:00:00.000Z');
  });

  it('takes the KEV dates and ransomware flag, and KEV alone makes a CVE exploited', () => {
    const kev = kevAsRecord({
      cve: 'CVE-2023-24880',
      vendorProject: 'Microsoft',
      product: 'Windows',
      name: 'Microsoft Windows SmartScreen Security Feature Bypass Vulnerability',
      dateAdded: '2023-03-14',
      dueDate: '2023-04-04',
      requiredAction: 'Apply updates per vendor instructions.',
      shortDescription: 'Bypass of Mark of the Web.',
      knownRansomware: true,
      notes: [],
      cwes: [],
    });
    const merged = mergeVulnerability('CVE-2023-24880', [nvd, { source: 'kev', record: kev }]);
    expect(merged).toMatchObject({
      exploited: true,
      kevDateAdded: '2023-03-14',
      kevDueDate: '2023-04-04',
      kevRansomware: true,
    });
    expect(merged.title).toBe('Microsoft Windows SmartScreen Security Feature Bypass Vulnerability');
    expect(mergeVulnerability('CVE-2023-24880', [nvd]).exploited).toBe(false);
  });

  it('a CVE no source speaks of any more keeps nothing but its id', () => {
    expect(mergeVulnerability('CVE-2024-0001', [])).toMatchObject({
      title: null,
      exploited: false,
      cwes: [],
      severity: null,
    });
  });
});
