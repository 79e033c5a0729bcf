import { type ConditionNode, parseCondition, resolvePattern } from './condition';
import { allOf, anyOf, type Test } from './context';
import { compileFieldItem, type FieldRename, keywordTest } from './field-item';
import type { LiteralIndex } from './literal-index';
import { SigmaRuleError } from './reasons';
import type { Scalar } from './value-tests';

/** A compiled `detection` section: the rule's whole predicate over one event. */
export type CompiledDetection = { test: Test; condition: ConditionNode[]; searches: Map<string, SearchInfo> };

/** What the pre-filter needs to know about one search identifier. */
export type SearchInfo = { test: Test; body: unknown };

export function compileDetection(
  detection: Record<string, unknown>,
  rename: FieldRename,
  literals?: LiteralIndex,
): CompiledDetection {
  const searches = new Map<string, SearchInfo>();
  for (const [name, body] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    searches.set(name, { test: compileSearch(name, body, rename, literals), body });
  }
  if ('timeframe' in detection) {
    throw new SigmaRuleError('legacy-aggregation', "'timeframe' belongs to v1 aggregations");
  }
  const raw = detection.condition;
  const texts = Array.isArray(raw) ? raw : [raw];
  if (texts.length === 0 || texts.some((t) => typeof t !== 'string')) {
    throw new SigmaRuleError('condition-syntax', 'condition must be a text or a list of texts');
  }
  const condition = (texts as string[]).map(parseCondition);
  const tests = condition.map((node) => compileNode(node, searches));
  const test: Test = anyOf(tests);
  return { test, condition, searches };
}

/** A search identifier: a map (AND of field items), a list of maps (OR), or a list of keywords. */
function compileSearch(
  name: string,
  body: unknown,
  rename: FieldRename,
  literals: LiteralIndex | undefined,
): Test {
  if (body === null || body === undefined) {
    throw new SigmaRuleError('invalid-value', `search '${name}' is empty`);
  }
  if (Array.isArray(body)) {
    if (body.length === 0) throw new SigmaRuleError('invalid-value', `search '${name}' is an empty list`);
    if (body.every((item) => item === null || typeof item !== 'object')) {
      return keywordTest(body as Scalar[], [], name, literals);
    }
    const maps = body.map((item) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new SigmaRuleError('invalid-value', `search '${name}' mixes maps and plain values`);
      }
      return compileMap(name, item as Record<string, unknown>, rename, literals);
    });
    return anyOf(maps);
  }
  if (typeof body === 'object') return compileMap(name, body as Record<string, unknown>, rename, literals);
  return keywordTest([body as Scalar], [], name, literals);
}

function compileMap(
  name: string,
  map: Record<string, unknown>,
  rename: FieldRename,
  literals: LiteralIndex | undefined,
): Test {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaRuleError('invalid-value', `search '${name}' is an empty map`);
  return allOf(entries.map(([key, value]) => compileFieldItem(key, value, rename, literals)));
}

function compileNode(node: ConditionNode, searches: Map<string, SearchInfo>): Test {
  switch (node.t) {
    case 'id': {
      const search = searches.get(node.name);
      if (!search) throw new SigmaRuleError('unknown-identifier', `'${node.name}'`);
      return search.test;
    }
    case 'not': {
      const inner = compileNode(node.item, searches);
      return (ev, unit) => !inner(ev, unit);
    }
    case 'and': {
      return allOf(node.items.map((n) => compileNode(n, searches)));
    }
    case 'or': {
      return anyOf(node.items.map((n) => compileNode(n, searches)));
    }
    case 'of': {
      const names = resolvePattern(node.pattern, [...searches.keys()]);
      if (names.length === 0)
        throw new SigmaRuleError('unknown-identifier', `'${node.pattern}' matches no search`);
      const items = names.map((n) => searches.get(n)!.test);
      return node.quantifier === 'all' ? allOf(items) : anyOf(items);
    }
  }
}
