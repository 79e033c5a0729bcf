import fs from 'node:fs';
import { type EvtxProblem, parseEvtx, windowsFields } from '../../evtx';
import type { InputEvent, InputReader } from './reader';

/** A damaged .evtx file: its readable records were yielded first; this names what was skipped. */
export class DamagedInputError extends Error {
  constructor(
    readonly file: string,
    readonly problems: EvtxProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `chunk ${p.chunk} @${p.offset}: ${p.reason}`).join('; ')}`);
  }
}

/**
 * Windows .evtx files, through the ingest's EVTX parser (the same field flattening as events stored by
 * the server, so a rule matches the same way offline and live). The parser never throws; a file cut
 * short or corrupt yields the records it could read, then this reader raises DamagedInputError so the
 * CLI says what was skipped instead of silently reporting fewer matches.
 */
const FILE_HEADER = 4096;
const CHUNK = 65_536;

export const evtxReader: InputReader = {
  name: 'evtx',
  accepts: (file, head) => /\.evtx$/i.test(file) || head.subarray(0, 7).toString('latin1') === 'ElfFile',
  read: readEvtxFile,
};

async function* readEvtxFile(file: string): AsyncIterable<InputEvent> {
  const bytes = fs.readFileSync(file);
  const { records, problems } = parseEvtx(bytes);
  // The parser quietly keeps the complete records of a chunk cut short; a hunt must say so.
  const tail = (bytes.length - FILE_HEADER) % CHUNK;
  if (problems.length === 0 && bytes.length > FILE_HEADER && tail !== 0) {
    const chunk = Math.floor((bytes.length - FILE_HEADER) / CHUNK);
    problems.push({
      chunk,
      offset: bytes.length,
      reason: `file ends ${CHUNK - tail} bytes before the end of the chunk`,
    });
  }
  let position = 0;
  for (const record of records) {
    yield { event: windowsFields(record.event), original: record.event, position: position++ };
  }
  if (problems.length > 0) throw new DamagedInputError(file, problems);
}
