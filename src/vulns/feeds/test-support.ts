/**
 * Test helpers for the feed parsers: the shared advisory fixtures are read in place from
 * ../shared/fixtures/advisories (never copied into the product, SOURCES.md), and FeedParseErrors are
 * caught for inspection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/project-root';
import { FeedParseError } from '../model';

export const ADVISORIES = path.join(projectRoot(), '..', 'shared', 'fixtures', 'advisories');

/** True when the fixture folder (or a file in it) exists; suites skip with a message otherwise. */
export function hasFixture(relative: string): boolean {
  return fs.existsSync(path.join(ADVISORIES, relative));
}

export function readFixture(relative: string): Buffer {
  return fs.readFileSync(path.join(ADVISORIES, relative));
}

/** Runs `parse` and returns the FeedParseError it must throw; anything else fails the test. */
export function feedError(parse: () => unknown): FeedParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw new Error(`expected a FeedParseError, got ${String(error)}`);
  }
  throw new Error('expected a FeedParseError, but parsing succeeded');
}

/** The input cut at a byte offset: half the file, or inside a string. */
export function cut(input: Buffer, at: number): Buffer {
  return input.subarray(0, Math.floor(at));
}

/** Byte offset in the middle of the first occurrence of `needle` (to cut inside a string value). */
export function middleOf(input: Buffer, needle: string): number {
  const index = input.indexOf(needle);
  if (index === -1) throw new Error(`"${needle}" not in the fixture`);
  return index + Math.floor(Buffer.byteLength(needle) / 2);
}
