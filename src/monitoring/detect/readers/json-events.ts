import fs from 'node:fs';
import readline from 'node:readline';
import { normalizeEvent } from '../../sigma/normalize';
import { type InputEvent, type InputReader, MAX_RECORD_BYTES } from './reader';

/**
 * JSON events: NDJSON, and concatenated pretty-printed values (SigmaHQ regression_data's `.json` files are
 * neither one JSON value nor JSON lines). Splits on the end of each top-level value while streaming.
 */
export const jsonEventsReader: InputReader = {
  name: 'json',
  accepts: (file, head) =>
    /\.(json|ndjson|jsonl)$/i.test(file) || /^\s*[{[]/.test(head.toString('utf8').replace(/^\uFEFF/, '')),
  read: readJsonValues,
};

export async function* readJsonValues(file: string): AsyncIterable<InputEvent> {
  let position = 0;
  // NDJSON when the first line is a whole value (then a broken line costs only itself); else concatenated.
  const values = isLineDelimited(file)
    ? lineValues(file)
    : splitJsonValues(fs.createReadStream(file, { encoding: 'utf8' }));
  for await (const text of values) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // a broken value is skipped; the splitter resynchronises on the next top-level value
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      yield { event: normalizeEvent(item), original: item, position: position++ };
    }
  }
}

function isLineDelimited(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(MAX_RECORD_BYTES);
  try {
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const first = head
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\n')[0]!;
    JSON.parse(first);
    return true;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

async function* lineValues(file: string): AsyncIterable<string> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines)
    if (line.trim() && line.length <= MAX_RECORD_BYTES) yield line.replace(/^\uFEFF/, '');
}

/** Yields the text of each top-level JSON value in a stream of concatenated values. */
export async function* splitJsonValues(chunks: AsyncIterable<string | Buffer>): AsyncIterable<string> {
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for await (const chunk of chunks) {
    let scanFrom = buffer.length;
    buffer += chunk.toString();
    for (let i = scanFrom; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        if (depth++ === 0) start = i;
      } else if ((c === 125 || c === 93) && depth > 0 && --depth === 0) {
        yield buffer.slice(start, i + 1);
        buffer = buffer.slice(i + 1);
        i = -1;
        start = -1;
      }
    }
    if (depth === 0) buffer = '';
    else if (buffer.length - Math.max(start, 0) > MAX_RECORD_BYTES) {
      buffer = '';
      depth = 0;
      inString = false;
    }
    scanFrom = buffer.length;
  }
}
