/**
 * Tells which advisory source a file holds from its content (the name is only a hint for EPSS dates),
 * then parses it. Hand-carried files in an air-gapped office often lose their extensions.
 */
import { type AdvisorySource, FeedParseError, type ParsedFeed } from '../model';
import { isC2rCsvHeader, isC2rJson, parseC2rFeed } from './c2r-table';
import { parseCve5 } from './cve5';
import { isGzip, parseEpss } from './epss';
import { parseKev } from './kev';
import { parseMsrcCsaf } from './msrc-csaf';
import { parseMsrcCvrf } from './msrc-cvrf';
import { parseNvd } from './nvd';
import { checkSize, DEFAULT_MAX_INPUT_BYTES, type FeedInput, type RecordOptions } from './shared';

export { isCveId } from './shared';

/** Keys sit near the top of every known format; 1 MB of head is plenty and keeps sniffing cheap. */
const HEAD_BYTES = 1024 * 1024;

const hasKey = (head: string, key: string) => new RegExp(`"${key}"\\s*:`).test(head);

function sniffJson(head: string): AdvisorySource | undefined {
  if (isC2rJson(head)) return 'c2r-builds';
  if (hasKey(head, 'DocumentTracking')) return 'msrc-cvrf';
  if (hasKey(head, 'csaf_version')) return 'msrc-csaf';
  if (hasKey(head, 'cveMetadata')) return 'cve5';
  if (/"format"\s*:\s*"NVD_CVE"/.test(head)) return 'nvd';
  if (hasKey(head, 'catalogVersion') && hasKey(head, 'vulnerabilities')) return 'kev';
  if (hasKey(head, 'id') && (hasKey(head, 'vulnStatus') || hasKey(head, 'configurations'))) return 'nvd';
  return undefined;
}

/**
 * The source of a feed file, from its bytes.
 * @example
 * detectFormat(readFileSync('cvrfDocument-2024-Apr.xml'), 'cvrfDocument-2024-Apr.xml'); // 'msrc-cvrf'
 */
export function detectFormat(input: Buffer, fileName: string): AdvisorySource {
  // EPSS is the only source published gzipped; other gzipped files still fail in the EPSS parser.
  if (isGzip(input)) return 'epss';
  const head = input
    .subarray(0, HEAD_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head === '') throw new FeedParseError(fileName, 'line 1, column 1', 'the file is empty');
  let found: AdvisorySource | undefined;
  if (head.startsWith('<')) found = /<([\w-]+:)?cvrfdoc[\s>]/.test(head) ? 'msrc-cvrf' : undefined;
  else if (head.startsWith('{')) found = sniffJson(head);
  else if (head.startsWith('#model_version') || /^cve,epss(,percentile)?\r?\n/.test(head)) found = 'epss';
  else if (head.startsWith('cveID,vendorProject')) found = 'kev';
  else if (isC2rCsvHeader(head.split(/\r?\n/, 1)[0] ?? '')) found = 'c2r-builds';
  if (found === undefined) throw new FeedParseError(fileName, 'line 1, column 1', 'unrecognised format');
  return found;
}

export type FeedOptions = RecordOptions & { maxBytes?: number; maxDecompressedBytes?: number };

/**
 * Detects the format, then parses with the matching parser.
 * @example
 * parseFeed(readFileSync('known_exploited_vulnerabilities.json'), 'known_exploited_vulnerabilities.json').source; // 'kev'
 */
export function parseFeed(input: FeedInput, fileName: string, options: FeedOptions = {}): ParsedFeed {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  checkSize(bytes, fileName, options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES);
  switch (detectFormat(bytes, fileName)) {
    case 'msrc-cvrf':
      return parseMsrcCvrf(bytes, fileName, options);
    case 'msrc-csaf':
      return parseMsrcCsaf(bytes, fileName);
    case 'kev':
      return parseKev(bytes, fileName, options);
    case 'nvd':
      return parseNvd(bytes, fileName, options);
    case 'cve5':
      return parseCve5(bytes, fileName);
    case 'epss':
      return parseEpss(bytes, fileName, options);
    case 'c2r-builds':
      return parseC2rFeed(bytes, fileName);
  }
}
