import type { SigmaEvent } from '../../sigma/event-view';
import type { LogsourceHint } from '../../sigma/ruleset';

/** One event read from an input file: the form rules see, the original, and where it was. */
export type InputEvent = { event: SigmaEvent; original: unknown; position: number; hint?: LogsourceHint };

/**
 * An input format of the hunting CLI. Adding a format (e.g. the EVTX parser) = one file exporting an
 * InputReader and one line in `readers/index.ts`.
 */
export type InputReader = {
  name: string;
  /** Whether this reader takes the file, from its name and first bytes. */
  accepts(file: string, head: Buffer): boolean;
  read(file: string): AsyncIterable<InputEvent>;
};

/** Longest line or JSON value read from an input (longer ones are skipped and counted). */
export const MAX_RECORD_BYTES = 1 << 20;
