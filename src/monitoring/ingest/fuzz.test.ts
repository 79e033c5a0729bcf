import { describe, expect, it } from 'vitest';
import { mutateBytes, seededRandom } from '../../../test/seeded';
import { parseAccessLine, W3cReader } from './access-logs';
import { FrameDecoder } from './framing';
import { parseNdjson } from './ingest-service';
import { parseSyslog } from './syslog';

const SEEDS = [
  '<165>1 2003-10-11T22:14:15.003Z host app 1 ID [a@1 k="v\\"]" x="y"][b@2] \uFEFFmsg',
  '<189>58: *Mar  1 00:07:49.255: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)',
  '<190>date=2024-05-01 time=10:00:00 devname="FG" devid="FG1" logid="0000000013" type="traffic" subtype="forward" msg="a b"',
  '<164>Jan 01 2024 12:00:00 fw01 : %ASA-4-106023: Deny tcp src outside:1.2.3.4/1 dst in:5.6.7.8/2',
  '<134>Jan 22 18:34:00 pf filterlog[1]: 5,,,1000,em0,match,block,in,6,0x00,0x00000,64,tcp,6,40,::1,::2,1,2,0,S',
  '<38>Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user  x from 1.2.3.4 port 5 ssh2',
  '<38>Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 rhost=1.2.3.4',
  '1.2.3.4 - - [10/Oct/2024:13:55:36 +0700] "GET /a?b HTTP/1.1" 200 5 "-" "x"',
];
const ALPHABET = Buffer.from('<>[]="\\ :-.%0123456789TZ\n\r\0\xff\xfe{}@,|');

const MUTATION = { alphabet: ALPHABET, alphabetShare: 0.5, maxOps: 8, maxDelete: 20, repeatLength: 40 };
const mutate = (seed: Buffer, rand: () => number) => mutateBytes(seed, rand, MUTATION);

describe('bounded seeded fuzz (parsers never throw; every record comes back as an event)', () => {
  it('syslog, vendor and access-log parsers over 4,000 mutations', () => {
    const rand = seededRandom(5);
    const receivedAt = new Date('2026-03-15T05:00:00Z');
    const w3c = new W3cReader();
    for (let i = 0; i < 4000; i++) {
      const input = mutate(Buffer.from(SEEDS[i % SEEDS.length]!), rand);
      let event: ReturnType<typeof parseSyslog> | undefined;
      expect(
        () => {
          event = parseSyslog(input, { receivedAt });
          parseAccessLine(input.toString('latin1'), receivedAt);
          w3c.read(input.toString('latin1'), receivedAt);
        },
        `iteration ${i}: ${JSON.stringify(input.toString('latin1'))}`,
      ).not.toThrow();
      expect(Number.isNaN(event!.time.getTime()), `iteration ${i}`).toBe(false);
      expect(typeof event!.message).toBe('string');
    }
  });

  it('TCP framing: random streams in random chunks lose no byte budget and never hang', () => {
    const rand = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const d = new FrameDecoder(256);
      const stream = Buffer.concat(
        Array.from({ length: 20 }, () => mutate(Buffer.from(`${Math.floor(rand() * 300)} <13>x\n`), rand)),
      );
      for (let at = 0; at < stream.length; ) {
        const n = 1 + Math.floor(rand() * 64);
        expect(() => d.push(stream.subarray(at, at + n)), `iteration ${i}`).not.toThrow();
        at += n;
      }
      expect(d.buffered).toBeLessThanOrEqual(256 + 64 + 12);
    }
  });

  it('NDJSON ingest lines', () => {
    const rand = seededRandom(3);
    const seed = Buffer.from(
      '{"winlog":{"channel":"Security","event_id":4625,"event_data":{"A":"b"}},"@timestamp":"2026-01-01T00:00:00Z"}',
    );
    for (let i = 0; i < 1000; i++) {
      const line = mutate(seed, rand).toString('utf8');
      expect(() => parseNdjson(`${line}\n`, new Date(), 420), `iteration ${i}: ${line}`).not.toThrow();
    }
  });
});
