import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../../test/factories';
import { multipartBody } from '../../../test/multipart';
import { ARCHIVE_LIMITS } from './archive';
import { sigmaRules } from './schema';
import { ruleYaml, tarGzOf, zipOf } from './test-rules';

let t: TestApp;
let admin: Agent;
let officer: Agent;
let province: string;
let commune: string;
let other: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  province = (await buildUnit(t.sys, { parentId: t.root.id, code: 'TINH-R' })).id;
  commune = (await buildUnit(t.sys, { parentId: province, code: 'XA-R' })).id;
  other = (await buildUnit(t.sys, { parentId: t.root.id, code: 'TINH-KHAC' })).id;
  await buildUser(t.sys, { unitId: province, role: 'unit_officer', username: 'officer-r' });
  officer = await signIn(t.app, 'officer-r', USER_PASSWORD);
});
afterAll(() => t.close());

const upload = (files: { name: string; content: string | Buffer }[], query = '') => {
  const { payload, headers } = multipartBody('files', files as { name: string; content: string }[]);
  return admin.request('POST', `/api/sigma-rules/import${query}`, payload, headers);
};
const stored = async () => (await t.db.select({ n: count() }).from(sigmaRules))[0]!.n;

describe('importing archives', () => {
  it('reads the rules out of a .zip (nested folders), skipping what is not a rule', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const zip = await zipOf({
      'rules/windows/a.yml': ruleYaml({ id: a, tags: ['attack.t1110.003', 'attack.credential-access'] }),
      'rules/windows/b.yaml': ruleYaml({ id: b, level: 'low' }),
      'README.md': '# not a rule',
      'LICENSE.Detection.Rules.md': 'DRL 1.1',
    });
    const res = await upload([{ name: 'sigma.zip', content: zip }]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.skipped).toBe(2);
    expect(body.imported.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([a, b].sort());
    const first = body.imported.find((r: { ruleId: string }) => r.ruleId === a);
    expect(first).toMatchObject({
      author: 'Nguyễn Văn Tác Giả',
      license: 'DRL-1.1',
      tags: ['attack.t1110.003', 'attack.credential-access'],
      logsource: 'windows/security',
      fileName: 'sigma.zip/rules/windows/a.yml',
    });
  });

  it('reads a .tar.gz the same way (detected by content, whatever its name)', async () => {
    const id = randomUUID();
    const archive = await tarGzOf({ 'sigma/rules/c.yml': ruleYaml({ id }), 'sigma/tests/x.py': 'print(1)' });
    const res = await upload([{ name: 'rules.bin', content: archive }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: [{ ruleId: id }], skipped: 1 });
  });

  it('refuses an entry name that climbs out ("..") or is absolute, and imports nothing', async () => {
    const before = await stored();
    for (const name of ['../../etc/evil.yml', '/abs/evil.yml']) {
      const res = await upload([
        { name: 'bad.tar.gz', content: await tarGzOf({ [name]: ruleYaml({ id: randomUUID() }) }) },
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('SIGMA_ARCHIVE_INVALID');
      expect(res.json().message).toMatch(/unsafe entry name/);
    }
    const zip = await zipOf({
      'ok.yml': ruleYaml({ id: randomUUID() }),
      '../up.yml': ruleYaml({ id: randomUUID() }),
    });
    expect((await upload([{ name: 'z.zip', content: zip }])).json().code).toBe('SIGMA_ARCHIVE_INVALID');
    expect(await stored()).toBe(before);
  });

  it('a truncated archive is a clear 400; an entry over 1 MiB is refused (counted on inflated bytes)', async () => {
    const zip = await zipOf({ 'a.yml': ruleYaml({ id: randomUUID() }) });
    const cut = await upload([{ name: 'cut.zip', content: zip.subarray(0, zip.length - 30) }]);
    expect(cut.statusCode).toBe(400);
    expect(cut.json().code).toBe('SIGMA_ARCHIVE_INVALID');
    // A highly compressible 2 MiB entry: a few KB on the wire.
    const big = `# ${'x'.repeat(ARCHIVE_LIMITS.entryBytes * 2)}\n${ruleYaml({ id: randomUUID() })}`;
    const res = await upload(
      [{ name: 'big.zip', content: await zipOf({ 'big.yml': big }) }],
      '?partial=true',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: [], refused: [{ file: 'big.yml', reason: 'too-large' }] });
  });

  it('partial import keeps what compiles and lists the rest with the reason in both languages', async () => {
    const good = randomUUID();
    const bad = ruleYaml({
      id: randomUUID(),
      detection: '  selection:\n    CommandLine|nosuchmodifier: x\n  condition: selection\n',
    });
    const zip = await zipOf({
      'good.yml': ruleYaml({ id: good }),
      'bad.yml': bad,
      'dup.yml': ruleYaml({ id: good }),
    });
    const all = await upload([{ name: 'set.zip', content: zip }]);
    expect(all.statusCode).toBe(400); // all or nothing by default
    const res = await upload([{ name: 'set.zip', content: zip }], '?partial=true');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported.map((r: { ruleId: string }) => r.ruleId)).toEqual([good]);
    const reasons = Object.fromEntries(
      body.refused.map((r: { file: string; reason: string }) => [r.file, r]),
    );
    expect(reasons['set.zip/bad.yml']).toMatchObject({
      reason: 'unknown-modifier',
      label: { vi: 'Bộ biến đổi (modifier) không được hỗ trợ', en: 'unknown modifier' },
    });
    expect(reasons['set.zip/dup.yml']).toMatchObject({ reason: 'duplicate-id' });
  });
});

