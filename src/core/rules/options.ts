/**
 * Rule options: each rule that takes options exports a JSON schema for them with the rule (`rule.options`).
 * Configuration loading validates what a `.mandatelintrc.json` sets against it (src/node/config.ts reports the
 * problems with file and line); lint.ts completes the options with the schema's defaults before the rule runs,
 * leaving out values the schema refuses, so that a rule always reads valid options.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { OptionSchema, Rule, RuleOptions, RuleOptionsSchema } from './types';

/**
 * The options of rules that report both paragraph and document findings. lint.ts applies them when it places
 * the findings, so the rules themselves never read them.
 */
export const LEVEL_OPTIONS = {
  paragraphs: { type: 'boolean', default: true, description: 'Report findings on single paragraphs; false keeps only the document-level check.' },
  document: { type: 'boolean', default: true, description: 'Report the document-level finding; false keeps only the paragraph findings.' },
  paragraphSeverity: {
    type: 'string',
    enum: ['error', 'warning', 'info'],
    description: "Severity of the findings on single paragraphs when it differs from the rule's (the document finding keeps the rule's severity).",
  },
} as const satisfies Record<string, OptionSchema>;

/** The schema of a rule's options: these properties and no others. */
export function optionsSchema(properties: Record<string, OptionSchema>): RuleOptionsSchema {
  return { type: 'object', properties, additionalProperties: false };
}

/** The schema of a rule that takes no options: one object, so that its compiled validator is reused. */
const NO_OPTIONS = optionsSchema({});

/** The options a schema declares, documented for the rule's `docs`: what each does, and its default. */
export function describeOptions(schema: RuleOptionsSchema): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, option] of Object.entries(schema.properties)) {
    const values = option.enum ? ` One of ${option.enum.map((v) => JSON.stringify(v)).join(', ')}.` : '';
    const bounds = [option.minimum !== undefined ? `at least ${option.minimum}` : '', option.maximum !== undefined ? `at most ${option.maximum}` : ''].filter(Boolean).join(' and ');
    const kind = option.type === 'integer' ? 'A whole number' : option.type === 'number' ? 'A number' : '';
    const range = kind ? ` ${kind}${bounds ? `, ${bounds}` : ''}.` : '';
    const fallback = option.default !== undefined ? ` Default: ${JSON.stringify(option.default)}.` : '';
    out[name] = `${option.description}${values}${range}${fallback}`;
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<RuleOptionsSchema, ValidateFunction>();

function validatorFor(schema: RuleOptionsSchema): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

export interface OptionProblem {
  /** Where in the options object: [] for the object itself, [name] for one option. */
  path: string[];
  message: string;
}

function describeError(rule: Rule, error: ErrorObject): OptionProblem {
  const name = error.instancePath.split('/').filter(Boolean)[0];
  const known = Object.keys(rule.options?.properties ?? {});
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = (error.params as { additionalProperty: string }).additionalProperty;
      return { path: [unknown], message: `rule "${rule.id}" has no option "${unknown}" (${known.length ? `its options: ${known.join(', ')}` : 'it takes no options'})` };
    }
    case 'enum':
      return { path: [name], message: `rule "${rule.id}", option "${name}": must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return name
        ? { path: [name], message: `rule "${rule.id}", option "${name}": must be ${(error.params as { type: string }).type === 'integer' ? 'a whole number' : `a ${(error.params as { type: string }).type}`}` }
        : { path: [], message: `rule "${rule.id}": options must be an object` };
    default:
      return { path: name ? [name] : [], message: `rule "${rule.id}"${name ? `, option "${name}"` : ''}: ${error.message ?? 'is not valid'}` };
  }
}

/** What is wrong with options configured for a rule, each problem with the option it is about. */
export function optionProblems(rule: Rule, options: unknown): OptionProblem[] {
  const schema = rule.options ?? NO_OPTIONS;
  const validate = validatorFor(schema);
  if (validate(options)) return [];
  return (validate.errors ?? []).map((e) => describeError(rule, e));
}

/**
 * The options a rule runs with: the configured values its schema accepts, and the schema's defaults for the
 * rest. Options the schema does not know, or values it refuses, are left out (configuration loading reports them).
 */
export function resolveOptions(rule: Rule, configured: RuleOptions): RuleOptions {
  const properties = rule.options?.properties ?? {};
  const out: RuleOptions = {};
  const refused = new Set<string>();
  const schema = rule.options ?? NO_OPTIONS;
  if (Object.keys(configured).length && !validatorFor(schema)(configured)) {
    for (const problem of optionProblems(rule, configured)) if (problem.path.length) refused.add(problem.path[0]);
  }
  for (const [name, option] of Object.entries(properties)) {
    if (Object.prototype.hasOwnProperty.call(configured, name) && !refused.has(name) && configured[name] !== undefined) out[name] = configured[name];
    else if (option.default !== undefined) out[name] = option.default;
  }
  return out;
}
