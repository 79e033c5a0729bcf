import JSZip from 'jszip';

/** A test helper that reads a generated DOCX back: its paragraphs (text + XML) and its tables' cells. */
export type ReadParagraph = { text: string; xml: string };
export type ReadDocx = { document: string; paragraphs: ReadParagraph[]; tables: ReadParagraph[][][] };

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphsOf(xml: string): ReadParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
}

export async function readDocx(buffer: Buffer): Promise<ReadDocx> {
  const zip = await JSZip.loadAsync(buffer);
  const document = await zip.file('word/document.xml')!.async('string');
  // Tables of the generated documents are never nested: a lazy match finds each whole.
  const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([tbl]) =>
    [...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) =>
      [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) => {
        const ps = paragraphsOf(tc);
        return { xml: tc, text: ps.map((p) => p.text).join('\n') };
      }),
    ),
  );
  return { document, paragraphs: paragraphsOf(document), tables };
}

/** The run size in half-points, bold and italic flags of a paragraph's first run. */
export function runStyle(xml: string): {
  size: number;
  bold: boolean;
  italics: boolean;
  font: string | null;
} {
  const run = /<w:r>[\s\S]*?<\/w:r>/.exec(xml)?.[0] ?? '';
  return {
    size: Number(/<w:sz w:val="(\d+)"/.exec(run)?.[1] ?? 0),
    bold: run.includes('<w:b/>'),
    italics: run.includes('<w:i/>'),
    font: /w:ascii="([^"]+)"/.exec(run)?.[1] ?? null,
  };
}
