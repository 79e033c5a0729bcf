import type { IncidentStatus } from './model';

/**
 * Allowed moves (TT 20/2017 Art 11 phases). Forward one phase at a time; back to containment when the threat returns;
 * triage straight to closed for a false alarm; a closed case may be reopened to triage.
 */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['triage'],
  triage: ['containment', 'closed'],
  containment: ['eradication'],
  eradication: ['recovery', 'containment'],
  recovery: ['closed', 'containment'],
  closed: ['triage'],
};

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return NEXT[from].includes(to);
}

/** What a move needs besides being allowed; null when nothing is missing. */
export function transitionRequirement(
  from: IncidentStatus,
  to: IncidentStatus,
  facts: { lessonsLearned: string | null; note: string | null },
): 'lessons_learned' | 'reason' | null {
  // Phase 4 "tổng kết, đánh giá": a case that went through a response closes with its lessons learned.
  if (to === 'closed' && from === 'recovery' && !facts.lessonsLearned?.trim()) return 'lessons_learned';
  // A false alarm or a reopening must say why, or the timeline cannot be read later.
  if ((to === 'closed' && from === 'triage') || from === 'closed')
    return facts.note?.trim() ? null : 'reason';
  return null;
}
