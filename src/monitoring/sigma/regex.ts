import safeRegex from 'safe-regex2';
import { SigmaRuleError } from './reasons';

/** Longest accepted pattern; the longest SigmaHQ `re` value is under 1,000 characters. */
export const MAX_REGEX_SOURCE = 4096;
/** Field texts longer than this are cut before a regex sees them (bounds the worst case of any pattern). */
export const MAX_REGEX_INPUT = 65536;

/**
 * Compiles a Sigma `re` value into a JS RegExp, refusing what could hang the engine.
 * Decision: a pure-JS guard (syntax subset + safe-regex2's star-height check + input cap) rather than the
 * native `re2` binding: re2 needs a compiled add-on at install time, and the Sigma flavour (spec: `. ^ $ * + ?
 * {n,m} [] | ()`) has no feature that needs backtracking once backreferences and lookarounds are refused.
 */
export function compileSigmaRegex(source: string, flags: { i?: boolean; m?: boolean; s?: boolean }): RegExp {
  let pattern = source;
  let insensitive = flags.i ?? false;
  // PCRE's leading inline flag `(?i)` is common in rules; JS (Node 20) has no inline flags.
  const inline = /^\(\?([ims]+)\)/.exec(pattern);
  if (inline) {
    if (inline[1]!.includes('i')) insensitive = true;
    pattern = pattern.slice(inline[0].length);
  }
  if (pattern.length > MAX_REGEX_SOURCE) {
    throw new SigmaRuleError('unsupported-regex', `pattern longer than ${MAX_REGEX_SOURCE} characters`);
  }
  const refused = refusedSyntax(pattern);
  if (refused) throw new SigmaRuleError('unsupported-regex', `${refused} in /${clip(source)}/`);
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, `${insensitive ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}`);
  } catch (error) {
    throw new SigmaRuleError('unsupported-regex', `${(error as Error).message}`);
  }
  // A small bounded repetition ({2}, {1,20}) multiplies work by a constant, not exponentially: not counted.
  // Likewise an optional `?` (at most one repetition); lazy `+?`/`*?` and `(?:` are left alone.
  const starHeightProbe = pattern.replace(/\{\d+(,\d{1,2})?\}/g, '').replace(/(?<![(*+?}\\])\?/g, '');
  if (!safeRegex(starHeightProbe, { limit: 500 })) {
    throw new SigmaRuleError('unsafe-regex', `nested quantifiers in /${clip(source)}/`);
  }
  return regex;
}

/** The constructs outside Sigma's flavour that make backtracking unbounded or that JS reads differently. */
function refusedSyntax(pattern: string): string | undefined {
  if (/\\[1-9]/.test(pattern)) return 'backreference';
  if (/\(\?<?[=!]/.test(pattern)) return 'lookaround';
  if (/\(\?[a-zA-Z-]+[):]/.test(pattern)) return 'inline flag group';
  if (/\\k</.test(pattern)) return 'named backreference';
  if (/\(\?[>|]/.test(pattern) || /[*+?}]\+/.test(pattern)) return 'atomic group or possessive quantifier';
  return undefined;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