describe('writing and editing a rule', () => {
  const id = randomUUID();
  it('validate names each problem with its reason (vi/en) and saves nothing', async () => {
    const before = await stored();
    const bad = ruleYaml({ id, detection: '  selection:\n    Image|re: "(a+)+$"\n  condition: selection\n' });
    const res = await officer.request('POST', '/api/sigma-rules/validate', { yaml: bad });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, problems: [{ reason: 'unsafe-regex' }] });
    expect(res.json().problems[0].label.vi).toMatch(/quay lui/);
    const ok = await officer.request('POST', '/api/sigma-rules/validate', { yaml: ruleYaml({ id }) });
    expect(ok.json()).toMatchObject({
      ok: true,
      rules: [{ id, author: 'Nguyễn Văn Tác Giả', license: 'DRL-1.1' }],
    });
    expect(await stored()).toBe(before);
  });

  it('creates, refuses a second rule with the same id, edits, and refuses an edit that changes the id', async () => {
    const bad = await admin.request(
      'POST',
      '/api/sigma-rules',
      { yaml: 'title: x\n' },
      { 'accept-language': 'vi' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('SIGMA_RULE_INVALID');
    const created = await admin.request('POST', '/api/sigma-rules', { yaml: ruleYaml({ id, level: 'low' }) });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      ruleId: id,
      level: 'low',
      fileName: `${id}.yml`,
      importedBy: 'admin',
    });
    const again = await admin.request('POST', '/api/sigma-rules', { yaml: ruleYaml({ id }) });
    expect(again.statusCode).toBe(409);
    const row = created.json().id;
    const edited = await admin.request('PUT', `/api/sigma-rules/${row}`, {
      yaml: ruleYaml({ id, level: 'critical' }),
    });
    expect(edited.json()).toMatchObject({ id: row, level: 'critical' });
    expect((await admin.request('GET', `/api/sigma-rules/${row}`)).json().yaml).toMatch(/level: critical/);
    const moved = await admin.request('PUT', `/api/sigma-rules/${row}`, {
      yaml: ruleYaml({ id: randomUUID() }),
    });
    expect(moved.json().code).toBe('SIGMA_RULE_ID_CHANGED');
    expect(
      (await officer.request('POST', '/api/sigma-rules', { yaml: ruleYaml({ id: randomUUID() }) }))
        .statusCode,
    ).toBe(403);
  });
});

