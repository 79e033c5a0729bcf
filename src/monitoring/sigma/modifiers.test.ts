import { describe, expect, it } from 'vitest';
import { base64, base64Offsets, utf16le } from './encodings';
import { matches, rejectionOf, selectionRule as rule } from './test-helpers';

describe('Sigma value matching', () => {
  it('is case-insensitive by default, exact without wildcards', () => {
    expect(matches(rule("Image: 'C:\\Windows\\cmd.exe'"), { Image: 'c:\\windows\\CMD.EXE' })).toBe(true);
    expect(matches(rule("Image: 'C:\\Windows\\cmd.exe'"), { Image: 'c:\\windows\\cmd.exe2' })).toBe(false);
  });
  it('cased makes it case-sensitive', () => {
    expect(matches(rule("User|cased: 'Admin'"), { User: 'admin' })).toBe(false);
    expect(matches(rule("User|cased: 'Admin'"), { User: 'Admin' })).toBe(true);
  });
  it('contains, startswith, endswith', () => {
    expect(matches(rule("CommandLine|contains: 'urlcache'"), { CommandLine: 'certutil -URLCACHE -f' })).toBe(
      true,
    );
    expect(matches(rule("Image|startswith: 'C:\\Users\\'"), { Image: 'C:\\Users\\x\\a.exe' })).toBe(true);
    expect(matches(rule("Image|endswith: '\\a.exe'"), { Image: 'C:\\Users\\x\\a.exe' })).toBe(true);
    expect(matches(rule("Image|endswith: '\\a.exe'"), { Image: 'C:\\Users\\x\\ba.exe' })).toBe(false);
  });
  it('wildcards * and ? and their escapes', () => {
    expect(matches(rule("F: 'a*c'"), { F: 'abbbc' })).toBe(true);
    expect(matches(rule("F: 'a?c'"), { F: 'abc' })).toBe(true);
    expect(matches(rule("F: 'a?c'"), { F: 'abbc' })).toBe(false);
    expect(matches(rule("F: 'a\\*c'"), { F: 'abc' })).toBe(false);
    expect(matches(rule("F: 'a\\*c'"), { F: 'a*c' })).toBe(true);
    expect(matches(rule("F: 'a\\?c'"), { F: 'a?c' })).toBe(true);
    expect(matches(rule("F: 'a\\\\*'"), { F: 'a\\anything' })).toBe(true);
    expect(matches(rule("F: '*x*y*'"), { F: '1x2y3' })).toBe(true);
    expect(matches(rule("F: '*x*y*'"), { F: '1y2x3' })).toBe(false);
  });
  it('a value list is OR, all makes it AND; all on one value is refused', () => {
    const any = rule("C|contains:\n  - 'aa'\n  - 'bb'");
    const all = rule("C|contains|all:\n  - 'aa'\n  - 'bb'");
    expect(matches(any, { C: 'xx bb' })).toBe(true);
    expect(matches(all, { C: 'xx bb' })).toBe(false);
    expect(matches(all, { C: 'aa bb' })).toBe(true);
    expect(rejectionOf(rule("C|contains|all: 'aa'"))).toBe('modifier-combination');
  });
  it('numbers match their text (EVTX ints vs syslog strings)', () => {
    expect(matches(rule('EventID: 4688'), { EventID: '4688' })).toBe(true);
    expect(matches(rule("EventID: '4688'"), { EventID: 4688 })).toBe(true);
  });
  it('null means absent; empty string means empty', () => {
    expect(matches(rule('User: null'), {})).toBe(true);
    expect(matches(rule('User: null'), { User: null })).toBe(true);
    expect(matches(rule('User: null'), { User: 'x' })).toBe(false);
    expect(matches(rule("User: ''"), { User: '' })).toBe(true);
    expect(matches(rule("User: ''"), {})).toBe(false);
  });
  it('exists', () => {
    expect(matches(rule('User|exists: true'), { User: '' })).toBe(true);
    expect(matches(rule('User|exists: false'), { User: '' })).toBe(false);
    expect(matches(rule('User|exists: false'), {})).toBe(true);
    expect(rejectionOf(rule("User|exists: 'yes'"))).toBe('invalid-value');
  });
  it('neq', () => {
    expect(matches(rule("User|neq: 'root'"), { User: 'bob' })).toBe(true);
    expect(matches(rule("User|neq: 'root'"), { User: 'ROOT' })).toBe(false);
  });
  it('windash permutes the five dash characters at flag starts', () => {
    const r = rule("CommandLine|windash|contains: ' -decode '");
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(matches(r, { CommandLine: `certutil ${dash}decode a b` })).toBe(true);
    }
    expect(matches(r, { CommandLine: 'certutil +decode a' })).toBe(false);
  });
  it('base64, base64offset, utf16le/wide/utf16be/utf16', () => {
    expect(matches(rule("C|base64: 'cmd'"), { C: base64('cmd') })).toBe(true);
    const text = Buffer.from('xxIEX (New-Object', 'utf8').toString('base64');
    expect(matches(rule("C|base64offset|contains: 'IEX'"), { C: text })).toBe(true);
    for (const shift of ['', 'a', 'ab']) {
      const encoded = Buffer.from(`${shift}invoke-mimikatz`).toString('base64');
      expect(
        matches(rule("C|base64offset|contains: 'invoke-mimikatz'"), { C: `powershell -e ${encoded}` }),
      ).toBe(true);
    }
    expect(base64Offsets('IEX')).toHaveLength(3);
    const wide = Buffer.from('  whoami', 'utf16le').toString('base64');
    expect(matches(rule("C|wide|base64offset|contains: 'whoami'"), { C: wide })).toBe(true);
    expect(matches(rule("C|utf16le|base64offset|contains: 'whoami'"), { C: wide })).toBe(true);
    expect(
      matches(rule("C|utf16be|base64: 'ab'"), { C: Buffer.from([0, 97, 0, 98]).toString('base64') }),
    ).toBe(true);
    expect(
      matches(rule("C|utf16|base64: 'ab'"), { C: Buffer.from([255, 254, 97, 0, 98, 0]).toString('base64') }),
    ).toBe(true);
    expect(utf16le('cmd')).toBe('c\0m\0d\0');
    expect(rejectionOf(rule("C|base64: 'a*b'"))).toBe('modifier-combination');
  });
  it('re with i, m, s; case-sensitive by default', () => {
    expect(matches(rule("C|re: 'ab+c'"), { C: 'xABBC' })).toBe(false);
    expect(matches(rule("C|re|i: 'ab+c'"), { C: 'xABBC' })).toBe(true);
    expect(matches(rule("C|re: '^b$'"), { C: 'a\nb' })).toBe(false);
    expect(matches(rule("C|re|m: '^b$'"), { C: 'a\nb' })).toBe(true);
    expect(matches(rule("C|re: 'a.b'"), { C: 'a\nb' })).toBe(false);
    expect(matches(rule("C|re|s: 'a.b'"), { C: 'a\nb' })).toBe(true);
    expect(matches(rule("C|re: '(?i)ABC'"), { C: 'abc' })).toBe(true);
  });
  it('refuses regexes that could backtrack catastrophically, and syntax outside the subset', () => {
    expect(rejectionOf(rule("C|re: '(a+)+$'"))).toBe('unsafe-regex');
    expect(rejectionOf(rule("C|re: '(.*a){20,}'"))).toBe('unsafe-regex');
    expect(rejectionOf(rule("C|re: '(a)\\1'"))).toBe('unsupported-regex');
    expect(rejectionOf(rule("C|re: 'a(?=b)'"))).toBe('unsupported-regex');
    expect(rejectionOf(rule("C|re: '([a-z'"))).toBe('unsupported-regex');
    expect(rejectionOf(rule("C|re|i|contains: 'a'"))).toBe('modifier-combination');
  });
  it('cidr for IPv4 and IPv6 (and IPv4-mapped IPv6)', () => {
    const r = rule("Ip|cidr:\n  - '10.0.0.0/8'\n  - 'fd00::/8'");
    expect(matches(r, { Ip: '10.1.2.3' })).toBe(true);
    expect(matches(r, { Ip: '11.1.2.3' })).toBe(false);
    expect(matches(r, { Ip: 'fd12::1' })).toBe(true);
    expect(matches(r, { Ip: '::ffff:10.0.0.1' })).toBe(true);
    expect(matches(r, { Ip: 'not an ip' })).toBe(false);
    expect(rejectionOf(rule("Ip|cidr: '10.0.0.0/99'"))).toBe('invalid-value');
  });
  it('fieldref compares two fields of the same event', () => {
    expect(matches(rule('A|fieldref: B'), { A: 'Bob', B: 'bob' })).toBe(true);
    expect(matches(rule('A|fieldref: B'), { A: 'Bob', B: 'alice' })).toBe(false);
    expect(matches(rule('A|fieldref|endswith: B'), { A: 'C:\\x\\bob', B: 'bob' })).toBe(true);
    expect(matches(rule('A|fieldref: B'), { A: 'Bob' })).toBe(false);
  });
  it('lt, lte, gt, gte', () => {
    expect(matches(rule('N|gt: 10'), { N: '11' })).toBe(true);
    expect(matches(rule('N|gt: 10'), { N: 10 })).toBe(false);
    expect(matches(rule('N|gte: 10'), { N: 10 })).toBe(true);
    expect(matches(rule('N|lt: 10'), { N: 9.5 })).toBe(true);
    expect(matches(rule('N|lte: 10'), { N: 'x' })).toBe(false);
    expect(rejectionOf(rule("N|gt: 'ten'"))).toBe('invalid-value');
  });
  it('time modifiers extract a date part (UTC)', () => {
    const t = { T: '2024-03-10T23:45:01Z' };
    expect(matches(rule('T|minute: 45'), t)).toBe(true);
    expect(matches(rule('T|hour: 23'), t)).toBe(true);
    expect(matches(rule('T|day: 10'), t)).toBe(true);
    expect(matches(rule('T|week: 10'), t)).toBe(true);
    expect(matches(rule('T|month: 3'), t)).toBe(true);
    expect(matches(rule('T|year: 2024'), t)).toBe(true);
    expect(matches(rule('T|hour|gte: 22'), t)).toBe(true);
    expect(matches(rule('T|hour|lt: 6'), t)).toBe(false);
    expect(matches(rule('T|hour: 1'), { T: 'garbage' })).toBe(false);
  });
  it('expand takes per-unit placeholder values at match time', () => {
    const r = rule("User|expand: '%Admins%'");
    const a = { placeholders: { Admins: ['alice', 'bob*'] } };
    const b = { placeholders: { Admins: ['carol'] } };
    expect(matches(r, { User: 'bobby' }, a)).toBe(true);
    expect(matches(r, { User: 'bobby' }, b)).toBe(false);
    expect(matches(r, { User: 'bobby' })).toBe(false);
    expect(rejectionOf(rule("User|expand: 'plain'"))).toBe('invalid-value');
  });
  it('keywords search every value; |all makes them AND', () => {
    const kw =
      "title: k\nlogsource: {product: test}\ndetection:\n  keywords:\n    - 'rm -rf'\n    - 'wget'\n  condition: keywords\n";
    expect(matches(kw, { message: 'sudo RM -RF /' })).toBe(true);
    expect(matches(kw, { a: { nested: 'x wget y' } })).toBe(true);
    expect(matches(kw, { message: 'ls' })).toBe(false);
    const all =
      "title: k\nlogsource: {product: test}\ndetection:\n  keywords:\n    '|all':\n      - 'a1'\n      - 'b2'\n  condition: keywords\n";
    expect(matches(all, { m: 'a1 b2' })).toBe(true);
    expect(matches(all, { m: 'a1' })).toBe(false);
  });
  it('rejects unknown modifiers, naming the modifier', () => {
    expect(rejectionOf(rule("C|containz: 'a'"))).toBe('unknown-modifier');
    expect(rejectionOf(rule("C|i: 'a'"))).toBe('modifier-combination');
    expect(rejectionOf(rule("C|cidr|re: 'a'"))).toBe('modifier-combination');
  });
});
