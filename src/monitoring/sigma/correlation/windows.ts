import type { CompiledCorrelation } from './compile';
import type { Entry } from './engine';

/**
 * The number a correlation's condition is compared with, over the entries of one window (time-ordered).
 * `value_percentile`: the share (0–100) of the window's events whose field has the newest event's value,
 * so `lte: 1` flags a value seen in at most 1 % of the group's events (the spec's "rare process" example).
 */
export function windowValue(c: CompiledCorrelation, window: Entry[], newest: Entry): number | undefined {
  if (window.length === 0) return undefined;
  switch (c.type) {
    case 'event_count':
      return window.length;
    case 'value_count':
      return new Set(window.map((e) => e.value).filter((v) => v !== undefined && v !== '')).size;
    case 'value_sum':
    case 'value_avg': {
      const numbers = window.map((e) => Number(e.value)).filter((n) => e2(n));
      if (numbers.length === 0) return undefined;
      const sum = numbers.reduce((a, b) => a + b, 0);
      return c.type === 'value_sum' ? sum : sum / numbers.length;
    }
    case 'value_percentile': {
      if (!window.includes(newest)) return undefined;
      return (100 * window.filter((e) => e.value === newest.value).length) / window.length;
    }
    case 'temporal':
      return new Set(window.map((e) => e.ref)).size;
    case 'temporal_ordered':
      return orderedPrefix(window, c.refs.length);
  }
}

function e2(n: number): boolean {
  return Number.isFinite(n);
}

/** How many of the rules appear in their declared order within the window (greedy, time order). */
function orderedPrefix(window: Entry[], refs: number): number {
  let next = 0;
  for (const e of window) {
    if (e.ref === next) next++;
    if (next === refs) break;
  }
  return next;
}
