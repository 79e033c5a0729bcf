import type { z } from 'zod';
import type { Channel as ChannelShape, Delivery as DeliveryShape } from '../../../src/notify/contract';
import type {
  WatchAlertDetail as WatchAlertDetailSchema,
  WatchAlert as WatchAlertShape,
} from '../../../src/watch/alerts/contract';
import type {
  Handover as HandoverSchema,
  Policy as PolicySchema,
  RosterDetail as RosterDetailSchema,
} from '../../../src/watch/oncall/contract';
import type { Wire } from '../contract-types';

export type WatchAlert = Wire<WatchAlertShape>;
export type WatchAlertDetail = Wire<z.infer<typeof WatchAlertDetailSchema>>;
export type RosterDetail = Wire<z.infer<typeof RosterDetailSchema>>;
export type Handover = Wire<z.infer<typeof HandoverSchema>>;
export type Policy = Wire<z.infer<typeof PolicySchema>>;
export type Channel = Wire<ChannelShape>;
export type Delivery = Wire<DeliveryShape>;

export const LEVEL_COLORS: Record<WatchAlert['level'], string> = {
  informational: 'gray',
  low: 'blue',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
