import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded';
import { logFixturesDir } from '../ingest/fixtures';
import { parseEvtx, readEvtx } from './reader';
import { windowsFields } from './windows-event';

const dir = logFixturesDir();
const files = dir
  ? [
      path.join(dir, 'chainsaw/tests/evtx/security_sample.evtx'),
      ...[
        'CA_4624_4625_LogonType2_LogonProc_chrome',
        'kerberos_pwd_spray_4771',
        'MSSQL_multiple_failed_logon_EventID_18456',
      ].map((n) => path.join(dir, 'evtx-attack-samples/Credential Access', `${n}.evtx`)),
    ]
  : [];

describe('EVTX: malformed input', () => {
  it('refuses what is not EVTX without throwing', () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('ElfFile'),
      Buffer.alloc(8192),
      Buffer.from('MZ'.repeat(3000)),
    ]) {
      const r = parseEvtx(bytes);
      expect(r.records).toEqual([]);
      expect(r.problems[0]?.reason).toMatch(/not an EVTX file/);
    }
  });
});

describe.skipIf(!dir)('EVTX fixtures (../shared/fixtures/logs; skipped when absent)', () => {
  it('reads every record of every fixture without a problem', () => {
    const counts = files
      .map((f) => parseEvtx(fs.readFileSync(f)))
      .map((r) => [r.records.length, r.problems.length]);
    expect(counts).toEqual([
      [10, 0],
      [4, 0],
      [12, 0],
      [10, 0],
    ]);
  });

  it('matches the Chainsaw (Rust evtx crate) rendering of the two 4624 records', () => {
    const expected = fs
      .readFileSync(path.join(dir!, 'chainsaw/tests/evtx/clo_search_q_jsonl_simple_string.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).Event);
    const ours = readEvtx(fs.readFileSync(files[0]!))
      .map((r) => r.event.Event as Record<string, Record<string, unknown>>)
      .filter((e) => e.System!.EventID === 4624);
    expect(ours).toHaveLength(2);
    ours.forEach((e, i) => {
      const want = expected[i];
      expect(e.EventData).toEqual(want.EventData);
      const fields = windowsFields({ Event: e } as never);
      expect(fields).toMatchObject({
        EventID: want.System.EventID,
        EventRecordID: want.System.EventRecordID,
        Channel: want.System.Channel,
        Computer: want.System.Computer,
        Keywords: want.System.Keywords,
        Provider_Name: want.System.Provider_attributes.Name,
        Provider_Guid: want.System.Provider_attributes.Guid,
        TimeCreated: want.System.TimeCreated_attributes.SystemTime,
        ProcessID: want.System.Execution_attributes.ProcessID,
        TargetUserName: 'SYSTEM',
        LogonType: 5,
      });
    });
  });

  it('flattens the Kerberos spray (4768/4771: ten users from one source) and a UserData 1102', () => {
    const fields = readEvtx(fs.readFileSync(files[2]!)).map((r) => windowsFields(r.event));
    const kerberos = fields.filter((f) => f.EventID === 4768 || f.EventID === 4771);
    expect(kerberos).toHaveLength(11);
    const fromOne = kerberos.filter((f) => f.IpAddress === '172.16.66.1');
    expect(new Set(fromOne.map((f) => f.TargetUserName)).size).toBe(10);
    expect(fields[0]).toMatchObject({ EventID: 1102, Channel: 'Security' });
  });

  it('a file cut short keeps the complete records before the cut and reports the rest', () => {
    const whole = fs.readFileSync(files[0]!);
    const all = readEvtx(whole);
    for (const cut of [4096, 4608, 6000, 9000, 20_000, whole.length - 1]) {
      const r = parseEvtx(whole.subarray(0, cut));
      expect(r.records.length).toBeLessThanOrEqual(all.length);
      expect(r.records.map((x) => x.recordId)).toEqual(all.slice(0, r.records.length).map((x) => x.recordId));
      if (cut > 4096 && cut < whole.length) expect(r.problems.length + r.records.length).toBeGreaterThan(0);
    }
  });

  it('a corrupt chunk header is reported by its checksum; a corrupt record is skipped alone', () => {
    const bad = Buffer.from(fs.readFileSync(files[0]!));
    bad[4096 + 10] = (bad[4096 + 10] ?? 0) ^ 0xff;
    expect(parseEvtx(bad).problems[0]?.reason).toMatch(/checksum/);
    const rec = Buffer.from(fs.readFileSync(files[0]!));
    rec.writeUInt32LE(0xdeadbeef, 4096 + 512 + 24 + 40); // inside the first record's BinXML
    const r = parseEvtx(rec);
    expect(r.records.length + r.problems.length).toBeGreaterThan(0);
  });

  it('bounded seeded fuzz: random byte flips never throw', () => {
    const base = fs.readFileSync(files[0]!);
    const rand = seededRandom(20261201);
    for (let i = 0; i < 300; i++) {
      const mutated = Buffer.from(base);
      const flips = 1 + Math.floor(rand() * 16);
      for (let f = 0; f < flips; f++) {
        // Mostly inside the records (past the chunk header), where the checksum does not guard.
        const at = 4096 + 512 + Math.floor(rand() * (mutated.length - 4608));
        mutated[at] = Math.floor(rand() * 256);
      }
      expect(() => parseEvtx(mutated), `iteration ${i}`).not.toThrow();
    }
  });
});
