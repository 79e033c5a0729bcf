import { count } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/app';
import { buildUnit, buildUser, USER_PASSWORD } from '../../test/factories';
import { inTransaction } from '../core/context';
import type { AppError } from '../core/errors';
import { detectFileKind } from './file-kind';
import { storedFiles } from './schema';
import { cleanFileName, storeFile } from './service';

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('file kinds are read from the bytes', () => {
  it('tells PDF, DOCX, a plain ZIP, images, EVTX, text and binary apart', async () => {
    expect(await detectFileKind(Buffer.from('%PDF-1.7\n…'))).toBe('pdf');
    expect(await detectFileKind(await docx())).toBe('docx');
    const plain = new JSZip();
    plain.file('a.txt', 'x');
    expect(await detectFileKind(await plain.generateAsync({ type: 'nodebuffer' }))).toBe('zip');
    expect(await detectFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'png',
    );
    expect(await detectFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(await detectFileKind(Buffer.from('ElfFile\0rest'))).toBe('evtx');
    expect(await detectFileKind(Buffer.from('Công văn số 12/UBND\r\n\tđã nhận'))).toBe('text');
    expect(await detectFileKind(Buffer.from([0x00, 0x01, 0x02, 0xfe]))).toBe('binary');
    // Invalid UTF-8 is not text.
    expect(await detectFileKind(Buffer.from([0x41, 0xc3, 0x28]))).toBe('binary');
  });

  it('takes a truncated ZIP for binary, not for a document', async () => {
    const bytes = await docx();
    expect(await detectFileKind(bytes.subarray(0, 40))).toBe('binary');
  });

  it('keeps only a name, never a path or control characters', () => {
    expect(cleanFileName('..\\..\\windows\\evil.docx')).toBe('evil.docx');
    expect(cleanFileName('/etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(cleanFileName('')).toBe('tep');
  });
});

describe('storing files', () => {
  const stored = async () => (await t.db.select({ n: count() }).from(storedFiles))[0]!.n;

  it('stores a DOCX with its SHA-256 and refuses a fake one, writing nothing', async () => {
    const before = await stored();
    const file = await storeFile(
      t.sys,
      t.root.id,
      { name: 'cong-van.docx', content: await docx() },
      {
        allowed: ['docx', 'pdf'],
      },
    );
    expect(file.kind).toBe('docx');
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const error = await storeFile(
      t.sys,
      t.root.id,
      { name: 'fake.docx', content: Buffer.from('<html>') },
      {
        allowed: ['docx'],
      },
    ).catch((e: AppError) => e);
    expect((error as AppError).code).toBe('FILE_TYPE_MISMATCH');
    expect(await stored()).toBe(before + 1);
  });

  it('refuses empty, too large and unaccepted files', async () => {
    const refuse = (name: string, content: Buffer, maxBytes?: number) =>
      storeFile(t.sys, t.root.id, { name, content }, { allowed: ['pdf'], maxBytes }).catch(
        (e: AppError) => e.code,
      );
    expect(await refuse('a.pdf', Buffer.alloc(0))).toBe('FILE_EMPTY');
    expect(await refuse('a.pdf', Buffer.from('%PDF-1.4 abcdef'), 4)).toBe('FILE_TOO_LARGE');
    expect(await refuse('notes', Buffer.from('plain text'))).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('rolls back with the transaction that stored it', async () => {
    const before = await stored();
    await inTransaction(t.sys, async (tx) => {
      await storeFile(
        tx,
        t.root.id,
        { name: 'x.pdf', content: Buffer.from('%PDF-1.4 x') },
        { allowed: ['pdf'] },
      );
      throw new Error('the caller failed after storing');
    }).catch(() => undefined);
    expect(await stored()).toBe(before);
  });
});

describe('downloading files', () => {
  it('serves an attachment that is never rendered, and refuses other units’ files', async () => {
    const own = await buildUnit(t.sys, { parentId: t.root.id });
    const other = await buildUnit(t.sys, { parentId: t.root.id });
    const user = await buildUser(t.sys, { unitId: own.id, role: 'unit_officer' });
    const agent = await signIn(t.app, user.username, USER_PASSWORD);
    const html = Buffer.from('<script>alert(1)</script>');
    const mine = await storeFile(
      t.sys,
      own.id,
      { name: 'Báo cáo sự cố.txt', content: html },
      { allowed: ['text'] },
    );
    const theirs = await storeFile(t.sys, other.id, { name: 'b.txt', content: html }, { allowed: ['text'] });

    const res = await agent.request('GET', `/api/files/${mine.id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.body).toBe(html.toString());

    expect((await agent.request('GET', `/api/files/${theirs.id}`)).statusCode).toBe(403);
    expect((await agent.request('GET', `/api/files/${theirs.id}/content`)).statusCode).toBe(403);
    expect((await agent.request('GET', `/api/files/${crypto.randomUUID()}`)).json().code).toBe(
      'FILE_NOT_FOUND',
    );
  });
});
