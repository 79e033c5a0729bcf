import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUser, USER_PASSWORD } from '../../test/factories';
import { auditLog } from '../core/schema';
import { storedFiles } from '../files/schema';
import type { Unit } from '../units/contract';
import { DOCUMENT_NUMBER } from './contract';
import { recordDueReminders } from './reminders';
import { directives, taskAnswers } from './schema';
import { buildDirectiveTree, DIRECTIVE_TEXT, DISPATCH_REQUEST, pdfUpload } from './test-fixtures';

let t: TestApp;
let district: Unit;
let communeA: Unit;
let communeB: Unit;
let districtOfficer: Agent;
let officerA: Agent;
let officerB: Agent;

beforeAll(async () => {
  t = await createTestApp();
  ({ district, communeA, communeB } = await buildDirectiveTree(t.sys, t.root.id, 'api'));
  const login = async (unitId: string, username: string) => {
    await buildUser(t.sys, { unitId, role: 'unit_officer', username });
    return signIn(t.app, username, USER_PASSWORD);
  };
  districtOfficer = await login(district.id, 'ks-officer');
  officerA = await login(communeA.id, 'xa-a-officer');
  officerB = await login(communeB.id, 'xa-b-officer');
});
afterAll(() => t.close());

async function counts() {
  const [d] = await t.db.select({ n: count() }).from(directives);
  const [f] = await t.db.select({ n: count() }).from(storedFiles);
  const [a] = await t.db.select({ n: count() }).from(auditLog);
  return { directives: d!.n, files: f!.n, audit: a!.n };
}

let seq = 0;
function directiveBody(overrides: Record<string, unknown> = {}) {
  seq++;
  return {
    unitId: district.id,
    number: `${280 + seq}/STTTT-CNBCVT`,
    issuer: 'Sở Thông tin và Truyền thông',
    issuedOn: '2023-03-21',
    subject: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft',
    deadline: '2023-04-15',
    sourceText: DIRECTIVE_TEXT,
    document: pdfUpload(),
    tasks: [{ text: 'Rà soát lỗ hổng' }, { text: 'Trực 24/7' }],
    ...overrides,
  };
}

describe('document numbers', () => {
  it('accepts real số/ký hiệu and refuses malformed ones', () => {
    for (const good of [
      '383/CATTT-NCSC',
      '12/UBND-VP',
      '285/STTTT-CNBCVT',
      '05/2017/QĐ-TTg',
      '294/CATTTATHTTT',
    ]) {
      expect(DOCUMENT_NUMBER.test(good), good).toBe(true);
    }
    for (const bad of [
      '383',
      '/UBND-VP',
      '0/UBND',
      '12/ubnd-VP',
      '12/UBND--VP',
      '12 /UBND',
      '12/UBND-',
      'abc/UBND',
    ]) {
      expect(DOCUMENT_NUMBER.test(bad), bad).toBe(false);
    }
  });
});

describe('registering a directive', () => {
  it('stores the directive, its PDF and its tasks in one go', async () => {
    const res = await districtOfficer.request('POST', '/api/directives', directiveBody());
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await districtOfficer.request('GET', `/api/directives/${res.json().id}`)).json();
    expect(
      detail.tasks.map((task: { position: number; text: string }) => [task.position, task.text]),
    ).toEqual([
      [1, 'Rà soát lỗ hổng'],
      [2, 'Trực 24/7'],
    ]);
    const file = await districtOfficer.request('GET', `/api/files/${detail.documentFileId}`);
    expect(file.json()).toMatchObject({ kind: 'pdf', unitId: district.id });
  });

  it('refuses bad uploads, numbers and dates with a clear message and writes nothing', async () => {
    const before = await counts();
    const html = {
      name: 'cong-van.docx',
      contentBase64: Buffer.from('<html><script>x</script></html>').toString('base64'),
    };
    const exe = {
      name: 'cong-van',
      contentBase64: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0xff, 0xfe]).toString('base64'),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ document: html }, 'FILE_TYPE_MISMATCH'],
      [{ document: exe }, 'FILE_TYPE_NOT_ALLOWED'],
      [{ document: { name: 'a.pdf', contentBase64: '' } }, 'FILE_EMPTY'],
      [{ number: '383-CATTT' }, 'VALIDATION_FAILED'],
      [{ issuedOn: '2023-02-30' }, 'VALIDATION_FAILED'],
      [{ deadline: '2023-03-01' }, 'VALIDATION_FAILED'],
      [{ tasks: [{ text: 'x', deadline: '2023-01-01' }] }, 'DIRECTIVE_DEADLINE_INVALID'],
      [
        { tasks: [{ text: 'x', evidenceKind: 'vulns_alert', evidenceRef: 'not-an-id' }] },
        'EVIDENCE_REF_INVALID',
      ],
    ];
    for (const [overrides, code] of cases) {
      const res = await districtOfficer.request('POST', '/api/directives', directiveBody(overrides));
      expect(res.json().code, JSON.stringify(overrides).slice(0, 80)).toBe(code);
    }
    const mismatch = await districtOfficer.request(
      'POST',
      '/api/directives',
      directiveBody({ document: html }),
      {
        'accept-language': 'vi',
      },
    );
    expect(mismatch.json().message).toMatch(/cong-van\.docx/);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same number from the same issuer twice', async () => {
    const body = directiveBody();
    expect((await districtOfficer.request('POST', '/api/directives', body)).statusCode).toBe(201);
    const again = await districtOfficer.request('POST', '/api/directives', body);
    expect(again.json().code).toBe('DIRECTIVE_NUMBER_TAKEN');
  });

  it('lets a commune officer register nothing for the district', async () => {
    const res = await officerA.request('POST', '/api/directives', directiveBody());
    expect(res.json().code).toBe('SCOPE_FORBIDDEN');
  });
});

