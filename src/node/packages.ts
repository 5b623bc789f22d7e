/**
 * Finds team packages installed with npm (shared configurations and snippet libraries) and reads their data.
 * Nothing in a package is ever executed: we read package.json and the JSON files it names, nothing else.
 *
 * A package declares what it offers in package.json:
 *   "mandateLint": { "config": "config.json", "snippets": ["snippets/clauses.json"] }
 * Without that field, ".mandatelintrc.json" at the package root is its configuration and "snippets/*.json"
 * its libraries.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MAX_MANIFEST_BYTES, readDataText } from './files';

export interface TeamPackage {
  name: string;
  dir: string;
  version?: string;
  config?: string;
  snippets: string[];
}

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/** A reference is a package name when it is not a path: "@team/config" or "team-config", not "./x.json". */
export function isPackageReference(reference: string): boolean {
  return PACKAGE_NAME.test(reference) && !reference.endsWith('.json') && !reference.startsWith('.');
}

/** Resolves a package the way Node does for node_modules, from a folder upward; data only. */
export function findPackage(name: string, fromDir: string): { package?: TeamPackage; error?: string } {
  if (!PACKAGE_NAME.test(name)) return { error: `"${name}" is not a package name` };
  let dir = resolve(fromDir);
  for (let guard = 0; guard < 100; guard++) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    const manifest = join(candidate, 'package.json');
    if (existsSync(manifest)) return readPackage(name, candidate, manifest);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { error: `package "${name}" is not installed (looked for node_modules/${name} from ${fromDir} upward; run npm install ${name})` };
}

function readPackage(name: string, dir: string, manifest: string): { package?: TeamPackage; error?: string } {
  let json: { name?: string; version?: string; mandateLint?: { config?: unknown; snippets?: unknown } };
  const read = readDataText(manifest, MAX_MANIFEST_BYTES);
  if (!('text' in read)) return { error: `package "${name}": package.json ${read.error}` };
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    return { error: `package "${name}": cannot read package.json (${(error as Error).message})` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { error: `package "${name}": its package.json is not an object` };
  const field = json.mandateLint && typeof json.mandateLint === 'object' ? json.mandateLint : {};
  // A field given but unusable is said as such, not taken for a package without one; a package may only point at
  // its own files (isInside: path.relative, so that this holds on Windows too).
  if (field.config !== undefined && (typeof field.config !== 'string' || !field.config)) return { error: `package "${name}": "mandateLint.config" in its package.json is not a file name` };
  const given = field.config === undefined ? undefined : resolve(dir, field.config as string);
  if (given !== undefined && !isInside(dir, given)) return { error: `package "${name}": "mandateLint.config" points outside the package (${(field.config as string).slice(0, 200)})` };
  if (field.snippets !== undefined && !(Array.isArray(field.snippets) && field.snippets.every((f) => typeof f === 'string' && f))) return { error: `package "${name}": "mandateLint.snippets" in its package.json is not a list of file names` };
  const listed = field.snippets === undefined ? undefined : (field.snippets as string[]);
  const outside = listed?.find((f) => !isInside(dir, resolve(dir, f)));
  if (outside !== undefined) return { error: `package "${name}": "mandateLint.snippets" points outside the package (${outside.slice(0, 200)})` };
  const config = given ?? ['.mandatelintrc.json', 'mandate-lint.json'].map((candidate) => join(dir, candidate)).filter((file) => existsSync(file)).pop();
  const snippets = listed ? listed.map((f) => resolve(dir, f)) : jsonFilesIn(join(dir, 'snippets'));
  return { package: { name, dir, version: typeof json.version === 'string' ? json.version : undefined, config, snippets } };
}

/** Whether `path` is `dir` or lies inside it, on any platform (`paths` is for tests: node:path's win32 or posix). */
export function isInside(dir: string, path: string, paths: typeof nodePath.posix = nodePath): boolean {
  const rel = paths.relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + paths.sep) && !paths.isAbsolute(rel));
}

/** The .json files of a folder, sorted by name (so the load order is stable). */
export function jsonFilesIn(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function resolveDataPath(reference: string, baseDir: string): string {
  return isAbsolute(reference) ? reference : resolve(baseDir, reference);
}