describe('switching rules per unit and in bulk', () => {
  const brute = randomUUID();
  const lateral = randomUUID();
  beforeAll(async () => {
    const res = await upload([
      { name: 'brute.yml', content: ruleYaml({ id: brute, level: 'medium', tags: ['attack.t1110.001'] }) },
      { name: 'lateral.yml', content: ruleYaml({ id: lateral, level: 'medium', tags: ['attack.t1021'] }) },
    ]);
    expect(res.statusCode).toBe(200);
  });
  const unitView = async (unitId: string, ruleId: string) => {
    const res = await officer.request('GET', `/api/sigma-rules?unitId=${unitId}&q=${ruleId}`);
    expect(res.statusCode).toBe(200);
    return res.json().items[0] as { unitEnabled: boolean | null; effectiveEnabled: boolean };
  };

  it('by ATT&CK technique (sub-techniques included) for a unit: its subtree follows, a child may override', async () => {
    const res = await officer.request('POST', '/api/sigma-rules/bulk', {
      unitId: province,
      enabled: false,
      select: { technique: ['T1110'], level: ['medium'] },
    });
    expect(res.json()).toEqual({ changed: 1 });
    expect(await unitView(province, brute)).toEqual(
      expect.objectContaining({ unitEnabled: false, effectiveEnabled: false }),
    );
    expect(await unitView(commune, brute)).toEqual(
      expect.objectContaining({ unitEnabled: null, effectiveEnabled: false }),
    );
    expect(await unitView(province, lateral)).toEqual(expect.objectContaining({ effectiveEnabled: true }));
    const own = await officer.request(
      'PUT',
      `/api/sigma-rules/${(await ruleRow(brute)).id}/units/${commune}`,
      {
        enabled: true,
      },
    );
    expect(own.json()).toMatchObject({ unitEnabled: true, effectiveEnabled: true });
    const off = await officer.request(
      'GET',
      `/api/sigma-rules?unitId=${province}&enabled=false&technique=T1110`,
    );
    expect(off.json().items.map((r: { ruleId: string }) => r.ruleId)).toEqual([brute]);
  });

  it('a unit officer cannot switch another subtree, nor the platform-wide flag; an empty selection is refused', async () => {
    const foreign = await officer.request('POST', '/api/sigma-rules/bulk', {
      unitId: other,
      enabled: false,
      select: { all: true },
    });
    expect(foreign.json().code).toBe('SCOPE_FORBIDDEN');
    const platform = await officer.request('POST', '/api/sigma-rules/bulk', {
      enabled: false,
      select: { all: true },
    });
    expect(platform.json().code).toBe('FORBIDDEN');
    const empty = await admin.request('POST', '/api/sigma-rules/bulk', { enabled: false, select: {} });
    expect(empty.json().code).toBe('SIGMA_SELECTION_EMPTY');
  });

  it('the platform-wide bulk switch by tag, by an admin of the root', async () => {
    const res = await admin.request('POST', '/api/sigma-rules/bulk', {
      enabled: false,
      select: { tag: ['attack.t1021'] },
    });
    expect(res.json()).toEqual({ changed: 1 });
    expect((await ruleRow(lateral)).enabled).toBe(false);
    expect(await unitView(commune, lateral)).toEqual(expect.objectContaining({ effectiveEnabled: false }));
  });

  it('tuning: placeholders merge down the tree; a filter must be a valid filter document', async () => {
    await officer.request('PUT', `/api/sigma-tuning/${province}/placeholders`, {
      placeholders: { Admins: ['adm_tinh'], Hosts: ['dc1'] },
    });
    const res = await officer.request('PUT', `/api/sigma-tuning/${commune}/placeholders`, {
      placeholders: { Admins: ['adm_xa'] },
    });
    expect(res.json()).toMatchObject({
      placeholders: { Admins: ['adm_xa'] },
      effectivePlaceholders: { Admins: ['adm_xa'], Hosts: ['dc1'] },
    });
    const bad = await officer.request('POST', `/api/sigma-tuning/${commune}/filters`, {
      yaml: ruleYaml({ id: randomUUID() }),
    });
    expect(bad.json().code).toBe('SIGMA_FILTER_INVALID');
    const filter = `title: Jump host is expected\nlogsource:\n  product: windows\nfilter:\n  rules:\n    - ${brute}\n  selection:\n    Computer: jump.xa.local\n  condition: selection\n`;
    const added = await officer.request('POST', `/api/sigma-tuning/${province}/filters`, { yaml: filter });
    expect(added.json().filters).toMatchObject([
      { title: 'Jump host is expected', rules: [brute], inherited: false },
    ]);
    const below = (await officer.request('GET', `/api/sigma-tuning/${commune}`)).json();
    expect(below.filters).toMatchObject([{ inherited: true }]);
    const removed = await officer.request(
      'DELETE',
      `/api/sigma-tuning/${province}/filters/${below.filters[0].id}`,
    );
    expect(removed.json().filters).toEqual([]);
  });
});

async function ruleRow(ruleId: string) {
  const res = await admin.request('GET', `/api/sigma-rules?q=${ruleId}`);
  return res.json().items[0] as { id: string; enabled: boolean };
}
