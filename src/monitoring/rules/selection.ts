import type { SigmaSelection } from './contract';

type Selectable = { id: string; level: string; tags: readonly string[] };

/** True when the selection names nothing (a bulk switch must say which rules, or `all`). */
export function isEmptySelection(s: SigmaSelection): boolean {
  return !s.all && !s.ids?.length && !s.level?.length && !s.tag?.length && !s.technique?.length;
}

/** ATT&CK technique T1059 in a rule's tags: attack.t1059, and its sub-techniques attack.t1059.001. */
export function hasTechnique(tags: readonly string[], technique: string): boolean {
  const t = `attack.${technique.toLowerCase()}`;
  return tags.some((tag) => {
    const lower = tag.toLowerCase();
    return lower === t || lower.startsWith(`${t}.`);
  });
}

export function hasTag(tags: readonly string[], tag: string): boolean {
  const lower = tag.toLowerCase();
  return tags.some((t) => t.toLowerCase() === lower);
}

/** Every criterion given holds; inside one criterion, any of its values. */
export function selects(rule: Selectable, s: SigmaSelection): boolean {
  if (s.ids?.length && !s.ids.includes(rule.id)) return false;
  if (s.level?.length && !s.level.includes(rule.level as (typeof s.level)[number])) return false;
  if (s.tag?.length && !s.tag.some((t) => hasTag(rule.tags, t))) return false;
  if (s.technique?.length && !s.technique.some((t) => hasTechnique(rule.tags, t))) return false;
  return true;
}
