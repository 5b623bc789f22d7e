/**
 * Reads JSON data files (configuration, lexicons, snippet libraries) leniently (comments and trailing commas
 * allowed) and validates them against their JSON Schema, reporting each problem with a line and column.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text';

export interface DataProblem {
  message: string;
  line: number;
  column: number;
}

export interface ParsedData<T> {
  value?: T;
  problems: DataProblem[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // A schema with an $id is compiled once, whichever copy of the object is passed.
    const id = (schema as { $id?: string }).$id;
    validate = (id && ajv.getSchema(id)) || ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function pathSegments(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.replace(/^\//, '').replace(/\//g, '.') : 'top level';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${where}: missing required property "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'propertyNames':
      return `${where}: property name ${JSON.stringify((error.params as { propertyName: string }).propertyName)} is not allowed`;
    default:
      return `${where}: ${error.message ?? 'is not valid'}`;
  }
}

/** Errors of a oneOf/anyOf produce noise from every branch; keep the most specific ones. */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of specific.length ? specific : errors) {
    const key = e.instancePath + '|' + describe(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.slice(0, 20);
}

/** Deeper than any of our schemas needs by far; a parser and a validator that recurse stay well within the stack. */
export const MAX_DATA_NESTING = 100;

/**
 * Where the text's objects and arrays first nest deeper than `max`, or -1: a linear scan that skips strings and
 * comments, so that a 6 KB file of brackets is refused before any parser recurses into it.
 */
export function excessiveNestingAt(text: string, max = MAX_DATA_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: to its closing quote, escapes skipped.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return -1;
}

export function parseAndValidate<T>(text: string, schema: object): ParsedData<T> {
  const lines = new LineIndex(text);
  const tooDeep = excessiveNestingAt(text);
  if (tooDeep >= 0) {
    const pos = lines.positionAt(tooDeep);
    return { problems: [{ message: `objects and arrays nested more than ${MAX_DATA_NESTING} deep: not read`, line: pos.line, column: pos.column }] };
  }
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length || !tree) {
    return {
      problems: (parseErrors.length ? parseErrors : [{ error: 0, offset: 0, length: 0 } as unknown as ParseError]).slice(0, 5).map((e) => {
        const pos = lines.positionAt(e.offset);
        return { message: parseErrors.length ? `invalid JSON: ${printParseErrorCode(e.error)}` : 'empty file', line: pos.line, column: pos.column };
      }),
    };
  }
  const value = nodeValue(tree);
  const validate = validatorFor(schema);
  if (validate(value)) return { value: value as T, problems: [] };
  const problems = pruneErrors(validate.errors ?? []).map((error) => {
    const node: Node | undefined = findNodeAtLocation(tree, pathSegments(error.instancePath)) ?? tree;
    const target = error.keyword === 'additionalProperties' && node?.type === 'object'
      ? node.children?.find((p) => p.children?.[0]?.value === (error.params as { additionalProperty: string }).additionalProperty) ?? node
      : node;
    const pos = lines.positionAt(target?.offset ?? 0);
    return { message: describe(error), line: pos.line, column: pos.column };
  });
  return { problems };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        // An own property whatever the key: "__proto__" assigned would set the object's prototype instead.
        if (key && value) Object.defineProperty(out, String(key.value), { value: nodeValue(value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
