/**
 * `--baseline <file|git-ref>`: the findings a draft already had, so that CI fails only on those it did not.
 *
 * - A file is a previous `--format json` output (an array of file results whose messages carry fingerprints).
 *   Its entries are paired with the drafts linted now by path: the same path, else the longest common tail of
 *   path segments ("drafts/a.md" in another checkout).
 * - Anything else is a git ref: each draft's content at that ref (`git show <ref>:./<name>`, run in the draft's
 *   folder, no network) is linted with the same configuration, and its findings are the baseline. A draft that
 *   did not exist at the ref has no baseline findings.
 *
 * Findings are matched by rule, paragraph wording and quoted words (src/core/compare/fingerprint.ts), never by
 * line, so renumbering and edits elsewhere do not bring old findings back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { matchFindings } from '../core/compare/fingerprint';
import { countMessages, fileResultProblem, type BaselineState, type FileResult, type LintMessage } from '../core/results';
import type { EngineOptions } from './engine';
import { MAX_CACHE_FILE_BYTES, readDataText } from './files';
import type { ChangesMode } from '../docx';
import { lintDraftBytes } from './word';

export interface Baseline {
  /** "the baseline file reports/base.json", "git ref origin/main". */
  describe: string;
  /** The baseline's messages for a draft, or why there are none to compare with. */
  messagesFor(filePath: string, engine: EngineOptions): { ok: true; messages: LintMessage[] } | { ok: false; error: string };
}

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter(Boolean);
}

function commonTail(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function fileBaseline(path: string, display: string): { ok: true; baseline: Baseline } | { ok: false; error: string } {
  const read = readDataText(path, MAX_CACHE_FILE_BYTES);
  if ('error' in read) return { ok: false, error: `baseline file ${display} ${read.error}` };
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (error) {
    return { ok: false, error: `baseline file ${display} is not JSON (${(error as Error).message}); give a previous --format json output or a git ref` };
  }
  if (!Array.isArray(data)) return { ok: false, error: `baseline file ${display} is not a mandate-lint --format json output (an array of {filePath, messages})` };
  // Every entry as the JSON format writes it: a hand-edited file fails here, once, not in the formatters.
  for (const [i, entry] of data.entries()) {
    const problem = fileResultProblem(entry);
    if (problem) return { ok: false, error: `baseline file ${display} is not a mandate-lint --format json output: entry ${i + 1}: ${problem}` };
  }
  const entries = data as FileResult[];
  return {
    ok: true,
    baseline: {
      describe: `the baseline file ${display}`,
      messagesFor(filePath) {
        const exact = entries.find((e) => e.filePath === filePath);
        if (exact) return { ok: true, messages: exact.messages };
        const mine = segments(filePath);
        let best: FileResult | undefined;
        let bestTail = 0;
        for (const e of entries) {
          const tail = commonTail(mine, segments(e.filePath));
          if (tail > bestTail) {
            best = e;
            bestTail = tail;
          }
        }
        return { ok: true, messages: best?.messages ?? [] };
      },
    },
  };
}

function git(args: string[], cwd: string): { status: number | null; stdout: Buffer; stderr: string; error?: Error } {
  const run = spawnSync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } });
  return { status: run.status, stdout: run.stdout ?? Buffer.alloc(0), stderr: run.stderr?.toString('utf8') ?? '', error: run.error };
}

