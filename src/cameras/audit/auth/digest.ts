import { createHash, randomBytes } from 'node:crypto';

/** One challenge of a `WWW-Authenticate` header (Basic or Digest, RFC 2617 / RFC 7616). */
export type Challenge = { scheme: 'basic' | 'digest' | 'other'; params: Record<string, string> };

/**
 * Parses the challenges of one or more WWW-Authenticate values. Tolerant of quoted commas, missing
 * quotes and unknown schemes; never throws.
 */
export function parseChallenges(values: string[]): Challenge[] {
  const out: Challenge[] = [];
  for (const value of values.slice(0, 8)) {
    const m = /^\s*(\w+)\s*(.*)$/s.exec(value.slice(0, 2048));
    if (!m) continue;
    const scheme = (m[1] ?? '').toLowerCase();
    const params: Record<string, string> = {};
    const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    for (let p = re.exec(m[2] ?? ''); p; p = re.exec(m[2] ?? '')) {
      params[(p[1] ?? '').toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
    }
    out.push({ scheme: scheme === 'basic' || scheme === 'digest' ? scheme : 'other', params });
  }
  return out;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

const hashOf = (algorithm: string) => (algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5');
const h = (alg: string, s: string) => createHash(alg).update(s, 'utf8').digest('hex');

/** The Digest `response` value (RFC 2617 §3.2.2; RFC 7616 adds SHA-256 and the -sess variants). */
export function digestResponse(input: {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}): string {
  const algorithm = input.algorithm ?? 'MD5';
  const alg = hashOf(algorithm);
  let ha1 = h(alg, `${input.username}:${input.realm}:${input.password}`);
  if (/-sess$/i.test(algorithm)) ha1 = h(alg, `${ha1}:${input.nonce}:${input.cnonce ?? ''}`);
  const ha2 = h(alg, `${input.method}:${input.uri}`);
  if (input.qop) return h(alg, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
  return h(alg, `${ha1}:${input.nonce}:${ha2}`);
}

/** A whole `Authorization: Digest …` value answering `challenge`, for `method` on `uri` exactly as sent. */
export function digestAuthorization(
  challenge: Challenge,
  cred: { username: string; password: string },
  method: string,
  uri: string,
): string {
  const p = challenge.params;
  const qop = (p.qop ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('auth')
    ? 'auth'
    : undefined;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const response = digestResponse({
    ...cred,
    realm: p.realm ?? '',
    nonce: p.nonce ?? '',
    method,
    uri,
    qop,
    nc,
    cnonce,
    algorithm: p.algorithm,
  });
  const parts = [
    `username="${cred.username}"`,
    `realm="${p.realm ?? ''}"`,
    `nonce="${p.nonce ?? ''}"`,
    `uri="${uri}"`,
    `response="${response}"`,
  ];
  if (p.algorithm) parts.push(`algorithm=${p.algorithm}`);
  if (p.opaque !== undefined) parts.push(`opaque="${p.opaque}"`);
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}

/** Picks the strongest usable challenge (Digest over Basic) and answers it; undefined if none. */
export function authorizationFor(
  challenges: Challenge[],
  cred: { username: string; password: string },
  method: string,
  uri: string,
): string | undefined {
  const digest = challenges.find((c) => c.scheme === 'digest' && c.params.nonce);
  if (digest) return digestAuthorization(digest, cred, method, uri);
  if (challenges.some((c) => c.scheme === 'basic')) return basicAuthorization(cred.username, cred.password);
  return undefined;
}