describe('tasks, assignments, answers and the matrix', () => {
  let directiveId: string;
  let taskIds: string[];

  beforeAll(async () => {
    const created = await districtOfficer.request('POST', '/api/directives', directiveBody({ tasks: [] }));
    directiveId = created.json().id;
    const split = await districtOfficer.request('POST', '/api/directives/split-tasks', {
      text: DIRECTIVE_TEXT,
    });
    const proposed = split.json().tasks as { text: string }[];
    expect(proposed).toHaveLength(3);
    const saved = await districtOfficer.request('PUT', `/api/directives/${directiveId}/tasks`, {
      tasks: proposed.map((task) => ({ text: task.text })),
    });
    taskIds = saved.json().tasks.map((task: { id: string }) => task.id);
  });

  it('keeps the edited list: renumbers, keeps ids, refuses to drop an assigned task', async () => {
    const [one, two, three] = taskIds;
    const edited = await districtOfficer.request('PUT', `/api/directives/${directiveId}/tasks`, {
      tasks: [
        { id: three, text: 'Xác định cấp độ camera' },
        { id: one, text: 'Rà soát lỗ hổng Microsoft' },
        { id: two, text: 'Trực 24/7' },
      ],
    });
    expect(
      edited.json().tasks.map((task: { id: string; position: number }) => [task.id, task.position]),
    ).toEqual([
      [three, 1],
      [one, 2],
      [two, 3],
    ]);
    await districtOfficer.request('POST', `/api/directives/${directiveId}/assignments`, {
      taskIds: [one],
      unitIds: [communeA.id],
      deadline: '2023-04-01',
    });
    const drop = await districtOfficer.request('PUT', `/api/directives/${directiveId}/tasks`, {
      tasks: [{ id: two, text: 'Trực 24/7' }],
    });
    expect(drop.json().code).toBe('DIRECTIVE_TASK_ANSWERED');
  });

  it('assigns only to units below the receiving unit', async () => {
    const res = await districtOfficer.request('POST', `/api/directives/${directiveId}/assignments`, {
      taskIds,
      unitIds: [district.id],
      deadline: '2023-04-01',
    });
    expect(res.json().code).toBe('DIRECTIVE_NOT_BELOW');
  });

  it('shows each unit only its own tasks, keeps the answer history and builds the matrix, overdue first', async () => {
    const assigned = await districtOfficer.request('POST', `/api/directives/${directiveId}/assignments`, {
      taskIds,
      unitIds: [communeA.id, communeB.id],
      deadline: '2023-04-01',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const mine = (await officerA.request('GET', '/api/directive-tasks')).json().items;
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((task: { unitId: string }) => task.unitId))).toEqual(new Set([communeA.id]));
    const [first, second] = mine as { id: string }[];
    // B may not answer A's task, nor read the district's directive or its matrix.
    expect(
      (await officerB.request('POST', `/api/directive-tasks/${first!.id}/answers`, { status: 'done' })).json()
        .code,
    ).toBe('SCOPE_FORBIDDEN');
    expect((await officerB.request('GET', `/api/directives/${directiveId}/matrix`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );
    expect((await officerB.request('GET', `/api/directive-tasks?unitId=${communeA.id}`)).json().code).toBe(
      'SCOPE_FORBIDDEN',
    );

    await officerA.request('POST', `/api/directive-tasks/${first!.id}/answers`, {
      status: 'in_progress',
      text: 'Đang rà soát',
    });
    const done = await officerA.request('POST', `/api/directive-tasks/${first!.id}/answers`, {
      status: 'done',
      text: 'Đã cập nhật 12 máy',
      files: [pdfUpload('bien-ban.pdf')],
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().fileIds).toHaveLength(1);
    const noReason = await officerA.request('POST', `/api/directive-tasks/${second!.id}/answers`, {
      status: 'cannot_do',
    });
    expect(noReason.json().code).toBe('VALIDATION_FAILED');
    await officerA.request('POST', `/api/directive-tasks/${second!.id}/answers`, {
      status: 'cannot_do',
      reason: 'Chưa có nhân lực',
    });

    const history = (await officerA.request('GET', '/api/directive-tasks'))
      .json()
      .items.find((task: { id: string }) => task.id === first!.id);
    expect(history.answers.map((answer: { status: string }) => answer.status)).toEqual([
      'done',
      'in_progress',
    ]);
    expect(history.status).toBe('done');

    const matrix = (await districtOfficer.request('GET', `/api/directives/${directiveId}/matrix`)).json();
    // Every deadline (2023) has passed: B has three overdue tasks and comes first; A has one done.
    expect(matrix.rows.map((row: { unitName: string }) => row.unitName)).toEqual([
      'UBND xã Lai Thành',
      'UBND xã Kim Chính',
    ]);
    const rowA = matrix.rows[1];
    const cellOf = (id: string) =>
      rowA.cells.find((cell: { assignmentId: string } | null) => cell?.assignmentId === id);
    expect(cellOf(first!.id)).toMatchObject({ status: 'done', colour: 'green', overdue: false });
    expect(cellOf(second!.id)).toMatchObject({
      status: 'cannot_do',
      colour: 'red',
      reason: 'Chưa có nhân lực',
    });
    expect(matrix.rows[0].cells.every((cell: { colour: string }) => cell.colour === 'red')).toBe(true);
  });

  it('refuses an answer file that is not what its name says, storing nothing', async () => {
    const [task] = (await officerA.request('GET', '/api/directive-tasks')).json().items as { id: string }[];
    const [before] = await t.db.select({ n: count() }).from(taskAnswers);
    const filesBefore = (await counts()).files;
    const res = await officerA.request('POST', `/api/directive-tasks/${task!.id}/answers`, {
      status: 'done',
      files: [
        pdfUpload('ok.pdf'),
        { name: 'anh.png', contentBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') },
      ],
    });
    expect(res.json().code).toBe('FILE_TYPE_MISMATCH');
    const [after] = await t.db.select({ n: count() }).from(taskAnswers);
    expect(after!.n).toBe(before!.n);
    expect((await counts()).files).toBe(filesBefore);
  });

  it('records reminders once a day for tasks due soon and not done', async () => {
    const now = new Date('2023-03-30T08:00:00+07:00');
    const run = await recordDueReminders(t.sys, { days: 3, now });
    const forThis = run.reminders.filter((r) => r.directiveId === directiveId);
    // A's done task is not reminded; A's two others and B's three are.
    expect(forThis).toHaveLength(5);
    expect(forThis.every((r) => r.deadline === '2023-04-01' && !r.overdue)).toBe(true);
    expect(forThis.some((r) => r.status === 'done')).toBe(false);
    const again = await recordDueReminders(t.sys, { days: 3, now });
    expect(again.reminders.filter((r) => r.directiveId === directiveId)).toEqual([]);
    const tooEarly = await recordDueReminders(t.sys, { days: 1, now: new Date('2023-03-20T08:00:00+07:00') });
    expect(tooEarly.reminders.filter((r) => r.directiveId === directiveId)).toEqual([]);
  });

  it('generates and stores the dispatch from the unit settings, refusing a unit without them', async () => {
    const res = await districtOfficer.request(
      'POST',
      `/api/directives/${directiveId}/dispatch`,
      DISPATCH_REQUEST,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'docx', unitId: district.id });
    const detail = (await districtOfficer.request('GET', `/api/directives/${directiveId}`)).json();
    expect(detail.dispatchFileId).toBe(res.json().id);
    const { updateUnit } = await import('../units/service');
    await updateUnit(t.sys, district.id, { placeName: null });
    const before = await counts();
    const refused = await districtOfficer.request(
      'POST',
      `/api/directives/${directiveId}/dispatch`,
      DISPATCH_REQUEST,
    );
    expect(refused.json().code).toBe('DIRECTIVE_SETTINGS_MISSING');
    expect(await counts()).toEqual(before);
    await updateUnit(t.sys, district.id, { placeName: 'Kim Sơn' });
  });
});
