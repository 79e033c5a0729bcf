import type { Lang } from './i18n/messages';
import { messagesFor } from './i18n/messages';

export type FieldProblem = { field: string; message: string };

/** An error answer of the API; its message is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem the server reported for one body field, e.g. fieldMessage('code') for "body.code". */
  fieldMessage(name: string): string | undefined {
    return this.fields.find((f) => f.field === `body.${name}` || f.field === name)?.message;
  }
}

let csrfToken: string | null = null;
let language: Lang = 'vi';

/** Remembered from /api/auth/me or sign-in; sent on every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Signed-out requests (sign-in) get their error messages in this language. */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isErrorBody(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  // FormData sets its own multipart content type (with the boundary): never override it.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', messagesFor(language)['error.network']);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as T;
  if (isErrorBody(data)) {
    const { requestId, fields } = data as { requestId?: string; fields?: FieldProblem[] };
    throw new ApiError(response.status, data.code, data.message, requestId ?? null, fields ?? []);
  }
  throw unexpectedAnswer(response.status);
}

/** An answer that parsed as JSON but not as the shape the console expects (e.g. an older server). */
export function unexpectedAnswer(status = 200): ApiError {
  const message = messagesFor(language)['error.unexpected'].replace('{status}', String(status));
  return new ApiError(status, 'UNEXPECTED', message);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  /** multipart/form-data (file uploads); the CSRF header is sent as on every other change. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  // replaces a whole resource (a directive's task list, a checklist answer)
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
