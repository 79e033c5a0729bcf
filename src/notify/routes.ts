import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { createChannel, deleteChannel, getChannel, listChannels, updateChannel } from './channels-service';
import {
  Channel,
  ChannelCreate,
  ChannelIdParams,
  ChannelList,
  ChannelQuery,
  ChannelTest,
  ChannelUpdate,
  Delivery,
  DeliveryDetail,
  DeliveryIdParams,
  DeliveryPage,
  DeliveryQuery,
} from './contract';
import { getDelivery, listDeliveries, testChannel } from './delivery';

const tags = ['notify'];
const managers = ['admin', 'unit_officer'] as const;
const readers = ['admin', 'unit_officer', 'on_duty'] as const;

export const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notify/channels',
    {
      schema: {
        tags,
        summary: 'Notification channels (secrets never shown)',
        querystring: ChannelQuery,
        response: { 200: ChannelList },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listChannels(req.ctx, req.query.unitId),
  );
  app.post(
    '/api/notify/channels',
    {
      schema: {
        tags,
        summary: 'Add an e-mail, webhook or Telegram channel',
        body: ChannelCreate,
        response: { 201: Channel },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => reply.status(201).send(await createChannel(req.ctx, req.body)),
  );
  app.get(
    '/api/notify/channels/:id',
    {
      schema: { tags, summary: 'One channel', params: ChannelIdParams, response: { 200: Channel } },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => getChannel(req.ctx, req.params.id),
  );
  app.patch(
    '/api/notify/channels/:id',
    {
      schema: {
        tags,
        summary: 'Change a channel (an absent secret is kept)',
        params: ChannelIdParams,
        body: ChannelUpdate,
        response: { 200: Channel },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    (req) => updateChannel(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/notify/channels/:id',
    {
      schema: { tags, summary: 'Delete a channel', params: ChannelIdParams },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    async (req, reply) => {
      await deleteChannel(req.ctx, req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/notify/channels/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now; the answer is the logged delivery',
        params: ChannelIdParams,
        body: ChannelTest,
        response: { 200: Delivery },
      },
      config: { access: { roles: managers, scope: 'unit' } },
    },
    (req) => testChannel(req.ctx, req.params.id, req.body.to),
  );
  app.get(
    '/api/notify/deliveries',
    {
      schema: { tags, summary: 'Delivery log', querystring: DeliveryQuery, response: { 200: DeliveryPage } },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => listDeliveries(req.ctx, req.query),
  );
  app.get(
    '/api/notify/deliveries/:id',
    {
      schema: {
        tags,
        summary: 'One delivery with every attempt',
        params: DeliveryIdParams,
        response: { 200: DeliveryDetail },
      },
      config: { access: { roles: readers, scope: 'unit' } },
    },
    (req) => getDelivery(req.ctx, req.params.id),
  );
};
