/**
 * Proposes the numbered tasks of a directive from its pasted text. A person edits the proposal before it
 * is saved: this only saves typing, it decides nothing.
 *
 * The highest level of numbering present makes the tasks ("1." / "1)", else "a)", else "-"); lower levels
 * stay inside their task on their own lines. Lines that carry no marker continue the paragraph above (text
 * pasted from a PDF breaks lines anywhere). Text before the first task is the preamble ("Thực hiện Văn bản
 * số …"); the "Nơi nhận:" block and the signature that follow the body are dropped.
 */

export type ProposedTask = { marker: string; text: string };
export type TaskProposal = { preamble: string; tasks: ProposedTask[] };

type Level = 'number' | 'letter' | 'dash';

const MARKERS: Record<Level, RegExp> = {
  // "1." or "1)" but not "1.1" or a date "21/3/2023"; at most two digits.
  number: /^(\d{1,2})[.)](?!\d)\s*(.*)$/u,
  letter: /^([a-zđ])\)\s*(.*)$/u,
  dash: /^[-–•+]\s+(.*)$/u,
};

const END_OF_BODY = /^(nơi nhận|noi nhan)\s*:/iu;

function levelOf(line: string): Level | undefined {
  if (MARKERS.number.test(line)) return 'number';
  if (MARKERS.letter.test(line)) return 'letter';
  if (MARKERS.dash.test(line)) return 'dash';
  return undefined;
}

/** Body lines with paragraph breaks kept: blank lines end a paragraph, wrapped lines are joined. */
function paragraphs(text: string): string[] {
  const result: string[] = [];
  let current: string | undefined;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (END_OF_BODY.test(line)) break;
    if (line === '') {
      if (current !== undefined) result.push(current);
      current = undefined;
    } else if (current === undefined || levelOf(line) !== undefined) {
      if (current !== undefined) result.push(current);
      current = line;
    } else {
      current = `${current} ${line}`;
    }
  }
  if (current !== undefined) result.push(current);
  return result;
}

/** Numbers must run 1, 2, 3…: a stray "2." inside a sentence that wrapped does not start a task. */
function isNextNumber(line: string, count: number): boolean {
  const match = MARKERS.number.exec(line);
  return match !== null && Number(match[1]) === count + 1;
}

function topLevel(lines: readonly string[]): Level | undefined {
  if (lines.some((line) => isNextNumber(line, 0))) return 'number';
  if (lines.some((line) => levelOf(line) === 'letter')) return 'letter';
  if (lines.some((line) => levelOf(line) === 'dash')) return 'dash';
  return undefined;
}

function startsTask(line: string, level: Level, count: number): boolean {
  return level === 'number' ? isNextNumber(line, count) : levelOf(line) === level;
}

function markerAndText(line: string, level: Level): ProposedTask {
  const match = MARKERS[level].exec(line)!;
  if (level === 'dash') return { marker: '-', text: match[1] ?? '' };
  return { marker: `${match[1]}${level === 'number' ? '.' : ')'}`, text: match[2] ?? '' };
}

export function splitTasks(text: string): TaskProposal {
  const lines = paragraphs(text);
  const level = topLevel(lines);
  if (level === undefined) return { preamble: lines.join('\n'), tasks: [] };
  const preamble: string[] = [];
  const tasks: ProposedTask[] = [];
  for (const line of lines) {
    if (startsTask(line, level, tasks.length)) tasks.push(markerAndText(line, level));
    else if (tasks.length === 0) preamble.push(line);
    else {
      const last = tasks[tasks.length - 1]!;
      last.text = last.text === '' ? line : `${last.text}\n${line}`;
    }
  }
  return {
    preamble: preamble.join('\n'),
    tasks: tasks
      .map((task) => ({ ...task, text: task.text.replace(/\s*\.\/\.\s*$/u, '.').trim() }))
      .filter((task) => task.text !== ''),
  };
}
