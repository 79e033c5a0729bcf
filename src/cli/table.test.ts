import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTable, printTable } from './runtime';

const rows = [
  { unit: 'XA-KIMCHINH', done: 3, due: new Date('2030-04-01T00:00:00Z') },
  { unit: 'PVHTT', done: null, due: undefined },
];
const columns = [
  ['unit', (r: (typeof rows)[number]) => r.unit],
  ['done', (r: (typeof rows)[number]) => r.done],
  ['due', (r: (typeof rows)[number]) => r.due],
] as const;

describe('CLI tables', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('aligns columns under their headers; null and undefined as "-", dates in ISO 8601', () => {
    expect(formatTable(rows, columns).split('\n')).toEqual([
      'unit         done  due',
      'XA-KIMCHINH  3     2030-04-01T00:00:00.000Z',
      'PVHTT        -     -',
    ]);
    expect(formatTable([], columns)).toBe('unit  done  due');
  });

  it('prints heading, table and footer for people, and the whole detail unchanged with --json', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const view = { json: { total: 2, rows }, heading: ['Văn bản 285'], rows, columns, footer: ['2 / 2'] };
    printTable({ lang: 'vi' }, view);
    printTable({ lang: 'vi', json: true }, view);
    expect(out[0]).toBe(`Văn bản 285\n${formatTable(rows, columns)}\n2 / 2\n`);
    expect(JSON.parse(out[1]!)).toEqual(JSON.parse(JSON.stringify({ total: 2, rows })));
  });
});
