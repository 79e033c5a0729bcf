import { ApiError } from '../api';
import type { Translate } from '../i18n/messages';

/** What the chosen files become: inventory documents (with the file each came from) or one CSV list. */
export type PreparedImport =
  | { kind: 'json'; documents: unknown[]; origins: string[] }
  | { kind: 'csv'; csv: string; file: string };

const isCsv = (file: File) => /\.csv$/i.test(file.name) || file.type === 'text/csv';

/**
 * Reads the files in the browser. A .json file may hold one document, an array of documents or an
 * upload envelope { documents }; all of them go in one upload (all or nothing on the server).
 */
export async function prepareImport(files: File[], t: Translate): Promise<PreparedImport> {
  const local = (message: string) => new ApiError(0, 'LOCAL', message);
  if (files.length === 0) throw local(t('inventoryImport.noFiles'));
  const csv = files.filter(isCsv);
  if (csv.length > 0) {
    const [only] = csv;
    if (files.length > 1 || !only) throw local(t('inventoryImport.oneCsv'));
    return { kind: 'csv', csv: await only.text(), file: only.name };
  }
  const documents: unknown[] = [];
  const origins: string[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    } catch (error) {
      throw local(t('inventoryImport.badJson', { file: file.name, reason: (error as Error).message }));
    }
    const envelope = parsed as { documents?: unknown };
    const list = Array.isArray(parsed)
      ? parsed
      : parsed && typeof parsed === 'object' && Array.isArray(envelope.documents)
        ? envelope.documents
        : [parsed];
    for (const document of list) {
      documents.push(document);
      origins.push(list.length > 1 ? `${file.name} #${origins.length + 1}` : file.name);
    }
  }
  return { kind: 'json', documents, origins };
}

/** "body.documents.3.os.ubr" → "KETOAN-01.json › os.ubr": the server names the index, people know the file. */
export function fieldOfFile(field: string, origins: string[]): string {
  const match = /^body\.documents\.(\d+)\.?(.*)$/.exec(field);
  const origin = match ? origins[Number(match[1])] : undefined;
  if (!match || !origin) return field.replace(/^body\./, '');
  return match[2] ? `${origin} › ${match[2]}` : origin;
}
