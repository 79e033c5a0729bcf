import { describe, expect, it } from 'vitest';
import { parseMsrcCvrf } from './msrc-cvrf';
import { feedError } from './test-support';

/** The v3 API JSON layout of VULNS.md §2.1 (a skeleton written for the docs, not fixture data). */
const API_JSON = {
  DocumentTitle: { Value: 'March 2023 Security Updates' },
  DocumentTracking: {
    Identification: { ID: { Value: '2023-Mar' } },
    CurrentReleaseDate: '2023-03-30T07:00:00',
    RevisionHistory: [{ Number: '18', Date: '2023-03-30T07:00:00' }],
  },
  ProductTree: {
    Branch: [
      {
        Name: 'Microsoft',
        Items: [
          {
            Name: 'Windows',
            Items: [{ ProductID: '12097', Value: 'Windows 10 Version 22H2 for x64-based Systems' }],
          },
        ],
      },
    ],
    FullProductName: [{ ProductID: '12097', Value: 'Windows 10 Version 22H2 for x64-based Systems' }],
  },
  Vulnerability: [
    {
      CVE: 'CVE-2023-24880',
      Title: { Value: 'Windows SmartScreen Security Feature Bypass Vulnerability' },
      ProductStatuses: [{ Type: 3, ProductID: ['12097'] }],
      Threats: [
        { Type: 0, Description: { Value: 'Security Feature Bypass' }, ProductID: ['12097'] },
        { Type: 3, Description: { Value: 'Moderate' }, ProductID: ['12097'] },
        {
          Type: 1,
          Description: {
            Value: 'Publicly Disclosed:Yes;Exploited:Yes;Latest Software Release:Exploitation Detected',
          },
        },
      ],
      CVSSScoreSets: [
        {
          BaseScore: 5.4,
          TemporalScore: 5.0,
          Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:L/E:F/RL:O/RC:C',
          ProductID: ['12097'],
        },
      ],
      Remediations: [
        {
          Type: 2,
          SubType: 'Security Update',
          Description: { Value: '5023696' },
          URL: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5023696',
          Supercedence: '5022834',
          FixedBuild: '10.0.19045.2728',
          RestartRequired: { Value: 'Yes' },
          ProductID: ['12097'],
        },
        { Type: 1, Description: { Value: 'Block files from the Internet' }, ProductID: ['12097'] },
      ],
      RevisionHistory: [{ Number: '1.0', Date: '2023-03-14T07:00:00' }],
    },
  ],
};

describe('MSRC CVRF: v3 API JSON', () => {
  const feed = parseMsrcCvrf(JSON.stringify(API_JSON), '2023-Mar.json');

  it('unwraps {"Value"} strings and numeric type codes into the same model as XML', () => {
    expect(feed).toMatchObject({
      documentId: '2023-Mar',
      revision: '18',
      title: 'March 2023 Security Updates',
    });
    expect(feed.releasedAt?.toISOString()).toBe('2023-03-30T07:00:00.000Z');
    expect(feed.products).toEqual([
      { id: '12097', name: 'Windows 10 Version 22H2 for x64-based Systems', family: 'Windows' },
    ]);
    const cve = feed.vulnerabilities[0];
    expect(cve).toMatchObject({ cve: 'CVE-2023-24880', exploited: true, publiclyDisclosed: true });
    expect(cve?.severities).toEqual([{ value: 'Moderate', productIds: ['12097'] }]);
    expect(cve?.impacts).toEqual([{ value: 'Security Feature Bypass', productIds: ['12097'] }]);
    expect(cve?.affected).toEqual([
      {
        productId: '12097',
        product: 'Windows 10 Version 22H2 for x64-based Systems',
        ranges: [],
        status: 'affected',
      },
    ]);
    expect(cve?.remediations[0]).toMatchObject({
      kind: 'vendor_fix',
      line: 'security_update',
      kb: 'KB5023696',
      fixedBuild: '10.0.19045.2728',
      supersedes: ['KB5022834'],
      restartRequired: true,
    });
    expect(cve?.remediations[1]?.kind).toBe('mitigation');
  });

  it('names the JSON path of a bad field and the position of a syntax error', () => {
    const bad = structuredClone(API_JSON);
    (bad.Vulnerability[0] as { CVSSScoreSets: { BaseScore: unknown }[] }).CVSSScoreSets[0]!.BaseScore =
      'high';
    const score = feedError(() => parseMsrcCvrf(JSON.stringify(bad), 'bad.json'));
    expect(score.where).toBe('Vulnerability[0] (CVE-2023-24880).CVSSScoreSets[0].BaseScore');
    expect(score.reason).toMatch(/not a score/);
    const text = JSON.stringify(API_JSON, null, 2);
    const truncated = feedError(() => parseMsrcCvrf(text.slice(0, text.length / 2), 'cut.json'));
    expect(truncated.where).toMatch(/^line \d+, column \d+$/);
    expect(truncated.reason).toMatch(/JSON/);
  });
});
