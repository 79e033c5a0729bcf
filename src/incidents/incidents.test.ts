import { describe, expect, it } from 'vitest';
import { signIn } from '../../test/app';
import { buildUser, USER_PASSWORD } from '../../test/factories';
import { multipartBody } from '../../test/multipart';
import { openIncidentFrom } from './service';
import { counts, DETECTED, fx, openCase, setUpIncidentTests } from './test-fixture';

setUpIncidentTests();

describe('cases', () => {
  it('opens a case with a yearly reference and the regime in force at detection; other units cannot see it', async () => {
    const first = await openCase(fx.officer);
    expect(first.reference).toMatch(/^SC-2026-\d{4}$/);
    expect(first.regime).toBe('nd85-2016');
    const later = await openCase(fx.officer, { detectedAt: '2026-07-02T10:00:00+07:00' });
    expect(later.regime).toBe('nd331-2026');
    const outsider = await buildUser(fx.t.sys, { unitId: fx.other.id, role: 'unit_officer' });
    const stranger = await signIn(fx.t.app, outsider.username, USER_PASSWORD);
    expect((await stranger.request('GET', `/api/incidents/${first.id}`)).json().code).toBe('SCOPE_FORBIDDEN');
    const list = (await stranger.request('GET', '/api/incidents')).json();
    expect(list.items.some((i: { id: string }) => i.id === first.id)).toBe(false);
  });

  it('moves only along allowed transitions, each on the timeline and audited; closing needs lessons learned', async () => {
    const c = await openCase(fx.officer);
    const move = (status: string, note?: string) =>
      fx.officer.request('POST', `/api/incidents/${c.id}/status`, { status, ...(note ? { note } : {}) });
    const before = await counts();
    const skip = await move('closed');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('INCIDENT_TRANSITION_NOT_ALLOWED');
    expect((await counts()).audit).toBe(before.audit);
    for (const status of ['triage', 'containment', 'eradication', 'recovery']) {
      expect((await move(status)).statusCode).toBe(200);
    }
    expect((await move('closed')).json().code).toBe('INCIDENT_LESSONS_REQUIRED');
    await fx.officer.request('PATCH', `/api/incidents/${c.id}`, {
      lessonsLearned: 'Cập nhật CMS hằng tháng.',
    });
    const closed = await move('closed');
    expect(closed.json().status).toBe('closed');
    expect(closed.json().responseEndedAt).not.toBeNull();
    const detail = (await fx.officer.request('GET', `/api/incidents/${c.id}`)).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'status')).toHaveLength(5);
    expect(detail.allowedTransitions).toEqual(['triage']);
    expect((await counts()).audit - before.audit).toBe(6);
    // Báo cáo kết thúc now has a deadline, 5 days after the end of the response.
    const ketThuc = detail.reports.find((r: { form: string }) => r.form === 'bao_cao_ket_thuc');
    expect(ketThuc.applies).toBe(true);
    expect(new Date(ketThuc.dueAt).getTime() - new Date(detail.responseEndedAt).getTime()).toBe(
      5 * 86_400_000,
    );
  });

  it('validates and normalises indicators; refuses duplicates and nonsense', async () => {
    const c = await openCase(fx.officer);
    const add = (type: string, value: string) =>
      fx.officer.request('POST', `/api/incidents/${c.id}/indicators`, { type, value });
    const ok = await add('domain', 'Evil.Example.COM.');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().value).toBe('evil.example.com');
    expect((await add('domain', 'evil.example.com')).json().code).toBe('INCIDENT_INDICATOR_EXISTS');
    const bad = await add('ipv4', '999.1.1.1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INCIDENT_INDICATOR_INVALID');
  });

  it('opens one case per source finding, however often the caller asks', async () => {
    const source = {
      kind: 'vuln_finding' as const,
      id: 'finding-42',
      summary: 'CVE-2023-23397 khai thác trên máy kế toán',
    };
    const input = {
      unitId: fx.unit.id,
      category: 'vulnerability_exploit' as const,
      severity: 'critical' as const,
      detectedAt: new Date(DETECTED),
    };
    const a = await openIncidentFrom(fx.t.sys, source, input);
    const b = await openIncidentFrom(fx.t.sys, source, input);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.incident.id).toBe(a.incident.id);
    expect(a.incident.title).toBe(source.summary);
  });
});

describe('evidence', () => {
  it('stores a file with its SHA-256 and serves the same bytes back', async () => {
    const c = await openCase(fx.officer);
    const body = multipartBody('file', [
      { name: 'access.log', content: '203.0.113.9 - - "POST /upload.php"\n' },
    ]);
    const res = await fx.officer.request(
      'POST',
      `/api/incidents/${c.id}/evidence`,
      body.payload,
      body.headers,
    );
    expect(res.statusCode, res.body).toBe(201);
    const evidence = res.json();
    expect(evidence.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await fx.officer.request('GET', `/api/files/${evidence.file.id}/content`);
    expect(download.body).toBe('203.0.113.9 - - "POST /upload.php"\n');
    expect(download.headers['x-file-sha256']).toBe(evidence.file.sha256);
  });

  it('refuses a fake DOCX and leaves nothing behind (no file, no link, no audit row)', async () => {
    const c = await openCase(fx.officer);
    const before = await counts();
    const body = multipartBody('file', [
      { name: 'bao-cao.docx', content: '<html><script>alert(1)</script></html>' },
    ]);
    const res = await fx.officer.request(
      'POST',
      `/api/incidents/${c.id}/evidence`,
      body.payload,
      body.headers,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TYPE_MISMATCH');
    expect(res.json().message).toContain('bao-cao.docx');
    expect(await counts()).toEqual(before);
  });
});
