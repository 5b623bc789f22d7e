/**
 * Built and run by scripts/build-web.mjs at build time only: every JSON Schema the shared code validates with at
 * run time (configuration, lexicons, snippet libraries, each rule's options). The web builds get them compiled
 * ahead of time (Ajv's standalone code), since the review page's Content-Security-Policy forbids the code
 * generation Ajv does at run time.
 */
import configSchema from '../../schemas/mandatelintrc.schema.json';
import lexiconSchema from '../../schemas/lexicon.schema.json';
import snippetSchema from '../../schemas/snippets.schema.json';
import { optionsSchema } from '../core/rules/options';
import { RULES } from '../core/rules/registry';

declare const out: { schemas: object[] };

out.schemas = [configSchema, lexiconSchema, snippetSchema, optionsSchema({}), ...RULES.flatMap((r) => (r.options ? [r.options] : []))];
