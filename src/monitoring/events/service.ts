import type { z } from 'zod';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { loadUnitInScope } from '../../units/service';
import type { EventItem, EventPage, EventQuery } from './contract';
import type { StoredEvent } from './model';
import { countEventsDetailed, type EventCursor, type EventFilter, findEvent, searchEvents } from './queries';

function fieldValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

function cursorOf(text: string | undefined): EventCursor | undefined {
  if (!text) return undefined;
  const [time, id] = text.split('_');
  return { time: new Date(Number(time)), id: Number(id) };
}

/** Searches stored events in the caller's scope by time, unit, source, host, app, text and fields. */
export async function listEvents(ctx: Ctx, query: EventQuery): Promise<z.infer<typeof EventPage>> {
  if (query.unitId) await loadUnitInScope(ctx, query.unitId);
  const fields: Record<string, string | number | boolean> = {};
  for (const pair of query.field) {
    const at = pair.indexOf('=');
    fields[pair.slice(0, at)] = fieldValue(pair.slice(at + 1));
  }
  const filter: EventFilter = {
    scopePath: ctx.unitPath,
    unitId: query.unitId,
    sourceId: query.sourceId,
    from: query.from,
    to: query.to,
    host: query.host,
    app: query.app,
    format: query.format,
    text: query.q,
    fields,
  };
  const cursor = cursorOf(query.cursor);
  const offset = cursor ? 0 : (query.page - 1) * query.pageSize;
  const [rows, count] = await Promise.all([
    searchEvents(ctx.db, filter, query.pageSize, offset, query.order, cursor),
    countEventsDetailed(ctx.db, filter),
  ]);
  const last = rows.length === query.pageSize ? rows[rows.length - 1] : undefined;
  return {
    items: rows.map(toItem),
    total: count.total,
    page: query.page,
    pageSize: query.pageSize,
    totalExact: count.exact,
    nextCursor: last ? `${last.time.getTime()}_${last.id}` : null,
  };
}

function toItem({ raw, ...e }: StoredEvent): z.infer<typeof EventItem> {
  return { ...e, rawBase64: raw ? Buffer.from(raw).toString('base64') : null };
}

/**
 * One event by id within the caller's units. Absent, purged and another unit's event all answer the
 * same 404: a viewer learns nothing about events outside their scope.
 */
export async function getEvent(ctx: Ctx, id: string): Promise<z.infer<typeof EventItem>> {
  const event = await findEvent(ctx.db, id, ctx.unitPath);
  if (!event) throw new AppError('EVENT_NOT_FOUND', { eventId: id });
  return toItem(event);
}
