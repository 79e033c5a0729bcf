/**
 * MSRC CVRF months ("2024-Apr"), as XML (p0w3rsh3ll/MSRC-data, the API's XML) or as the v3 API's JSON.
 */
import { FeedParseError, type ParsedFeed } from '../model';
import { readCvrfJson } from './msrc-cvrf-json';
import { mapCvrfDocument } from './msrc-cvrf-map';
import { readCvrfXml } from './msrc-cvrf-xml';
import {
  checkSize,
  DEFAULT_MAX_INPUT_BYTES,
  type FeedInput,
  parseJson,
  type RecordOptions,
  toText,
} from './shared';

export type CvrfParseOptions = RecordOptions & {
  /** Inputs over this many bytes are refused before parsing (default 64 MB). */
  maxBytes?: number;
};

/**
 * Parses one MSRC CVRF month into the model: products, per-CVE severities, impacts, scores,
 * remediations (KB, FixedBuild, servicing line, supersedence) and affected products.
 * @example
 * const feed = parseMsrcCvrf(readFileSync('cvrfDocument-2024-Apr.xml'), 'cvrfDocument-2024-Apr.xml');
 * feed.documentId; // "2024-Apr"
 */
export function parseMsrcCvrf(
  input: FeedInput,
  fileName: string,
  options: CvrfParseOptions = {},
): ParsedFeed {
  checkSize(input, fileName, options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES);
  const text = toText(input);
  const start = text.trimStart().charAt(0);
  if (start === '<') return mapCvrfDocument(readCvrfXml(text, fileName), fileName, options);
  if (start === '{')
    return mapCvrfDocument(readCvrfJson(parseJson(text, fileName), fileName), fileName, options);
  if (start === '') throw new FeedParseError(fileName, 'line 1, column 1', 'the file is empty');
  throw new FeedParseError(fileName, 'line 1, column 1', 'not an MSRC CVRF document (neither XML nor JSON)');
}
