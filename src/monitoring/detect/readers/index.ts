import fs from 'node:fs';
import { evtxReader } from './evtx-records';
import { jsonEventsReader } from './json-events';
import type { InputReader } from './reader';
import { textLinesReader } from './text-lines';

/** Input formats, tried in order (the text reader takes anything, so it stays last). */
export const INPUT_READERS: InputReader[] = [evtxReader, jsonEventsReader, textLinesReader];

export { DamagedInputError } from './evtx-records';

export class UnsupportedInputError extends Error {
  constructor(readonly file: string) {
    super(`EVTX input is not supported yet: ${file}`);
  }
}

/** Picks the reader for a file from its name and first bytes. */
export function readerFor(file: string, readers: InputReader[] = INPUT_READERS): InputReader {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64);
  try {
    fs.readSync(fd, head, 0, 64, 0);
  } finally {
    fs.closeSync(fd);
  }
  const isEvtx = /\.evtx$/i.test(file) || head.subarray(0, 7).toString('latin1') === 'ElfFile';
  const reader = readers.find((r) => (isEvtx ? r.name === 'evtx' : true) && r.accepts(file, head));
  if (!reader || (isEvtx && reader.name !== 'evtx')) throw new UnsupportedInputError(file);
  return reader;
}
