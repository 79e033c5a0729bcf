import { placeholderProvider } from './provider';

// Filled by the monitoring capability: how much of the period the unit's 24/7 watch roster covers.
export const watchRosterEvidence = placeholderProvider('watch_roster', {
  vi: 'Lịch trực giám sát 24/7',
  en: '24/7 watch roster',
});
