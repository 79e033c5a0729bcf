import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../../../core/request';
import { Job } from '../../../jobs/contract';
import {
  FeedSyncLogPage,
  FeedSyncLogQuery,
  FeedSyncRunRequest,
  FeedSyncSettings,
  FeedSyncSettingsUpdate,
} from './contract';
import { listFeedSyncLog, requestFeedSync } from './service';
import { getFeedSyncSettings, updateFeedSyncSettings } from './settings';

const tags = ['vulnerabilities'];
// The settings hold a secret and open the platform to the Internet: administrators only.
const admin = { roles: ['admin'] as const, scope: 'none' as const };
const readers = { roles: ['admin', 'unit_officer', 'on_duty', 'viewer'] as const, scope: 'none' as const };

export const feedSyncRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/feeds/sync/settings',
    {
      schema: {
        tags,
        summary: 'Online feed sync settings (off by default)',
        response: { 200: FeedSyncSettings },
      },
      config: { access: admin },
    },
    (req) => getFeedSyncSettings(req.ctx),
  );
  app.put(
    '/api/feeds/sync/settings',
    {
      schema: {
        tags,
        summary: 'Change the online feed sync settings (absent keeps, null clears)',
        body: FeedSyncSettingsUpdate,
        response: { 200: FeedSyncSettings },
      },
      config: { access: admin },
    },
    (req) => updateFeedSyncSettings(req.ctx, req.body),
  );
  app.post(
    '/api/feeds/sync',
    {
      schema: {
        tags,
        summary: 'Sync now: queue the feeds.sync job',
        body: FeedSyncRunRequest,
        response: { 202: Job },
      },
      config: { access: admin },
    },
    async (req, reply) => reply.code(202).send(await requestFeedSync(req.ctx, req.body ?? {})),
  );
  app.get(
    '/api/feeds/sync/log',
    {
      schema: {
        tags,
        summary: 'What each sync run fetched and imported, per source, newest first',
        querystring: FeedSyncLogQuery,
        response: { 200: FeedSyncLogPage },
      },
      config: { access: readers },
    },
    (req) => listFeedSyncLog(req.ctx, req.query),
  );
};
