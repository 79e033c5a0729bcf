import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openPage, type PageOptions, signIn } from './browser';
import { type RunningServer, startServer } from './server';

/**
 * What every browser flow does around its steps: one real server on a fresh PGlite, the setup the flow
 * does not test (over the API, as the admin), one Chromium and one page, signed in when asked; all of
 * it stopped after the file. Hooks a file registers before `browserFlow` run before it (a loopback
 * peer the setup needs) and their afterAll after it (the peer outlives the server).
 */

export const ADMIN_PASSWORD = 'E2e-admin-password-1';
export const OFFICER_PASSWORD = 'E2e-officer-password-1';
/** The admin of a fresh installation and the greeting the overview shows them. */
export const ADMIN = { username: 'admin', password: ADMIN_PASSWORD, greeting: 'Xin chào, Quản trị hệ thống' };
export const VIETNAM_TIME: PageOptions = { timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true };

/** A JSON API call as one signed-in person; non-JSON answers (file contents) come back as a Buffer. */
export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export type Person = { username: string; password: string; greeting?: string | RegExp };

export type FlowOptions = {
  /** The first admin's password; null starts the server as on a real first start (it prints one). */
  adminPassword?: string | null;
  /** The setup the flow does not test, over the API as the admin, before the browser starts. */
  setup?: (admin: Api, server: RunningServer) => Promise<void>;
  /** Signs the page in as this person (and waits for their greeting) before the first step. */
  signIn?: Person;
  page?: PageOptions;
};

export type Flow = {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** The admin's API client (undefined when the server started without a known admin password). */
  admin: Api;
};

export async function apiAs(url: string, username: string, password: string): Promise<Api> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    const type = answer.headers.get('content-type') ?? '';
    return (type.includes('json') ? answer.json() : Buffer.from(await answer.arrayBuffer())) as T;
  };
}

/** The id of the root unit every fresh installation starts with. */
export async function rootUnitId(admin: Api): Promise<string> {
  const units = await admin<{ items: { id: string; depth: number }[] }>('GET', '/api/units');
  return units.items.find((u) => u.depth === 0)!.id;
}

/** A unit officer of `unitId`, signing in with OFFICER_PASSWORD unless told otherwise. */
export function addOfficer(
  admin: Api,
  officer: { unitId: string; username: string; displayName: string; email?: string; password?: string },
) {
  return admin('POST', '/api/users', {
    role: 'unit_officer',
    ...officer,
    password: officer.password ?? OFFICER_PASSWORD,
  });
}

/** A new page (own context) signed in as this person; waits for their greeting when one is given. */
export async function signedInPage(flow: Flow, person: Person, options?: PageOptions): Promise<Page> {
  const page = await openPage(flow.browser, options);
  await signIn(page, flow.server.url, person.username, person.password);
  if (person.greeting) await page.getByRole('heading', { name: person.greeting }).waitFor();
  return page;
}

/** Registers the file's beforeAll/afterAll; the returned object is filled in before the first step. */
export function browserFlow(options: FlowOptions = {}): Flow {
  const flow = {} as Flow;
  const adminPassword = options.adminPassword === undefined ? ADMIN_PASSWORD : options.adminPassword;
  beforeAll(async () => {
    flow.server = await startServer(adminPassword ? { adminPassword } : {});
    if (adminPassword) flow.admin = await apiAs(flow.server.url, 'admin', adminPassword);
    await options.setup?.(flow.admin, flow.server);
    flow.browser = await launchBrowser();
    flow.page = options.signIn
      ? await signedInPage(flow, options.signIn, options.page)
      : await openPage(flow.browser, options.page);
  });
  afterAll(async () => {
    await flow.browser?.close();
    await flow.server?.stop();
  });
  return flow;
}
