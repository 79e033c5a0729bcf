import type { z } from 'zod';
import type { Contact as ContactShape } from '../../../src/incidents/contacts-contract';
import type {
  IncidentDetail as IncidentDetailSchema,
  IncidentListItem as IncidentListItemSchema,
  OwnerCandidate as OwnerCandidateShape,
  ReportSummary as ReportSummaryShape,
} from '../../../src/incidents/contract';
import type { Wire } from '../contract-types';

export type IncidentListItem = Wire<z.infer<typeof IncidentListItemSchema>>;
export type IncidentDetail = Wire<IncidentDetailSchema>;
export type ReportSummary = Wire<ReportSummaryShape>;
export type Contact = Wire<ContactShape>;
export type OwnerCandidate = Wire<OwnerCandidateShape>;
export type { IncidentCreate } from '../../../src/incidents/contract';
export { allFields, FORM_SECTIONS, FRAME_FIELDS } from '../../../src/incidents/form-fields';
export {
  INCIDENT_CATEGORIES,
  INCIDENT_SEVERITIES,
  INDICATOR_TYPES,
} from '../../../src/incidents/model';

/** Mantine colours of the countdown states: overdue red, due within 24 h orange. */
export const COUNTDOWN_COLORS: Record<string, string> = {
  overdue: 'red',
  due_soon: 'orange',
  open: 'blue',
  sent: 'green',
  none: 'gray',
};
