import { createDetector, type Detection } from '../sigma/detector';
import type { LogsourceHint, RuleSet } from '../sigma/ruleset';
import { readerFor } from './readers';
import type { InputReader } from './readers/reader';

/** One output line of `canh-gac detect` (DRL 1.1: the rule's author travels with every match). */
export type HuntLine = {
  kind: 'match' | 'correlation';
  rule_id: string;
  rule_title: string;
  rule_author: string;
  rule_license: string;
  level: string;
  time: string | null;
  input: string;
  position?: number;
  correlation_type?: string;
  group?: Record<string, string>;
  value?: number;
  event?: unknown;
  events?: unknown[];
};

export type HuntSummary = {
  events: number;
  matches: number;
  perRule: Map<string, { line: HuntLine; count: number }>;
};

/** Runs a rule set over input files, calling `emit` for each match line in input order. */
export async function hunt(
  ruleSet: RuleSet,
  inputs: string[],
  emit: (line: HuntLine) => void,
  options: { hint?: LogsourceHint; readers?: InputReader[] } = {},
): Promise<HuntSummary> {
  const summary: HuntSummary = { events: 0, matches: 0, perRule: new Map() };
  const record = (line: HuntLine) => {
    summary.matches++;
    const entry = summary.perRule.get(line.rule_id);
    if (entry) entry.count++;
    else summary.perRule.set(line.rule_id, { line, count: 1 });
    emit(line);
  };
  for (const input of inputs) {
    const reader = readerFor(input, options.readers);
    const detector = createDetector(ruleSet);
    for await (const item of reader.read(input)) {
      summary.events++;
      for (const d of detector.process(item.event, {
        ...((options.hint ?? item.hint) ? { hint: options.hint ?? item.hint } : {}),
      })) {
        record(toLine(d, input, item.position, item.original));
      }
    }
    for (const d of detector.flush()) record(toLine(d, input, undefined, undefined));
  }
  return summary;
}

function toLine(d: Detection, input: string, position: number | undefined, original: unknown): HuntLine {
  const rule = d.kind === 'match' ? d.rule : d.correlation;
  const base = {
    kind: d.kind,
    rule_id: rule.id,
    rule_title: rule.title,
    rule_author: rule.author,
    rule_license: rule.license,
    level: rule.level,
    time: d.time === undefined || !Number.isFinite(d.time) ? null : new Date(d.time).toISOString(),
    input,
  };
  if (d.kind === 'match')
    return { ...base, ...(position === undefined ? {} : { position }), event: original };
  return { ...base, correlation_type: d.correlation.type, group: d.group, value: d.value, events: d.events };
}
