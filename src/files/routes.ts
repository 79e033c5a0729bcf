import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { FileIdParams, StoredFile } from './contract';
import { MEDIA_TYPES } from './file-kind';
import { getStoredFile, readStoredFile } from './service';

const tags = ['files'];
const readers = ['admin', 'unit_officer', 'on_duty', 'provider', 'viewer'] as const;

/** RFC 6266/5987: an ASCII fallback name plus the UTF-8 name, so Vietnamese names survive. */
function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'tep';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/files/:id',
    {
      schema: {
        tags,
        summary: 'A stored file: its metadata',
        params: FileIdParams,
        response: { 200: StoredFile },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => getStoredFile(req.ctx, req.params.id),
  );
  app.get(
    '/api/files/:id/content',
    {
      schema: { tags, summary: 'A stored file: download (always as an attachment)', params: FileIdParams },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    async (req, reply) => {
      const { meta, content } = await readStoredFile(req.ctx, req.params.id);
      // Never rendered by the browser: attachment, no sniffing, and a sandbox should it be opened anyway.
      return reply
        .header('content-type', MEDIA_TYPES[meta.kind])
        .header('content-disposition', contentDisposition(meta.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('x-file-sha256', meta.sha256)
        .send(content);
    },
  );
};
