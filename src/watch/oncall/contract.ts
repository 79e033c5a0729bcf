import { z } from 'zod';
import { ROTATIONS, STEP_TARGETS } from '../model';

const HandoffTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format.time');

const rosterFields = {
  name: z.string().trim().min(1).max(120),
  rotation: z.enum(ROTATIONS),
  handoffTime: HandoffTime,
  startDate: z.iso.date(),
  members: z.array(z.uuid()).min(1).max(100),
  supervisorId: z.uuid().nullable().optional(),
  policyId: z.uuid().nullable().optional(),
  enabled: z.boolean(),
};

export const RosterCreate = z
  .object({
    unitId: z.uuid(),
    ...rosterFields,
    handoffTime: HandoffTime.default('08:00'),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RosterCreate = z.output<typeof RosterCreate>;
// Built from the fields without defaults: a PATCH that leaves a field out must not reset it.
export const RosterUpdate = z.object(rosterFields).partial().strict();
export type RosterUpdate = z.output<typeof RosterUpdate>;

export const Roster = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  name: z.string(),
  rotation: z.enum(ROTATIONS),
  handoffTime: z.string(),
  startDate: z.string(),
  members: z.array(z.uuid()),
  supervisorId: z.uuid().nullable(),
  policyId: z.uuid().nullable(),
  enabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Roster = z.infer<typeof Roster>;

export const OverrideCreate = z
  .object({
    userId: z.uuid(),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .refine((o) => o.endsAt > o.startsAt, { path: ['endsAt'], message: 'format.interval' });
export const Override = z.object({
  id: z.uuid(),
  rosterId: z.uuid(),
  userId: z.uuid(),
  startsAt: z.date(),
  endsAt: z.date(),
  reason: z.string(),
  createdAt: z.date(),
});

const Person = z.object({ userId: z.uuid(), displayName: z.string() }).nullable();
export const UpcomingShift = z.object({
  startsAt: z.date(),
  endsAt: z.date(),
  userId: z.uuid(),
  onDuty: z.uuid(),
  source: z.enum(['rotation', 'override']),
});
export const RosterDetail = z.object({
  roster: Roster,
  onDuty: Person,
  source: z.enum(['rotation', 'override']).nullable(),
  shiftStart: z.date().nullable(),
  shiftEnd: z.date().nullable(),
  next: Person,
  supervisor: Person,
  upcoming: z.array(UpcomingShift),
  overrides: z.array(Override),
  names: z.record(z.string(), z.string()),
});
export const RosterList = z.object({ items: z.array(RosterDetail) });
export const RosterQuery = z.object({ unitId: z.uuid().optional() }).strict();
export const RosterIdParams = z.object({ id: z.uuid() }).strict();
export const OverrideParams = z.object({ id: z.uuid(), overrideId: z.uuid() }).strict();

export const HandoverCreate = z.object({ notes: z.string().trim().min(1).max(20_000) }).strict();
export const Handover = z.object({
  id: z.uuid(),
  rosterId: z.uuid(),
  shiftStart: z.date(),
  authorId: z.uuid().nullable(),
  authorName: z.string(),
  notes: z.string(),
  createdAt: z.date(),
});
export const HandoverList = z.object({ items: z.array(Handover) });

export const Step = z
  .object({
    target: z.enum(STEP_TARGETS),
    userId: z.uuid().optional(),
    channelIds: z.array(z.uuid()).min(1).max(10),
    waitMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  })
  .strict()
  .refine((s) => (s.target === 'user') === Boolean(s.userId), {
    path: ['userId'],
    message: 'format.step-user',
  });
export const PolicyCreate = z
  .object({ unitId: z.uuid(), name: z.string().trim().min(1).max(120), steps: z.array(Step).min(1).max(10) })
  .strict();
export type PolicyCreate = z.output<typeof PolicyCreate>;
export const PolicyUpdate = PolicyCreate.omit({ unitId: true }).partial().strict();
export type PolicyUpdate = z.output<typeof PolicyUpdate>;
export const Policy = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  name: z.string(),
  steps: z.array(
    z.object({
      target: z.enum(STEP_TARGETS),
      userId: z.uuid().optional(),
      channelIds: z.array(z.uuid()),
      waitMinutes: z.number(),
    }),
  ),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const PolicyList = z.object({ items: z.array(Policy) });
export const PolicyIdParams = z.object({ id: z.uuid() }).strict();

/**
 * A public holiday (Tết, 30/4–1/5, 2/9…): one person on duty for whole days, from the roster's handoff
 * time on the first day to the handoff time after the last. Stored as an override whose reason names it.
 */
export const HolidayCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    startDate: z.iso.date(),
    days: z.number().int().min(1).max(14).default(1),
    userId: z.uuid(),
  })
  .strict();
export type HolidayCreate = z.output<typeof HolidayCreate>;