function gitBaseline(ref: string, cwd: string, docxChanges?: ChangesMode): { ok: true; baseline: Baseline } | { ok: false; error: string } {
  if (!/^[^\s\-:][^\s:]*$/.test(ref)) return { ok: false, error: `--baseline "${ref}" is neither a file nor a git ref` };
  const verify = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (verify.error) return { ok: false, error: `--baseline ${ref}: no such file, and git could not be run (${verify.error.message})` };
  if (verify.status !== 0) return { ok: false, error: `--baseline ${ref}: no such file, and not a git ref of the repository here` };
  const commit = verify.stdout.toString('utf8').trim();
  return {
    ok: true,
    baseline: {
      describe: `git ref ${ref}`,
      messagesFor(filePath, engine) {
        const shown = git(['show', `${commit}:./${basename(filePath)}`], dirname(filePath));
        if (shown.status !== 0) {
          // The draft is new since the ref (or outside the repository): nothing to hold against it.
          if (/does not exist|exists on disk, but not in|not in the working tree|outside repository|not a git repository/i.test(shown.stderr)) return { ok: true, messages: [] };
          return { ok: false, error: `git show ${ref}:${basename(filePath)} failed: ${shown.stderr.trim().split('\n')[0]}` };
        }
        // Read as the draft is read now: a Word document through the Word reader (with the same tracked changes
        // shown), anything else decoded as text.
        const { result, file } = lintDraftBytes(filePath, { ok: true, bytes: shown.stdout }, engine, docxChanges);
        if (!result) return { ok: true, messages: [] };
        return { ok: true, messages: file.messages };
      },
    },
  };
}

/** A file if one exists at `spec`, else a git ref (whose Word drafts are read with `docxChanges`, as the run reads them). */
export function loadBaseline(spec: string, cwd: string, docxChanges?: ChangesMode): { ok: true; baseline: Baseline } | { ok: false; error: string } {
  const path = resolve(cwd, spec);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) return { ok: false, error: `--baseline ${spec} is a directory; give a previous --format json output or a git ref` };
    return fileBaseline(path, spec);
  }
  return gitBaseline(spec, cwd, docxChanges);
}

export interface BaselineOutcome {
  /** Each file with its findings marked new, unchanged or updated; messages that are not findings are kept. */
  results: FileResult[];
  /** Baseline findings gone from each file (SARIF "absent"), in the file's results order. */
  absent: Map<string, LintMessage[]>;
  counts: Record<BaselineState, number>;
  errors: string[];
}

export function applyBaseline(results: readonly FileResult[], baseline: Baseline, engine: EngineOptions): BaselineOutcome {
  const counts: Record<BaselineState, number> = { new: 0, unchanged: 0, updated: 0, absent: 0 };
  const absent = new Map<string, LintMessage[]>();
  const errors: string[] = [];
  const out = results.map((file) => {
    if (file.fatalErrorCount) return file;
    const base = baseline.messagesFor(file.filePath, engine);
    if (!base.ok) {
      errors.push(`${file.filePath}: ${base.error}`);
      return file;
    }
    const current = file.messages.filter((m) => m.ruleId);
    const previous = base.messages.filter((m) => m.ruleId);
    const matched = matchFindings(current, previous);
    const states = new Map(current.map((m, i) => [m, matched.current[i].state]));
    const messages = file.messages.map((m) => {
      const state = states.get(m);
      if (!state) return m;
      counts[state]++;
      return { ...m, baselineState: state };
    });
    const gone = matched.absent.map((k) => ({ ...previous[k], baselineState: 'absent' as const }));
    counts.absent += gone.length;
    if (gone.length) absent.set(file.filePath, gone);
    return { ...file, messages, ...countMessages(messages) };
  });
  return { results: out, absent, counts, errors };
}

/** Only what is not in the baseline: what the terminal formats show and the exit code counts. */
export function newOnly(results: readonly FileResult[]): FileResult[] {
  return results.map((file) => {
    const messages = file.messages.filter((m) => !m.ruleId || m.baselineState === undefined || m.baselineState === 'new');
    return { ...file, messages, ...countMessages(messages) };
  });
}

/** For SARIF: every finding with its state, and the baseline's findings that went, marked absent. */
export function withAbsent(outcome: BaselineOutcome): FileResult[] {
  return outcome.results.map((file) => ({ ...file, messages: [...file.messages, ...(outcome.absent.get(file.filePath) ?? [])] }));
}

