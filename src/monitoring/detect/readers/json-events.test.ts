import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readerFor } from '.';
import { readJsonValues, splitJsonValues } from './json-events';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* chunks(...parts: string[]) {
  yield* parts;
}

describe('JSON event reader', () => {
  it('splits concatenated pretty-printed values across chunk boundaries, braces inside strings included', async () => {
    const values = await collect(
      splitJsonValues(chunks('{\n "a": "x}{\\"",\n', ' "b": [1, {"c": 2}]\n}\n{"d"', ': "]"}\n')),
    );
    expect(values.map((v) => JSON.parse(v))).toEqual([{ a: 'x}{"', b: [1, { c: 2 }] }, { d: ']' }]);
  });
  it('reads NDJSON line by line, skipping a broken line only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-json-'));
    const file = path.join(dir, 'e.ndjson');
    fs.writeFileSync(file, '{"a":1}\n{"b":\n{"c":3}\n[{"d":4},{"e":5}]\n');
    const events = await collect(readJsonValues(file));
    expect(events.map((e) => e.event)).toEqual([{ a: 1 }, { c: 3 }, { d: 4 }, { e: 5 }]);
    fs.rmSync(dir, { recursive: true });
  });
  it('flattens the evtx-crate JSON rendering to Sigma field names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-json-'));
    const file = path.join(dir, 'e.json');
    const ev = {
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'P' } },
          EventID: { '#attributes': { Qualifiers: 0 }, '#text': 7045 },
          Channel: 'System',
        },
        EventData: { ServiceName: 'x', Data: { '#text': 'y' } },
        UserData: { LogFileCleared: { SubjectUserName: 'bob' } },
      },
    };
    fs.writeFileSync(file, JSON.stringify(ev, null, 2));
    const [one] = await collect(readJsonValues(file));
    expect(one!.event).toEqual({
      Provider_Name: 'P',
      EventID_Qualifiers: 0,
      EventID: 7045,
      Channel: 'System',
      ServiceName: 'x',
      Data: 'y',
      SubjectUserName: 'bob',
    });
    const evtx = path.join(dir, 'renamed.log');
    fs.writeFileSync(evtx, 'ElfFile\0rest');
    expect(readerFor(evtx).name).toBe('evtx');
    fs.rmSync(dir, { recursive: true });
  });
});
