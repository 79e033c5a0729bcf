import fs from 'node:fs';
import { evtxReader } from './evtx-records';
import { jsonEventsReader } from './json-events';
import type { InputReader } from './reader';
import { textLinesReader } from './text-lines';

/** Input formats, tried in order (the text reader takes anything, so it stays last). */
export const INPUT_READERS: InputReader[] = [evtxReader, jsonEventsReader, textLinesReader];

export { DamagedInputError } from './evtx-records';

/**
 * Picks the reader for a file from its name and first bytes: the EVTX reader claims `.evtx` names and the
 * `ElfFile` signature, and the text reader, last, takes whatever is left.
 */
export function readerFor(file: string, readers: InputReader[] = INPUT_READERS): InputReader {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64);
  try {
    fs.readSync(fd, head, 0, 64, 0);
  } finally {
    fs.closeSync(fd);
  }
  const reader = readers.find((r) => r.accepts(file, head));
  if (!reader) throw new Error(`no input reader accepts ${file}`);
  return reader;
}
