/**
 * Reads MSRC CVRF 1.1 XML (the p0w3rsh3ll/MSRC-data and v3 API XML) into a `CvrfDocument`.
 * Hostile XML is refused before the parser allocates anything for it: no DTD at all, a size cap,
 * and entity processing limited to the five predefined XML entities.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedParseError, type SourceProduct } from '../model';
import type { CvrfDocument, CvrfRemediation, CvrfVulnerability } from './msrc-cvrf-map';
import { lineColumn } from './shared';

/** Elements that may repeat; always arrays, so one-element months read like the others. */
const REPEATED = new Set([
  'Branch',
  'FullProductName',
  'Vulnerability',
  'Note',
  'Status',
  'ProductID',
  'Threat',
  'ScoreSet',
  'Remediation',
  'Revision',
  'CWE',
  'Acknowledgment',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // CVRF never declares entities; with no DOCTYPE allowed (checked before parsing) only &lt; &gt; &amp;
  // &quot; &apos; remain. The zero limits make any declared entity an error, should the check be bypassed.
  processEntities: { enabled: true, maxEntityCount: 0, maxEntitySize: 0 },
  htmlEntities: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

type XmlNode = Record<string, unknown>;

/** Refuses a DTD: "billion laughs" and external entities both need one, and CVRF never has one. */
function refuseDoctype(text: string, file: string): void {
  const match = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (match !== null) {
    throw new FeedParseError(
      file,
      lineColumn(text, match.index),
      `<!${match[1]}> is not allowed in CVRF documents`,
    );
  }
}

/** Well-formedness first: the parser itself accepts a truncated file and returns half a document. */
function validate(text: string, file: string): void {
  const result = XMLValidator.validate(text);
  if (result === true) return;
  const { msg, line, col } = result.err;
  // Unclosed elements are reported at 1:1 with the list of open tags; point at the end instead.
  if (/^Invalid '\[/.test(msg) || /unclosed|end of/i.test(msg)) {
    throw new FeedParseError(
      file,
      lineColumn(text, text.length),
      'the XML ends before its elements close (truncated file?)',
    );
  }
  throw new FeedParseError(file, `line ${line}, column ${col}`, `invalid XML: ${msg}`);
}

function asNode(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as XmlNode)
    : undefined;
}

function nodes(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => asNode(item) ?? { '#text': item });
}

/** Text of an element that may carry attributes ({'#text': …}) or be empty (''). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const node = asNode(value);
  return node !== undefined && typeof node['#text'] === 'string' ? node['#text'] : undefined;
}

function texts(value: unknown): string[] {
  return nodes(value)
    .map((node) => text(node))
    .filter((item): item is string => item !== undefined && item !== '');
}

function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** FullProductName at the top and inside Branch trees; the innermost Product Family branch is the family. */
function readProducts(tree: XmlNode | undefined): SourceProduct[] {
  const byId = new Map<string, SourceProduct>();
  const visit = (node: XmlNode, family: string | undefined) => {
    for (const product of nodes(node.FullProductName)) {
      const id = attribute(product, 'ProductID');
      if (id === undefined) continue;
      const entry: SourceProduct = { id, name: text(product) ?? '' };
      if (family !== undefined) entry.family = family;
      const known = byId.get(id);
      if (known === undefined || (known.family === undefined && family !== undefined)) byId.set(id, entry);
    }
    for (const branch of nodes(node.Branch)) {
      const isFamily = attribute(branch, 'Type') === 'Product Family';
      visit(branch, isFamily ? attribute(branch, 'Name') : family);
    }
  };
  if (tree !== undefined) visit(tree, undefined);
  return [...byId.values()];
}

function readRemediation(node: XmlNode): CvrfRemediation {
  return {
    type: attribute(node, 'Type') ?? '',
    subType: text(node.SubType),
    description: text(node.Description),
    url: text(node.URL),
    supercedence: text(node.Supercedence),
    fixedBuild: text(node.FixedBuild),
    restartRequired: text(node.RestartRequired),
    productIds: texts(node.ProductID),
  };
}

function readVulnerability(node: XmlNode, index: number): CvrfVulnerability {
  const notes = nodes(asNode(node.Notes)?.Note);
  const description = notes.find((note) => attribute(note, 'Type') === 'Description');
  return {
    where: `Vulnerability[${index}]`,
    cve: text(node.CVE),
    title: text(node.Title),
    description: text(description) || undefined,
    cwes: nodes(node.CWE)
      .map((cwe) => attribute(cwe, 'ID'))
      .filter((id): id is string => id !== undefined),
    statuses: nodes(asNode(node.ProductStatuses)?.Status).map((status) => ({
      type: attribute(status, 'Type') ?? '',
      productIds: texts(status.ProductID),
    })),
    threats: nodes(asNode(node.Threats)?.Threat).map((threat) => ({
      type: attribute(threat, 'Type') ?? '',
      description: text(threat.Description) ?? '',
      productIds: texts(threat.ProductID),
    })),
    scores: nodes(asNode(node.CVSSScoreSets)?.ScoreSet).map((set) => ({
      baseScore: text(set.BaseScore),
      temporalScore: text(set.TemporalScore),
      vector: text(set.Vector),
      productIds: texts(set.ProductID),
    })),
    remediations: nodes(asNode(node.Remediations)?.Remediation).map(readRemediation),
    revisionDates: nodes(asNode(node.RevisionHistory)?.Revision)
      .map((revision) => text(revision.Date))
      .filter((date): date is string => date !== undefined),
  };
}

export function readCvrfXml(text_: string, file: string): CvrfDocument {
  refuseDoctype(text_, file);
  validate(text_, file);
  let parsed: unknown;
  try {
    parsed = parser.parse(text_);
  } catch (error) {
    throw new FeedParseError(file, 'input', `invalid XML: ${(error as Error).message}`);
  }
  const root = asNode(asNode(parsed)?.cvrfdoc);
  if (root === undefined) throw new FeedParseError(file, 'line 1, column 1', 'the XML root is not <cvrfdoc>');
  const tracking = asNode(root.DocumentTracking);
  const revisions = nodes(asNode(tracking?.RevisionHistory)?.Revision);
  return {
    id: text(asNode(tracking?.Identification)?.ID),
    title: text(root.DocumentTitle),
    currentReleaseDate: text(tracking?.CurrentReleaseDate),
    // The document-level history holds only the current revision in these files (VULNS.md §4.12).
    revision: text(revisions.at(-1)?.Number),
    products: readProducts(asNode(root.ProductTree)),
    vulnerabilities: nodes(root.Vulnerability).map(readVulnerability),
  };
}
