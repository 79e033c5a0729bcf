import type { EvidenceKind } from '../contract';
import { cameraLevelsEvidence } from './camera-levels';
import type { EvidenceProvider } from './provider';
import { vulnsAlertEvidence } from './vulns-alert';
import { watchRosterEvidence } from './watch-roster';

/** Every evidence kind has exactly one provider: the compiler refuses a kind without one. */
export const EVIDENCE_PROVIDERS: Record<EvidenceKind, EvidenceProvider> = {
  vulns_alert: vulnsAlertEvidence,
  camera_levels: cameraLevelsEvidence,
  watch_roster: watchRosterEvidence,
};

export function evidenceProvider(kind: EvidenceKind): EvidenceProvider {
  return EVIDENCE_PROVIDERS[kind];
}
