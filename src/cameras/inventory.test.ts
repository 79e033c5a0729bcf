import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { inTransaction } from '../core/context';
import type { Unit } from '../units/contract';
import { parseCameraCsv, upsertDiscoveredCamera } from './cameras-service';
import { cameras } from './schema';

let t: TestApp;
let unit: Unit;
let officer: Agent;

beforeAll(async () => {
  t = await createTestApp();
  unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'TRUONG' });
  await buildUser(t.sys, { unitId: unit.id, role: 'unit_officer', username: 'cb-truong' });
  officer = await signIn(t.app, 'cb-truong', USER_PASSWORD);
});
afterAll(() => t.close());

const unitCameras = () => t.db.select().from(cameras).where(eq(cameras.unitId, unit.id));

describe('camera CSV', () => {
  it('imports every row, links systems by name, and updates a camera on re-import (by MAC)', async () => {
    await officer.request('POST', '/api/camera-systems', { unitId: unit.id, name: 'Camera trường' });
    const csv =
      '\uFEFFname,vendor,model,firmware,serial,mac,ip,location,nvr,system\n' +
      'Cổng,Hikvision,DS-2CD2043,V5.5.0 build 170725,DS-1,44-19-B6-0A-1B-2C,198.18.0.11,Cổng chính,NVR-1,Camera trường\n' +
      'Sân,Dahua,IPC-HFW1230,2.800.0000000.16,,,198.18.0.12,Sân,NVR-1,\n';
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cameras/import-csv?unitId=${unit.id}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0 });
    const rows = await unitCameras();
    const gate = rows.find((r) => r.name === 'Cổng')!;
    expect(gate).toMatchObject({ mac: '44:19:b6:0a:1b:2c', source: 'csv', nvr: 'NVR-1' });
    expect(gate.systemId).toBeTruthy();
    const again = await officer.request('POST', '/api/cameras/import-csv', {
      unitId: unit.id,
      csv: 'mac,firmware\n4419.b60a.1b2c,V5.7.3\n',
    });
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    expect((await unitCameras()).find((r) => r.id === gate.id)!.firmware).toBe('V5.7.3');
  });

  it('reports every bad row by line and writes nothing', async () => {
    const before = (await unitCameras()).length;
    const csv =
      'name,mac,ip\n' +
      'ok,,198.18.0.50\n' +
      'badmac,zz:zz,198.18.0.51\n' +
      'badip,,999.1.1.1\n' +
      'noid,,\n' +
      'dup1,aa:bb:cc:dd:ee:01,\n' +
      'dup2,aa:bb:cc:dd:ee:01,\n';
    const res = await officer.request('POST', '/api/cameras/import-csv', { unitId: unit.id, csv });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('CAMERA_CSV_INVALID');
    for (const line of ['dòng 3', 'dòng 4', 'dòng 5', 'dòng 7']) expect(body.message).toContain(line);
    expect(body.message).not.toContain('dòng 2:');
    expect((await unitCameras()).length).toBe(before);
  });

  it('refuses unknown columns, an unknown system, malformed quoting and an empty file', () => {
    expect(() => parseCameraCsv('ip,colour\n198.18.0.1,red\n')).toThrow(/colour/);
    expect(() => parseCameraCsv('ip,name\n198.18.0.1,"unclosed\n')).toThrow(/CSV/);
    expect(() => parseCameraCsv('ip\n198.18.0.1,extra\n', 'en')).toThrow(/line 2/);
    expect(parseCameraCsv('ip\n')).toEqual([]);
  });

  it('names the line of an unknown system and keeps nothing', async () => {
    const res = await officer.request('POST', '/api/cameras/import-csv', {
      unitId: unit.id,
      csv: 'ip,system\n198.18.0.60,Camera trường\n198.18.0.61,Không có\n',
    });
    expect(res.json().message).toContain('dòng 3');
    expect((await unitCameras()).some((c) => c.ip === '198.18.0.60')).toBe(false);
  });
});

describe('manual cameras and the audit upsert', () => {
  it('refuses a second camera with the same MAC', async () => {
    const a = await officer.request('POST', '/api/cameras', {
      unitId: unit.id,
      mac: 'AA:BB:CC:00:00:01',
      ip: '198.18.0.70',
    });
    expect(a.statusCode).toBe(201);
    const b = await officer.request('POST', '/api/cameras', { unitId: unit.id, mac: 'aa-bb-cc-00-00-01' });
    expect(b.json().code).toBe('CAMERA_IDENTITY_TAKEN');
    const bad = await officer.request('POST', '/api/cameras', { unitId: unit.id, ip: 'camera.local' });
    expect(bad.statusCode).toBe(400);
  });

  it('files what the audit finds: new by IP, then refreshed by MAC, never overwriting what people keep', async () => {
    const first = await inTransaction(t.sys, (tx) =>
      upsertDiscoveredCamera(tx, unit.id, { ip: '198.18.0.90', vendor: 'Dahua', firmware: '2.622' }),
    );
    expect(first.status).toBe('created');
    expect(first.camera.source).toBe('audit');
    await officer.request('PATCH', `/api/cameras/${first.camera.id}`, { location: 'Phòng họp' });
    const second = await inTransaction(t.sys, (tx) =>
      upsertDiscoveredCamera(tx, unit.id, {
        ip: '198.18.0.90',
        mac: '00:11:22:33:44:55',
        firmware: '2.800',
        model: 'IPC-HDW',
      }),
    );
    expect(second).toMatchObject({
      status: 'updated',
      camera: { id: first.camera.id, firmware: '2.800', location: 'Phòng họp', mac: '00:11:22:33:44:55' },
    });
    // Moved to another address: still the same camera, found by MAC.
    const moved = await inTransaction(t.sys, (tx) =>
      upsertDiscoveredCamera(tx, unit.id, { ip: '198.18.0.91', mac: '00-11-22-33-44-55' }),
    );
    expect(moved.camera).toMatchObject({ id: first.camera.id, ip: '198.18.0.91' });
    await expect(
      inTransaction(t.sys, (tx) => upsertDiscoveredCamera(tx, unit.id, { ip: 'not-an-ip' })),
    ).rejects.toThrow();
  });
});
