/**
 * Parser for HTTP/1.x and RTSP/1.0 responses (same grammar). Lenient on what cameras get wrong
 * (bare LF, `RTSP/1.1`, missing reason), strict on limits: a header block larger than `maxHeaderBytes`
 * or a body larger than `maxBodyBytes` is cut, never buffered whole.
 */
export type ParsedResponse = {
  protocol: string;
  status: number;
  reason: string;
  headers: Map<string, string[]>;
  body: Buffer;
  /** True when the body is shorter than Content-Length said (cut by a limit or a close). */
  truncated: boolean;
};

export function headerEnd(data: Buffer): { end: number; sep: number } | undefined {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return undefined;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, sep: 4 };
  return { end: lf, sep: 2 };
}

/** True when a whole response (headers + Content-Length body, or a whole chunked body) is in `data`. */
export function responseComplete(data: Buffer, opts: { bodyUntilClose: boolean }): boolean {
  const h = headerEnd(data);
  if (!h) return false;
  const head = data.subarray(0, h.end).toString('latin1');
  const length = /^content-length:\s*(\d+)/im.exec(head);
  const bodyLen = data.length - h.end - h.sep;
  if (length) return bodyLen >= Number(length[1]);
  if (/^transfer-encoding:\s*chunked/im.test(head))
    return /(^|\r?\n)0\r?\n\r?\n$/.test(data.subarray(-64).toString('latin1'));
  // RTSP replies without Content-Length have no body; HTTP ones run until the close.
  return !opts.bodyUntilClose || /^HTTP\/1\.[01] (1\d\d|204|304)/.test(head);
}

export function parseResponse(data: Buffer, maxHeaderBytes: number): ParsedResponse | undefined {
  const h = headerEnd(data);
  const headText = data.subarray(0, Math.min(h ? h.end : data.length, maxHeaderBytes)).toString('latin1');
  const lines = headText.split(/\r?\n/);
  const first = /^(HTTP|RTSP)\/(\d\.\d)\s+(\d{3})\s*(.*)$/.exec(lines[0] ?? '');
  if (!first) return undefined;
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const list = headers.get(name) ?? [];
    if (list.length < 16) list.push(line.slice(i + 1).trim());
    headers.set(name, list);
  }
  const raw = h ? data.subarray(h.end + h.sep) : Buffer.alloc(0);
  const declared = Number(headers.get('content-length')?.[0] ?? Number.NaN);
  let body = Number.isFinite(declared) ? raw.subarray(0, declared) : raw;
  if (/chunked/i.test(headers.get('transfer-encoding')?.[0] ?? '')) body = dechunk(raw);
  return {
    protocol: `${first[1]}/${first[2]}`,
    status: Number(first[3]),
    reason: first[4] ?? '',
    headers,
    body,
    truncated: Number.isFinite(declared) && raw.length < declared,
  };
}

function dechunk(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const eol = raw.indexOf('\n', pos);
    if (eol < 0) break;
    const size = Number.parseInt(raw.subarray(pos, eol).toString('latin1').trim(), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out.push(raw.subarray(eol + 1, eol + 1 + size));
    pos = eol + 1 + size + 2;
  }
  return Buffer.concat(out);
}

export function header(res: ParsedResponse, name: string): string | undefined {
  return res.headers.get(name.toLowerCase())?.[0];
}
