import fs from 'node:fs';
import readline from 'node:readline';
import type { InputEvent, InputReader } from './reader';
import { MAX_RECORD_BYTES } from './reader';

/**
 * Syslog files and plain text logs: one event per line, `{ message: <line> }`, with the `<PRI>` prefix
 * removed. Field extraction per vendor format is the ingest's parsers' job; offline, Linux and network
 * rules that match on the line (keyword rules) run on it.
 */
export const textLinesReader: InputReader = {
  name: 'text',
  accepts: () => true,
  read: readLines,
};

async function* readLines(file: string): AsyncIterable<InputEvent> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let position = 0;
  for await (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '' || line.length > MAX_RECORD_BYTES) continue;
    const message = line.replace(/^<\d{1,3}>(\d )?/, '');
    yield { event: { message }, original: line, position: position++ };
  }
}
