import type { z } from 'zod';
import type {
  Answer as AnswerSchema,
  DirectiveDetail as DirectiveDetailSchema,
  Directive as DirectiveSchema,
  Evidence as EvidenceSchema,
  Matrix as MatrixSchema,
  UnitTask as UnitTaskSchema,
} from '../../../src/directives/contract';
import type { Wire } from '../contract-types';

export type Directive = Wire<z.infer<typeof DirectiveSchema>>;
export type DirectiveDetail = Wire<z.infer<typeof DirectiveDetailSchema>>;
export type Matrix = Wire<z.infer<typeof MatrixSchema>>;
export type UnitTask = Wire<z.infer<typeof UnitTaskSchema>>;
export type Answer = Wire<z.infer<typeof AnswerSchema>>;
export type Evidence = Wire<z.infer<typeof EvidenceSchema>>;
export type AnswerStatus = UnitTask['status'];
export type StoredFileRef = { id: string; name: string; size: number };

export const ANSWER_STATUSES: AnswerStatus[] = ['not_started', 'in_progress', 'done', 'cannot_do'];
/** Mirrors src/directives/routes.ts: who registers, assigns and generates; who answers a unit's tasks. */
export const DIRECTIVE_WRITERS = ['admin', 'unit_officer'] as const;
export const TASK_ANSWERERS = ['admin', 'unit_officer', 'provider'] as const;

/** Reads a picked file as base64 for the JSON body (the server checks its kind from the bytes). */
export function fileToUpload(file: File): Promise<{ name: string; contentBase64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ name: file.name, contentBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  });
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
