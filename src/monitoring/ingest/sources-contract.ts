import { z } from 'zod';
import { PageQuery, pageOf } from '../../core/pagination';
import { LOG_SOURCE_KINDS } from '../schema';

export const LogSource = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  name: z.string(),
  kind: z.enum(LOG_SOURCE_KINDS),
  cidr: z.string().nullable(),
  tokenPrefix: z.string().nullable(),
  tzOffsetMinutes: z.number().int(),
  enabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type LogSource = z.infer<typeof LogSource>;

const TzOffset = z.number().int().min(-720).max(840);

export const LogSourceCreate = z
  .object({
    unitId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(LOG_SOURCE_KINDS),
    /** Syslog only: the sender's address or network. */
    cidr: z.string().trim().min(1).max(64).optional(),
    tzOffsetMinutes: TzOffset.default(420),
  })
  .strict();
export type LogSourceCreate = z.input<typeof LogSourceCreate>;

export const LogSourceUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    cidr: z.string().trim().min(1).max(64).optional(),
    tzOffsetMinutes: TzOffset.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type LogSourceUpdate = z.infer<typeof LogSourceUpdate>;

/** Created: an HTTP source's ingest token is shown this once, never again. */
export const LogSourceCreated = z.object({ source: LogSource, token: z.string().nullable() });

export const LogSourceQuery = PageQuery.extend({ unitId: z.uuid().optional() });
export type LogSourceQuery = z.infer<typeof LogSourceQuery>;
export const LogSourcePage = pageOf(LogSource);
export const LogSourceIdParams = z.object({ id: z.uuid() });

export const ReceiverStat = z.object({
  transport: z.enum(['udp', 'tcp', 'tls', 'http']),
  address: z.string().nullable(),
  received: z.number(),
  stored: z.number(),
  raw: z.number(),
  dropped: z.number(),
  unknownSender: z.number(),
  oversize: z.number(),
  connections: z.number(),
  pausedTimes: z.number(),
});
export const IngestStats = z.object({
  receivers: z.array(ReceiverStat),
  /** Datagrams the kernel dropped for want of buffer, machine-wide (/proc/net/snmp); null off Linux. */
  kernelUdpReceiveErrors: z.number().nullable(),
  unknownSenders: z.array(
    z.object({
      address: z.string(),
      transport: z.string(),
      count: z.number(),
      firstSeenAt: z.date(),
      lastSeenAt: z.date(),
      lastMessage: z.string().nullable(),
    }),
  ),
});
