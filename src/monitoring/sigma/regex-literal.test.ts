import { describe, expect, it } from 'vitest';
import { requiredLiteral } from './regex-literal';

describe('the literal a regex requires (pre-filter key)', () => {
  it('finds the longest plain run, lower-cased, and stops at anything that is not a literal', () => {
    expect(requiredLiteral('\\$PSHome\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$PSHome\\[')).toBe('$pshome[');
    expect(requiredLiteral('(?i)\\$\\{`?e`?n`?v')).toBeNull(); // every char after `{` is optional or short
    expect(requiredLiteral('"(?:\\{\\d\\})+"\\s*-f')).toBeNull();
    expect(requiredLiteral('\\[String\\]\\s*\\$VerbosePreference')).toBe('$verbosepreference');
    expect(requiredLiteral('^cmd\\.exe /c')).toBe('cmd.exe /c');
    expect(requiredLiteral('abcd?ef')).toBe('abc'); // `d` is optional
    expect(requiredLiteral('xyzw+q')).toBe('xyz');
    expect(requiredLiteral('ab[cde]fghij')).toBe('fghij');
    expect(requiredLiteral('net(?:1)? user')).toBe(' user');
    expect(requiredLiteral('\\x41\\x42\\x43zzz')).toBe('zzz'); // hex escapes are skipped, not read as text
    expect(requiredLiteral('\\u0041BCDE')).toBe('bcde');
    expect(requiredLiteral('[]abc]defg')).toBe('defg');
  });
  it('requires nothing from an alternation, a short pattern or a malformed one', () => {
    expect(requiredLiteral('foobar|bazqux')).toBeNull();
    expect(requiredLiteral('(a|b)cdefg')).toBe('cdefg'); // an alternation inside a group is fine
    expect(requiredLiteral('ab.cd')).toBeNull();
    expect(requiredLiteral('(unclosed')).toBeNull();
    expect(requiredLiteral('[unclosed')).toBeNull();
    expect(requiredLiteral('é€ü')).toBeNull(); // only ASCII: case folding cannot move it
  });
  it('every literal it returns occurs in texts the regex matches (case-insensitively too)', () => {
    const cases: Array<[string, string[]]> = [
      ['\\$PSHome\\[\\s*\\d{1,3}', ['$PSHome[ 12', 'x$PSHome[1']],
      ['(?i)invoke-(?:expression|webrequest)', ['INVOKE-Expression', 'invoke-webrequest']],
      ['reg(?:\\.exe)? save hklm\\\\sam', ['reg.exe save hklm\\sam', 'reg save hklm\\sam']],
      ['abcd?ef', ['abcef', 'abcdef']],
    ];
    for (const [source, texts] of cases) {
      const literal = requiredLiteral(source);
      const re = new RegExp(source.replace(/^\(\?i\)/, ''), source.startsWith('(?i)') ? 'i' : '');
      for (const text of texts) {
        expect(re.test(text)).toBe(true);
        if (literal) expect(text.toLowerCase()).toContain(literal);
      }
    }
  });
});
