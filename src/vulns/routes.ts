import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { AppError } from '../core/errors';
import {
  AdvisoryDocumentPage,
  AdvisoryDocumentQuery,
  CveParams,
  FeedImportResults,
  VulnerabilityDetail,
  VulnerabilityPage,
  VulnerabilityQuery,
} from './contract';
import { type FeedFile, importFeedFiles } from './feed-import';
import { feedSyncRoutes } from './feeds/sync/routes';
import { getVulnerability, listAdvisoryDocuments, listVulnerabilities } from './service';

const tags = ['vulnerabilities'];
// Advisories are public data about products, not a unit's data: every reading role sees them.
const readers = ['admin', 'unit_officer', 'on_duty', 'viewer'] as const;
/** One month of MSRC CVRF is ~3.5 MB, a full EPSS day ~10 MB gzipped: 128 MB leaves room, bounds abuse. */
const MAX_FEED_FILE_BYTES = 128 * 1024 * 1024;

export const vulnRoutes: FastifyPluginAsyncZod = async (app) => {
  // Online sync of the same feeds (off by default): settings, "sync now", the sync log.
  await app.register(feedSyncRoutes);
  app.post(
    '/api/feeds/import',
    {
      schema: {
        tags,
        summary: 'Import advisory files (MSRC CVRF/CSAF, KEV, NVD, CVE 5, EPSS): multipart field "files"',
        consumes: ['multipart/form-data'],
        response: { 200: FeedImportResults },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req) => {
      const files: FeedFile[] = [];
      // Uploads are read into memory and parsed as data; nothing uploaded is ever stored as a file or run.
      for await (const part of req.files({ limits: { fileSize: MAX_FEED_FILE_BYTES, files: 50 } })) {
        files.push({ name: part.filename, content: await part.toBuffer() });
      }
      if (files.length === 0) throw new AppError('FEED_FILE_MISSING');
      return { results: await importFeedFiles(req.ctx, files) };
    },
  );
  app.get(
    '/api/feeds',
    {
      schema: {
        tags,
        summary: 'Imported advisory documents',
        querystring: AdvisoryDocumentQuery,
        response: { 200: AdvisoryDocumentPage },
      },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => listAdvisoryDocuments(req.ctx, req.query),
  );
  app.get(
    '/api/vulnerabilities',
    {
      schema: {
        tags,
        summary: 'Known vulnerabilities (exploited first)',
        querystring: VulnerabilityQuery,
        response: { 200: VulnerabilityPage },
      },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => listVulnerabilities(req.ctx, req.query),
  );
  app.get(
    '/api/vulnerabilities/:cve',
    {
      schema: {
        tags,
        summary: 'One CVE with what each source says',
        params: CveParams,
        response: { 200: VulnerabilityDetail },
      },
      config: { access: { roles: readers, scope: 'none' } },
    },
    (req) => getVulnerability(req.ctx, req.params.cve),
  );
};
