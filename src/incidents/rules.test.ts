import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Incident, Indicator } from './contract';
import { countdown, duration, reportDeadline } from './deadlines';
import { checkIndicator, guessIndicatorType } from './indicators';
import { formRule, regimeAt } from './regimes';
import { stixPattern, toMispEvent, toStixBundle } from './sharing';
import { MISP_EVENT_SCHEMA, STIX_BUNDLE_SCHEMA } from './sharing-schemas';
import { allowedTransitions, canTransition, transitionRequirement } from './workflow';

const DETECTED = new Date('2026-01-05T08:30:00+07:00');
const anchors = { detectedAt: DETECTED, responseEndedAt: null, beyondCapacity: false };

describe('deadlines', () => {
  it('Thông báo sự cố is due 5 days after detection under regime A, on time at the instant itself', () => {
    const due = reportDeadline(formRule('nd85-2016', 'thong_bao'), anchors)!;
    expect(due.toISOString()).toBe(new Date('2026-01-10T08:30:00+07:00').toISOString());
    expect(countdown(due, due).state).toBe('due_soon');
    expect(countdown(due, due).remainingMs).toBe(0);
    expect(countdown(due, new Date(due.getTime() + 1)).state).toBe('overdue');
    expect(countdown(due, new Date(due.getTime() - 24 * 3600_000 - 1)).state).toBe('open');
    expect(countdown(due, new Date(due.getTime() - 24 * 3600_000)).state).toBe('due_soon');
    expect(countdown(due, new Date(due.getTime() + 5 * 3600_000)).label).toBe('quá hạn 5 giờ');
  });

  it('Báo cáo ban đầu applies only beyond capacity; Báo cáo kết thúc counts from the end of the response', () => {
    expect(reportDeadline(formRule('nd85-2016', 'bao_cao_ban_dau'), anchors)).toBeNull();
    const beyond = reportDeadline(formRule('nd85-2016', 'bao_cao_ban_dau'), {
      ...anchors,
      beyondCapacity: true,
    });
    expect(beyond!.getTime() - DETECTED.getTime()).toBe(24 * 3600_000);
    expect(reportDeadline(formRule('nd85-2016', 'bao_cao_ket_thuc'), anchors)).toBeNull();
    const ended = new Date('2026-01-08T17:00:00+07:00');
    const due = reportDeadline(formRule('nd85-2016', 'bao_cao_ket_thuc'), {
      ...anchors,
      responseEndedAt: ended,
    });
    expect(due!.getTime() - ended.getTime()).toBe(5 * 24 * 3600_000);
    expect(reportDeadline(formRule('nd85-2016', 'de_nghi_ho_tro'), anchors)).toBeNull();
  });

  it('regime B applies from 01/7/2026 Vietnam time, with its unverified 24 h that an admin can override', () => {
    expect(regimeAt(new Date('2026-06-30T23:59:59+07:00'))).toBe('nd85-2016');
    expect(regimeAt(new Date('2026-07-01T00:00:00+07:00'))).toBe('nd331-2026');
    const rule = formRule('nd331-2026', 'thong_bao');
    expect(rule.hours).toBe(24);
    expect(rule.unverified).toBe(true);
    const overridden = formRule('nd331-2026', 'thong_bao', [
      { regime: 'nd331-2026', form: 'thong_bao', hours: 12, source: 'Văn bản hướng dẫn của Bộ Công an' },
    ]);
    expect(overridden).toMatchObject({
      hours: 12,
      unverified: false,
      source: 'Văn bản hướng dẫn của Bộ Công an',
    });
  });

  it('a sent report shows as sent, a form without a deadline as none; durations read in Vietnamese', () => {
    expect(countdown(DETECTED, new Date(), DETECTED).state).toBe('sent');
    expect(countdown(null, new Date()).state).toBe('none');
    expect(duration((2 * 24 + 3) * 3600_000 + 59_000)).toBe('2 ngày 3 giờ');
    expect(duration(45 * 60_000)).toBe('45 phút');
  });
});

describe('status workflow', () => {
  it('allows only the listed moves', () => {
    expect(canTransition('new', 'triage')).toBe(true);
    expect(canTransition('new', 'closed')).toBe(false);
    expect(canTransition('containment', 'recovery')).toBe(false);
    expect(canTransition('recovery', 'containment')).toBe(true);
    expect(allowedTransitions('closed')).toEqual(['triage']);
  });
  it('closing after a response needs lessons learned; a false alarm or a reopening needs a reason', () => {
    expect(transitionRequirement('recovery', 'closed', { lessonsLearned: ' ', note: null })).toBe(
      'lessons_learned',
    );
    expect(transitionRequirement('recovery', 'closed', { lessonsLearned: 'Vá CMS', note: null })).toBeNull();
    expect(transitionRequirement('triage', 'closed', { lessonsLearned: null, note: null })).toBe('reason');
    expect(transitionRequirement('closed', 'triage', { lessonsLearned: null, note: 'Tái nhiễm' })).toBeNull();
  });
});

