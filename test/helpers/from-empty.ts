/**
 * Issue 13: a drafter writes a Kalindor mandate from an empty file with nothing but clause completions and quick
 * fixes. The story is told once, here: the unit test (test/unit/from-empty.test.ts) replays it in the core and the
 * UI test (scripts/e2e/from-empty.ts) in the real VS Code; both check the numbering and references after every
 * step and end on test/vscode/suite/from-empty.expected.md.
 */
import { join } from 'node:path';

export const EXPECTED_FILE = join(__dirname, '..', 'vscode', 'suite', 'from-empty.expected.md');

/** A clause completion: on a new line after the line that starts with `after` (the empty file when absent). */
export interface SnippetStep {
  kind: 'snippet';
  name: string;
  after?: string;
  /** What the drafter types: a marker the drafter chooses ("(b) "), then the clause's prefix. */
  typed: string;
  id: string;
  /** The completion's label, as the suggest widget shows it. */
  title: string;
  /** What the drafter types into the tab stops, in order (the others keep their default). */
  stops?: string[];
}

/** A quick fix for a finding of `rule`, asked for with the cursor at `cursorAt` on the line that starts with `line`. */
export interface FixStep {
  kind: 'fix';
  name: string;
  rule: string;
  line: string;
  cursorAt: string;
  title: string;
}

export type Step = SnippetStep | FixStep;

export const STORY: Step[] = [
  { kind: 'snippet', name: 'the frame', typed: 'ml-resolution', id: 'resolution-frame', title: 'Draft resolution: the frame of a new draft', stops: ['MINUKAL', 'the Republic of Kalindor', 'the Government of Kalindor', 'the KDSF', '31 March 2027'] },
  { kind: 'snippet', name: 'a preambular paragraph', after: '*Recalling*', typed: 'ml-sovereignty', id: 'preamble-sovereignty', title: 'Preamble: sovereignty and unity of the country' },
  { kind: 'snippet', name: 'the last preambular paragraph', after: '*Reaffirming*', typed: 'ml-chapter-vii', id: 'preamble-chapter-vii', title: 'Preamble: threat to peace and security, Chapter VII' },
  { kind: 'snippet', name: 'the priority tasks', after: '1. *Decides*', typed: 'ml-tasks', id: 'priority-tasks', title: 'Priority tasks of the mandate, with a first task' },
  { kind: 'snippet', name: 'task (b)', after: '(a) to protect', typed: '(b) ml-state-authority', id: 'task-state-authority', title: 'Task: extension of State authority' },
  { kind: 'snippet', name: 'task (c)', after: '(b) to support', typed: '(c) ml-ssr-training', id: 'task-ssr-training', title: 'Task: security sector reform through training and equipment' },
  { kind: 'snippet', name: 'task (d)', after: '(c) to support', typed: '(d) ml-ddr', id: 'task-ddr', title: 'Task: disarmament, demobilization and reintegration' },
  { kind: 'snippet', name: 'the reporting request', after: '(d) to support', typed: 'ml-sg-reporting', id: 'reporting-request', title: 'Periodic report of the Secretary-General', stops: ['three months'] },
  { kind: 'fix', name: 'due diligence for the training task', rule: 'train-and-equip-drift', line: '(c) to support', cursorAt: 'training and equipping', title: 'Add to this paragraph: human rights due diligence and oversight condition' },
  { kind: 'fix', name: "women's participation in the training task", rule: 'missing-gender', line: '(c) to support', cursorAt: 'support security sector reform', title: "Add to this paragraph: women's participation and a barrier assessment" },
  { kind: 'fix', name: 'benchmarks for the whole draft', rule: 'missing-benchmarks', line: '# Draft resolution', cursorAt: 'Draft resolution', title: 'Insert SSR benchmarks and reporting against them' },
  { kind: 'snippet', name: 'an operative paragraph before the tasks', after: '1. *Decides*', typed: 'ml-oversight', id: 'civilian-oversight', title: 'Civilian and parliamentary oversight of the forces' },
];

/** The rules whose findings the story's quick fixes answer: the final draft has none of them. */
export const FIXED_RULES = [...new Set(STORY.filter((s): s is FixStep => s.kind === 'fix').map((s) => s.rule))];

/** What each of the draft's own references must point at: the words its paragraph opens with. */
const TARGETS: Array<{ reference: RegExp; opens: string[] }> = [
  { reference: /progress in implementing (paragraphs? [\d, and to]+?) shall be measured/, opens: ['*Decides* that the mandate of MINUKAL shall include the following priority tasks'] },
  { reference: /of the reforms under (paragraphs? [\d, and to]+?), including/, opens: ['*Decides* that the mandate of MINUKAL shall include the following priority tasks', '*Decides* that progress in implementing'] },
];

/** The numbers a reference names: "paragraph 3", "paragraphs 3 and 5", "paragraphs 3 to 5". */
function numbersOf(reference: string): number[] {
  const out: number[] = [];
  for (const m of reference.matchAll(/(\d+)(?: to (\d+))?/g)) for (let n = Number(m[1]); n <= Number(m[2] ?? m[1]); n++) out.push(n);
  return out;
}

/**
 * What is wrong with the numbering of a draft: operative paragraphs not numbered 1 to n, sub-paragraph letters of a
 * list not (a), (b), (c) ..., a "paragraph N" of the draft that names no paragraph, or not the one it means.
 * An empty list when all is right.
 */
export function numberingProblems(text: string): string[] {
  const problems: string[] = [];
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const paragraphs = new Map<number, string>();
  let expected = 1;
  let letter = 'a';
  for (const line of body.split('\n')) {
    const op = /^(\d+)\. (.*)$/.exec(line);
    if (op) {
      if (Number(op[1]) !== expected) problems.push(`paragraph ${op[1]} where ${expected} was expected: "${line.slice(0, 60)}"`);
      paragraphs.set(Number(op[1]), op[2]);
      expected = Number(op[1]) + 1;
      letter = 'a';
      continue;
    }
    const sub = /^\(([a-z])\) /.exec(line);
    if (sub) {
      if (sub[1] !== letter) problems.push(`sub-paragraph (${sub[1]}) where (${letter}) was expected: "${line.slice(0, 60)}"`);
      letter = String.fromCharCode(sub[1].charCodeAt(0) + 1);
    }
  }
  for (const m of body.matchAll(/\bparagraphs? (\d+(?:(?:, | and | to )\d+)*)/g)) {
    for (const n of numbersOf(m[1])) if (!paragraphs.has(n)) problems.push(`"${m[0]}" names no paragraph of the draft`);
  }
  for (const { reference, opens } of TARGETS) {
    const m = reference.exec(body);
    if (!m) continue;
    const numbers = numbersOf(m[1]);
    const named = numbers.map((n) => paragraphs.get(n) ?? '');
    for (const start of opens) if (!named.some((p) => p.startsWith(start))) problems.push(`"${m[1]}" does not name the paragraph that opens "${start}"`);
    for (const p of named) if (!opens.some((start) => p.startsWith(start))) problems.push(`"${m[1]}" names a paragraph it does not mean: "${p.slice(0, 60)}"`);
  }
  return problems;
}
