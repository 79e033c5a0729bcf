import { SigmaRuleError } from './reasons';

/** Every modifier of spec v2.1 (appendix "Sigma Modifiers"); anything else rejects the rule. */
export const MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'exists',
  'cased',
  'neq',
  'windash',
  're',
  'i',
  'm',
  's',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'lt',
  'lte',
  'gt',
  'gte',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
  'cidr',
  'expand',
  'fieldref',
] as const;
export type Modifier = (typeof MODIFIERS)[number];

const KNOWN = new Set<string>(MODIFIERS);
const RE_FLAGS = new Set(['i', 'm', 's']);
export const NUMERIC = new Set(['lt', 'lte', 'gt', 'gte']);
export const TIME_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const TYPE_MODIFIERS = ['re', 'cidr', 'exists', 'fieldref', 'lt', 'lte', 'gt', 'gte'];

export type FieldKey = { field: string | null; modifiers: Modifier[] };

/** `CommandLine|windash|contains|all` → field and modifiers, checked for names and legal combinations. */
export function parseFieldKey(key: string): FieldKey {
  const [rawField, ...mods] = key.split('|');
  const field = rawField === '' ? null : rawField!;
  for (const [i, mod] of mods.entries()) {
    if (!KNOWN.has(mod)) throw new SigmaRuleError('unknown-modifier', `'${mod}' in '${key}'`);
    if (RE_FLAGS.has(mod) && !mods.slice(0, i).includes('re')) {
      throw new SigmaRuleError(
        'modifier-combination',
        `'${mod}' is a flag of 're' and must follow it in '${key}'`,
      );
    }
  }
  const modifiers = mods as Modifier[];
  const types = modifiers.filter((m) => TYPE_MODIFIERS.includes(m));
  const numericAfterTime = types.every((m) => NUMERIC.has(m)) && modifiers.some((m) => TIME_PARTS.has(m));
  if (types.length > 1 && !numericAfterTime) {
    throw new SigmaRuleError(
      'modifier-combination',
      `'${types.join("' and '")}' exclude each other in '${key}'`,
    );
  }
  if (modifiers.includes('re') && modifiers.some((m) => ['contains', 'startswith', 'endswith'].includes(m))) {
    throw new SigmaRuleError('modifier-combination', `'re' cannot take a position modifier in '${key}'`);
  }
  if (new Set(modifiers).size !== modifiers.length) {
    throw new SigmaRuleError('modifier-combination', `a modifier repeats in '${key}'`);
  }
  return { field, modifiers };
}
