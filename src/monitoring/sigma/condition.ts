import { SigmaRuleError } from './reasons';

/** The condition grammar of spec v2.1: `or` < `and` < `not` < `x of` < brackets. */
export type ConditionNode =
  | { t: 'id'; name: string }
  | { t: 'and'; items: ConditionNode[] }
  | { t: 'or'; items: ConditionNode[] }
  | { t: 'not'; item: ConditionNode }
  | { t: 'of'; quantifier: 'one' | 'all'; pattern: string };

const TOKEN = /\s*(\(|\)|[^\s()]+)/y;
export const MAX_CONDITION_LENGTH = 8192;
const MAX_DEPTH = 64;

export function parseCondition(text: string): ConditionNode {
  if (text.length > MAX_CONDITION_LENGTH) throw new SigmaRuleError('condition-syntax', 'condition too long');
  if (/\|/.test(text) || /\bnear\b/.test(text)) {
    throw new SigmaRuleError('legacy-aggregation', `'${text.trim()}'`);
  }
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) tokens.push(m[1]!);
  if (text.slice(TOKEN.lastIndex).trim() !== '' && tokens.length === 0) {
    throw new SigmaRuleError('condition-syntax', 'empty condition');
  }
  const parser = new Parser(tokens, text);
  const node = parser.or(0);
  if (parser.peek() !== undefined) parser.fail(`unexpected '${parser.peek()}'`);
  return node;
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: string[],
    private readonly text: string,
  ) {}

  peek(): string | undefined {
    return this.tokens[this.at];
  }

  private word(): string | undefined {
    return this.peek()?.toLowerCase();
  }

  fail(message: string): never {
    throw new SigmaRuleError('condition-syntax', `${message} in '${this.text.trim()}'`);
  }

  or(depth: number): ConditionNode {
    const items = [this.and(depth)];
    while (this.word() === 'or') {
      this.at++;
      items.push(this.and(depth));
    }
    return items.length === 1 ? items[0]! : { t: 'or', items };
  }

  private and(depth: number): ConditionNode {
    const items = [this.not(depth)];
    while (this.word() === 'and') {
      this.at++;
      items.push(this.not(depth));
    }
    return items.length === 1 ? items[0]! : { t: 'and', items };
  }

  private not(depth: number): ConditionNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    if (this.word() === 'not') {
      this.at++;
      return { t: 'not', item: this.not(depth + 1) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): ConditionNode {
    const token = this.peek();
    if (token === undefined) this.fail('condition ends too early');
    const word = token.toLowerCase();
    if (token === '(') {
      this.at++;
      const inner = this.or(depth + 1);
      if (this.peek() !== ')') this.fail("missing ')'");
      this.at++;
      return inner;
    }
    if (
      (word === '1' || word === 'all' || word === 'any') &&
      this.tokens[this.at + 1]?.toLowerCase() === 'of'
    ) {
      const pattern = this.tokens[this.at + 2];
      if (pattern === undefined || pattern === '(' || pattern === ')')
        this.fail(`'${token} of' needs a target`);
      this.at += 3;
      return { t: 'of', quantifier: word === 'all' ? 'all' : 'one', pattern };
    }
    if (token === ')' || ['and', 'or', 'of'].includes(word) || /^\d+$/.test(word))
      this.fail(`unexpected '${token}'`);
    this.at++;
    return { t: 'id', name: token };
  }
}

/** The search identifiers `1 of x*` / `all of them` stand for (`them` skips names starting with `_`). */
export function resolvePattern(pattern: string, names: string[]): string[] {
  if (pattern.toLowerCase() === 'them') return names.filter((n) => !n.startsWith('_'));
  if (!pattern.includes('*')) return names.includes(pattern) ? [pattern] : [];
  const re = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return names.filter((n) => re.test(n));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
