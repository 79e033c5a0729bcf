/**
 * The longest literal that every match of a Sigma `re` pattern must contain, for the pre-filter (gate.ts):
 * `\$PSHome\[\s*\d` ⇒ `$pshome[`. Conservative by construction: a run of literal characters is broken by
 * anything else (groups, classes, `.`, anchors, escapes like `\d`), a quantifier removes the character it
 * applies to, and a top-level `|` means no literal is required. Only ASCII characters are kept, so the
 * lower-cased literal is in the lower-cased text whenever the pattern matches, with or without the `i` flag.
 */
export function requiredLiteral(source: string): string | null {
  const p = source.replace(/^\(\?[ims]+\)/, '');
  let best = '';
  let run = '';
  const flush = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '|') return null;
    if (c === '(' || c === '[') {
      flush();
      i = c === '(' ? skipGroup(p, i) : skipClass(p, i);
      if (i < 0) return null;
    } else if (c === '*' || c === '?' || c === '+' || c === '{') {
      run = run.slice(0, -1); // the quantified character may be absent (or, for +, repeated)
      flush();
      if (c === '{') i = Math.max(i, p.indexOf('}', i));
    } else if (c === '\\') {
      const n = p[i + 1] ?? '';
      if (/[A-Za-z0-9]/.test(n)) {
        flush();
        i += n === 'x' ? 3 : n === 'u' ? (p[i + 2] === '{' ? p.indexOf('}', i) - i : 5) : n === 'c' ? 2 : 1;
      } else {
        if (isPlainAscii(n)) run += n;
        else flush();
        i++;
      }
    } else if (c === '.' || c === '^' || c === '$' || !isPlainAscii(c)) flush();
    else run += c;
  }
  flush();
  return best.length >= 3 ? best.toLowerCase() : null;
}

function isPlainAscii(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 && code < 0x7f;
}

/** The index of the `)` closing the group opened at `at` (escapes and classes skipped), or -1. */
function skipGroup(p: string, at: number): number {
  let depth = 0;
  for (let i = at; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = skipClass(p, i);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The index of the `]` closing the class opened at `at` (a leading `]` or `^]` is a member), or -1. */
function skipClass(p: string, at: number): number {
  let i = at + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return -1;
}
