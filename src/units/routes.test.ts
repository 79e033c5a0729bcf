import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Agent, createTestApp, signIn, type TestApp } from '../../test/app';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

describe('units', () => {
  it('creates a unit under the root and lists it', async () => {
    const res = await admin.request('POST', '/api/units', {
      parentId: t.root.id,
      code: 'XA-KIMSON',
      name: 'Ủy ban nhân dân xã Kim Sơn',
      kind: 'commune',
      placeName: 'Kim Sơn',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'XA-KIMSON',
      depth: 1,
      parentId: t.root.id,
      placeName: 'Kim Sơn',
    });
    const list = await admin.request('GET', '/api/units?q=kim');
    expect(list.json().items.map((u: { code: string }) => u.code)).toEqual(['XA-KIMSON']);
  });

  it('rejects a bad body with the field and reason in Vietnamese, and writes nothing', async () => {
    const before = (await admin.request('GET', '/api/units')).json().total;
    const res = await admin.request('POST', '/api/units', {
      parentId: 'not-a-uuid',
      code: '',
      kind: 'huyen',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(/^Dữ liệu không hợp lệ/);
    expect(body.fields).toContainEqual({
      field: 'body.code',
      message: expect.stringMatching(/^chỉ gồm chữ cái không dấu/),
    });
    expect(body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.parentId', 'body.code', 'body.kind', 'body.name']),
    );
    expect((await admin.request('GET', '/api/units')).json().total).toBe(before);
  });

  it('refuses a NUL character with a 400 naming the field', async () => {
    const res = await admin.request('POST', '/api/units', {
      parentId: t.root.id,
      code: 'NUL',
      name: 'a\u0000b',
      kind: 'school',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'body.name', message: 'không được chứa ký tự NUL (U+0000)' },
    ]);
  });

  it('answers in English when the profile says so', async () => {
    await admin.request('PATCH', '/api/auth/me', { language: 'en' });
    const res = await admin.request('POST', '/api/units', {
      parentId: t.root.id,
      code: 'x y',
      name: 'n',
      kind: 'school',
    });
    expect(res.json().message).toMatch(/^Invalid input/);
    expect(res.json().fields).toContainEqual({
      field: 'body.code',
      message: expect.stringMatching(/^only letters without accents/),
    });
    await admin.request('PATCH', '/api/auth/me', { language: 'vi' });
  });

  it('refuses a duplicate code with a stable error code', async () => {
    const body = { parentId: t.root.id, code: 'DUP-1', name: 'A', kind: 'school' };
    expect((await admin.request('POST', '/api/units', body)).statusCode).toBe(201);
    const again = await admin.request('POST', '/api/units', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('UNIT_CODE_TAKEN');
  });

  it('moves a subtree and refuses a cycle', async () => {
    const a = (
      await admin.request('POST', '/api/units', {
        parentId: t.root.id,
        code: 'MV-A',
        name: 'A',
        kind: 'agency',
      })
    ).json();
    const b = (
      await admin.request('POST', '/api/units', { parentId: a.id, code: 'MV-B', name: 'B', kind: 'agency' })
    ).json();
    const c = (
      await admin.request('POST', '/api/units', { parentId: b.id, code: 'MV-C', name: 'C', kind: 'school' })
    ).json();
    const cycle = await admin.request('PATCH', `/api/units/${a.id}`, { parentId: c.id });
    expect(cycle.json().code).toBe('UNIT_CYCLE');
    const moved = await admin.request('PATCH', `/api/units/${b.id}`, { parentId: t.root.id });
    expect(moved.json().depth).toBe(1);
    expect((await admin.request('GET', `/api/units/${c.id}`)).json().depth).toBe(2);
  });

  it('deletes only an empty unit', async () => {
    const p = (
      await admin.request('POST', '/api/units', {
        parentId: t.root.id,
        code: 'DEL-P',
        name: 'P',
        kind: 'agency',
      })
    ).json();
    await admin.request('POST', '/api/units', { parentId: p.id, code: 'DEL-C', name: 'C', kind: 'agency' });
    expect((await admin.request('DELETE', `/api/units/${p.id}`)).json().code).toBe('UNIT_NOT_EMPTY');
    expect((await admin.request('DELETE', `/api/units/${t.root.id}`)).json().code).toBe('UNIT_NOT_EMPTY');
    // Rows of another capability (a host) hold the unit too, through their foreign key.
    const leaf = (
      await admin.request('POST', '/api/units', {
        parentId: t.root.id,
        code: 'DEL-H',
        name: 'H',
        kind: 'school',
      })
    ).json();
    await admin.request('POST', '/api/hosts', { unitId: leaf.id, hostname: 'pc-01' });
    const held = await admin.request('DELETE', `/api/units/${leaf.id}`);
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('UNIT_NOT_EMPTY');
  });
});
