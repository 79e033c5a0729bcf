/**
 * CISA Known Exploited Vulnerabilities, as the JSON catalogue or its CSV twin (VULNS.md §2.3, §4.13).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { FeedParseError, type KevEntry, type ParsedFeed } from '../model';
import {
  acceptCveId,
  checkShape,
  type FeedInput,
  isCalendarDate,
  optionalInstant,
  parseJson,
  type RecordOptions,
  toText,
} from './shared';

const CalendarDate = z.string().refine(isCalendarDate, 'expected a date as YYYY-MM-DD');
const Text = z.string().trim().min(1, 'must not be empty');

/** The first eight fields through dueDate are required (the official schema); later ones are optional. */
const KevRecord = z.object({
  cveID: z.string(),
  vendorProject: Text,
  product: Text,
  vulnerabilityName: Text,
  dateAdded: CalendarDate,
  shortDescription: z.string(),
  requiredAction: z.string(),
  dueDate: CalendarDate,
  knownRansomwareCampaignUse: z.string().nullish(),
  notes: z.string().nullish(),
  cwes: z.union([z.array(z.string()), z.string()]).nullish(),
});

const KevCatalogue = z.object({
  title: z.string().nullish(),
  catalogVersion: z.string().min(1),
  dateReleased: z.string(),
  // `count` may disagree with the array (the vuls fixture says 801 and holds one): the array wins.
  count: z.number().nullish(),
  vulnerabilities: z.array(z.unknown()),
});

/**
 * `notes` is free text with URLs separated by ";" (spaced anyhow) and sometimes "," (VULNS.md §2.3).
 * Splitting on ";" is always safe; a piece is split on "," only when it is nothing but URLs, so prose
 * such as "This vulnerability affects a common open-source component, third-party library…" stays whole.
 */
export function splitKevNotes(notes: string | null | undefined): string[] {
  const pieces: string[] = [];
  for (const piece of (notes ?? '').split(';')) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    if (/^https?:\/\/\S+(\s*,\s*https?:\/\/\S+)+$/.test(trimmed)) pieces.push(...trimmed.split(/\s*,\s*/));
    else pieces.push(trimmed);
  }
  return pieces;
}

/** CSV writes cwes as one cell "CWE-59, CWE-436"; JSON as an array. */
function splitCwes(cwes: string[] | string | null | undefined): string[] {
  const list = typeof cwes === 'string' ? cwes.split(',') : (cwes ?? []);
  return list.map((cwe) => cwe.trim()).filter((cwe) => cwe !== '');
}

function ransomwareOf(value: string | null | undefined): boolean | undefined {
  if (value === 'Known') return true;
  if (value === 'Unknown') return false;
  return undefined;
}

function toEntry(raw: unknown, file: string, where: string, options: RecordOptions): KevEntry | undefined {
  const record = checkShape(KevRecord, raw, file, where);
  const cve = acceptCveId(record.cveID.trim(), file, `${where}.cveID`, options);
  if (cve === undefined) return undefined;
  const ransomware = ransomwareOf(record.knownRansomwareCampaignUse);
  return {
    cve,
    vendorProject: record.vendorProject,
    product: record.product,
    name: record.vulnerabilityName,
    dateAdded: record.dateAdded,
    dueDate: record.dueDate,
    requiredAction: record.requiredAction,
    shortDescription: record.shortDescription,
    ...(ransomware === undefined ? {} : { knownRansomware: ransomware }),
    notes: splitKevNotes(record.notes),
    cwes: splitCwes(record.cwes),
  };
}

function feedOf(kev: KevEntry[], fields: Partial<ParsedFeed> = {}): ParsedFeed {
  return { source: 'kev', documentId: 'kev', products: [], vulnerabilities: [], kev, epss: [], ...fields };
}

function parseKevJson(text: string, file: string, options: RecordOptions): ParsedFeed {
  const catalogue = checkShape(KevCatalogue, parseJson(text, file), file);
  const kev = catalogue.vulnerabilities.flatMap((raw, index) => {
    const entry = toEntry(raw, file, `vulnerabilities[${index}]`, options);
    return entry === undefined ? [] : [entry];
  });
  return feedOf(kev, {
    title: catalogue.title ?? undefined,
    releasedAt: optionalInstant(catalogue.dateReleased, file, 'dateReleased', false),
    revision: catalogue.catalogVersion,
  });
}

const REQUIRED_COLUMNS = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'shortDescription',
  'requiredAction',
  'dueDate',
];

function parseKevCsv(text: string, file: string, options: RecordOptions): ParsedFeed {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false });
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new FeedParseError(file, `line ${lines ?? '?'}`, `invalid CSV: ${message}`);
  }
  const header = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const missing = REQUIRED_COLUMNS.filter((column) => !header.split(',').includes(column));
  if (missing.length > 0)
    throw new FeedParseError(file, 'line 1', `the CSV header lacks ${missing.join(', ')}`);
  // The catalogue CSV has no version or release date of its own; only the rows.
  const kev = rows.flatMap((row, index) => {
    // Row numbers count the header as row 1, as a spreadsheet shows them.
    const entry = toEntry(row, file, `row ${index + 2}`, options);
    return entry === undefined ? [] : [entry];
  });
  return feedOf(kev);
}

/**
 * Parses the KEV catalogue (JSON or CSV, told apart by the first character).
 * @example
 * parseKev(readFileSync('known_exploited_vulnerabilities.json'), 'known_exploited_vulnerabilities.json').kev.length; // 1404
 */
export function parseKev(input: FeedInput, fileName: string, options: RecordOptions = {}): ParsedFeed {
  const text = toText(input);
  const start = text.trimStart().charAt(0);
  if (start === '') throw new FeedParseError(fileName, 'line 1, column 1', 'the file is empty');
  if (start === '{') return parseKevJson(text, fileName, options);
  if (text.startsWith('cveID,')) return parseKevCsv(text, fileName, options);
  throw new FeedParseError(
    fileName,
    'line 1, column 1',
    'neither KEV JSON nor a KEV CSV header (cveID,vendorProject,…)',
  );
}
