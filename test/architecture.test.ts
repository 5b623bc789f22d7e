/**
 * The import graph of src/ and client/: no circles, a pure core (nothing in src/core imports Node, VS Code, the
 * language-server libraries or the adapters around it), and rules that never import one another (precedence
 * between rules is declared in src/core/rules/registry.ts).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..');
const ROOTS = ['src', 'client'];

interface Edge {
  /** The specifier as written. */
  specifier: string;
  /** Repository-relative path of the file it resolves to, for relative specifiers. */
  target?: string;
  line: number;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Blanks out comments and the contents of template literals so that only real statements are read. */
function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') (out += ' '), i++;
    } else if (c === '/' && next === '*') {
      while (i < source.length && !(source[i] === '*' && source[i + 1] === '/')) (out += source[i] === '\n' ? '\n' : ' '), i++;
      out += '  ';
      i += 2;
    } else if (c === "'" || c === '"') {
      // Keep string literals: import specifiers are strings.
      out += c;
      i++;
      while (i < source.length && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') (out += source[i]), i++;
        out += source[i] ?? '';
        i++;
      }
      if (i < source.length) (out += source[i]), i++;
    } else if (c === '`') {
      out += ' ';
      i++;
      while (i < source.length && source[i] !== '`') {
        if (source[i] === '\\') (out += ' '), i++;
        out += source[i] === '\n' ? '\n' : ' ';
        i++;
      }
      out += ' ';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const BARE_IMPORT = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate).split(sep).join('/');
  }
  return undefined;
}

function importsOf(file: string): Edge[] {
  const source = stripComments(readFileSync(file, 'utf8'));
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  const edges: Edge[] = [];
  // Type-only imports count too: a circle of types is still a circle of modules that know each other.
  const add = (specifier: string, index: number) => {
    const target = specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined;
    edges.push({ specifier, target, line: lineAt(index) });
  };
  for (const m of source.matchAll(STATIC_IMPORT)) add(m[2], m.index ?? 0);
  for (const m of source.matchAll(BARE_IMPORT)) add(m[1], m.index ?? 0);
  for (const m of source.matchAll(DYNAMIC_IMPORT)) add(m[1], m.index ?? 0);
  return edges;
}

function buildGraph(): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  for (const root of ROOTS) {
    for (const file of walk(join(ROOT, root))) graph.set(relative(ROOT, file).split(sep).join('/'), importsOf(file));
  }
  return graph;
}

/** Circles found by a depth-first search (at least one for every strongly connected tangle), as the files around each. */
function findCycles(graph: Map<string, Edge[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const edge of graph.get(file) ?? []) {
      const next = edge.target;
      if (!next || !graph.has(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

const FORBIDDEN_IN_CORE = [/^node:/, /^(fs|path|os|child_process|url|util|crypto|module|worker_threads)(\/|$)/, /^vscode$/, /^vscode-languageserver/, /^vscode-languageclient/];
const ADAPTERS = ['src/node/', 'src/cli/', 'src/lsp/', 'client/'];
const RULE_SUPPORT = new Set(['src/core/rules/types.ts', 'src/core/rules/helpers.ts', 'src/core/rules/registry.ts', 'src/core/rules/options.ts']);
const isRuleModule = (file: string) => file.startsWith('src/core/rules/') && !RULE_SUPPORT.has(file);

describe('architecture: the import graph', () => {
  const graph = buildGraph();

  it('reads the sources', () => {
    assert.ok(graph.size > 40, `only ${graph.size} files found`);
    assert.ok(graph.has('src/core/lint.ts'));
    // The parser sees the imports it should.
    const lint = graph.get('src/core/lint.ts')!;
    assert.ok(lint.some((e) => e.target === 'src/core/rules/registry.ts'));
    for (const [file, edges] of graph) {
      for (const e of edges) if (e.specifier.startsWith('.') && !e.specifier.endsWith('.json')) assert.ok(e.target, `${file}:${e.line}: cannot resolve ${e.specifier}`);
    }
  });

  it('finds a circle when there is one (the search itself)', () => {
    const edge = (target: string): Edge => ({ specifier: target, target, line: 1 });
    const planted = new Map<string, Edge[]>([
      ['a.ts', [edge('b.ts')]],
      ['b.ts', [edge('c.ts'), edge('d.ts')]],
      ['c.ts', [edge('a.ts')]],
      ['d.ts', []],
    ]);
    assert.deepEqual(findCycles(planted), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    assert.deepEqual(findCycles(new Map([['a.ts', [edge('b.ts')]], ['b.ts', []]])), []);
  });

  it('has no circles (type-only imports included)', () => {
    const cycles = findCycles(graph);
    assert.deepEqual(cycles.map((c) => c.join(' → ')), []);
  });

  it('keeps src/core pure: no Node, VS Code or language-server imports, nothing from the adapters', () => {
    const problems: string[] = [];
    for (const [file, edges] of graph) {
      if (!file.startsWith('src/core/')) continue;
      for (const e of edges) {
        if (FORBIDDEN_IN_CORE.some((p) => p.test(e.specifier))) problems.push(`${file}:${e.line} imports ${e.specifier}`);
        if (e.target && ADAPTERS.some((a) => e.target!.startsWith(a))) problems.push(`${file}:${e.line} imports ${e.target}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has no rule module importing another rule module', () => {
    const problems: string[] = [];
    for (const [file, edges] of graph) {
      if (!isRuleModule(file)) continue;
      for (const e of edges) if (e.target && isRuleModule(e.target)) problems.push(`${file}:${e.line} imports ${e.target}`);
    }
    assert.deepEqual(problems, []);
  });
});