describe('indicators', () => {
  it('normalises valid values', () => {
    expect(checkIndicator('domain', 'Ví-Dụ.VN.')).toEqual({ ok: true, value: 'xn--v-d-rma6749a.vn' });
    expect(checkIndicator('domain', 'Evil.Example.com.')).toEqual({ ok: true, value: 'evil.example.com' });
    expect(checkIndicator('ipv6', '2001:DB8::1')).toEqual({ ok: true, value: '2001:db8::1' });
    expect(checkIndicator('sha256', 'A'.repeat(64))).toEqual({ ok: true, value: 'a'.repeat(64) });
    expect(checkIndicator('url', 'http://Evil.example/x?a=1')).toEqual({
      ok: true,
      value: 'http://evil.example/x?a=1',
    });
  });
  it('refuses malformed values', () => {
    for (const [type, value] of [
      ['ipv4', '300.1.1.1'],
      ['ipv4', '1.2.3'],
      ['domain', '198.51.100.7'],
      ['domain', 'localhost'],
      ['domain', '-bad-.vn'],
      ['domain', 'a..vn'],
      ['url', 'javascript:alert(1)'],
      ['url', 'not a url'],
      ['md5', 'z'.repeat(32)],
      ['sha1', 'a'.repeat(39)],
    ] as const) {
      expect(checkIndicator(type, value).ok, `${type} ${value}`).toBe(false);
    }
  });
  it('guesses the type of a pasted value', () => {
    expect(guessIndicatorType('198.51.100.7')).toBe('ipv4');
    expect(guessIndicatorType('d41d8cd98f00b204e9800998ecf8427e')).toBe('md5');
    expect(guessIndicatorType('https://x.example/a')).toBe('url');
    expect(guessIndicatorType('x.example')).toBe('domain');
    expect(guessIndicatorType('hello')).toBeNull();
  });
});

const INCIDENT: Incident = {
  id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  unitId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  unitName: 'UBND xã Kim Sơn',
  reference: 'SC-2026-0001',
  title: 'Cổng thông tin bị thay đổi giao diện',
  description: "Trang chủ bị thay bằng nội dung lạ, có dấu ' và \\",
  category: 'defacement',
  severity: 'high',
  serious: false,
  beyondCapacity: false,
  regime: 'nd85-2016',
  status: 'containment',
  detectedAt: DETECTED,
  responseEndedAt: null,
  affectedSystems: 'kimson.ninhbinh.gov.vn',
  affectedUnitIds: [],
  hostIds: [],
  sourceKind: 'manual',
  sourceId: null,
  sourceSummary: null,
  lessonsLearned: null,
  ownerUserId: null,
  ownerName: null,
  createdBy: 'admin',
  createdAt: DETECTED,
  updatedAt: DETECTED,
};

const indicator = (n: number, type: Indicator['type'], value: string): Indicator => ({
  id: `1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c${String(n).padStart(2, '0')}`,
  type,
  value,
  comment: n === 1 ? "máy chủ C2 ' thử" : '',
  forDetection: true,
  createdBy: 'admin',
  createdAt: new Date('2026-01-05T09:00:00+07:00'),
});

const INDICATORS = [
  indicator(1, 'ipv4', '198.51.100.7'),
  indicator(2, 'domain', 'evil.example'),
  indicator(3, 'url', "http://evil.example/a'b"),
  indicator(4, 'sha256', 'a'.repeat(64)),
  indicator(5, 'md5', 'b'.repeat(32)),
  indicator(6, 'sha1', 'c'.repeat(40)),
  indicator(7, 'ipv6', '2001:db8::1'),
];

function validator(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('sharing', () => {
  const org = { id: INCIDENT.unitId, name: 'UBND xã Kim Sơn' };

  it('exports a STIX 2.1 bundle that passes the schema, one indicator and relationship per IOC', () => {
    const bundle = toStixBundle(INCIDENT, INDICATORS, org);
    const validate = validator(STIX_BUNDLE_SCHEMA);
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
    const types = bundle.objects.map((o) => o.type);
    expect(types.filter((t) => t === 'indicator')).toHaveLength(7);
    expect(types.filter((t) => t === 'relationship')).toHaveLength(7);
    // The same export twice names the same objects.
    expect(toStixBundle(INCIDENT, INDICATORS, org)).toEqual(bundle);
  });

  it('the schema catches a broken bundle (proof it checks something)', () => {
    const bundle = toStixBundle(INCIDENT, INDICATORS, org);
    const validate = validator(STIX_BUNDLE_SCHEMA);
    const broken = {
      ...bundle,
      objects: bundle.objects.map((o) => (o.type === 'indicator' ? { ...o, spec_version: '2.0' } : o)),
    };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...bundle, id: 'bundle--nope' })).toBe(false);
  });

  it('writes STIX patterns with quotes escaped', () => {
    expect(stixPattern({ type: 'url', value: "http://x/a'b\\c" })).toBe(
      "[url:value = 'http://x/a\\'b\\\\c']",
    );
    expect(stixPattern({ type: 'sha256', value: 'ab' })).toBe("[file:hashes.'SHA-256' = 'ab']");
  });

  it('exports a MISP event that passes the schema, with types, categories and threat level mapped', () => {
    const event = toMispEvent(INCIDENT, INDICATORS, org);
    const validate = validator(MISP_EVENT_SCHEMA);
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event.Event.threat_level_id).toBe('1');
    expect(event.Event.Attribute.map((a) => a.type)).toEqual([
      'ip-dst',
      'domain',
      'url',
      'sha256',
      'md5',
      'sha1',
      'ip-dst',
    ]);
    const { Tag: _t, ...noTag } = event.Event;
    expect(validate({ Event: noTag })).toBe(false);
  });
});
