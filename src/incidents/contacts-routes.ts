import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import '../core/request';
import { createContact, listContacts, updateContact } from './contacts';
import { Contact, ContactCreate, ContactIdParams, ContactList, ContactUpdate } from './contacts-contract';
import {
  DeadlineRuleList,
  DeadlineSettingPut,
  listDeadlineRules,
  putDeadlineSetting,
} from './deadline-settings';

const tags = ['incidents'];

/** The contact directory and the deadline settings: national reference data, read by all, edited by an admin. */
export const incidentSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/incident-contacts',
    {
      schema: {
        tags,
        summary: 'Incident contact directory (national points of the dispatch and added ones)',
        response: { 200: ContactList },
      },
      config: { access: { roles: 'any', scope: 'none' } },
    },
    (req) => listContacts(req.ctx),
  );
  app.post(
    '/api/incident-contacts',
    {
      schema: { tags, summary: 'Add a contact', body: ContactCreate, response: { 201: Contact } },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (req, reply) => reply.status(201).send(await createContact(req.ctx, req.body)),
  );
  app.patch(
    '/api/incident-contacts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a contact (record the "checked on" date)',
        params: ContactIdParams,
        body: ContactUpdate,
        response: { 200: Contact },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => updateContact(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/incident-deadlines',
    {
      schema: {
        tags,
        summary: 'Report deadlines per regime and form, with their sources',
        response: { 200: DeadlineRuleList },
      },
      config: { access: { roles: 'any', scope: 'none' } },
    },
    (req) => listDeadlineRules(req.ctx),
  );
  app.put(
    '/api/incident-deadlines',
    {
      schema: {
        tags,
        summary: 'Set one deadline (hours) with its source',
        body: DeadlineSettingPut,
        response: { 200: DeadlineRuleList },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    (req) => putDeadlineSetting(req.ctx, req.body),
  );
};
