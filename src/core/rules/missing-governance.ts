/**
 * Reform content (strategies, restructuring, integration, new bodies) with no governance language, and SSR
 * documents with no governance language anywhere (review, lessons 4, 5 and 9; SG report, recommendation 1).
 */
import { conductHits, governanceHits, hitsOf, holdsWithReferences, inPastNarrative, inProcessClause, measured, policyNamedOnly, referredBack, reformActions, setOutInThePaper, type AnalyzedUnit, type DocType } from '../analysis';
import type { Hit } from '../facts';
import { describeOptions, LEVEL_OPTIONS, optionsSchema } from './options';
import type { Rule, RuleContext } from './types';

const OPTIONS = optionsSchema({ ...LEVEL_OPTIONS });

/**
 * Paragraphs whose subject is women's participation are judged for gender, not governance. The gender phrase
 * leads only when it ends before the reform words: in "the gender composition of the forces" it is the reform.
 */
function participationLed(u: AnalyzedUnit, reform: Hit): boolean {
  return hitsOf(u, 'gender').some((h) => h.end <= reform.start && h.clause === reform.clause && h.role === 'core');
}

/**
 * Reform the unit names without enacting it: inside a process clause, in a strategy's history ("Between 2014 and
 * 2019, the army was reorganized"), as what a benchmark or report measures, pointed back to ("this
 * restructuring") or to where the paper sets it out ("the reform agenda set out in this Strategy"), or, in a
 * strategy, as a policy paper it names without making ("a step towards the National Security Strategy").
 */
function namedOnly(u: AnalyzedUnit, h: Hit, docType: DocType): boolean {
  return inProcessClause(u, h) || inPastNarrative(u, h) || measured(u, h) || referredBack(h) || setOutInThePaper(u, h) || policyNamedOnly(u, h, docType);
}

/**
 * Reform content the unit enacts or asks for: integration, restructuring, a strategy, new bodies. Not a plan it
 * only refers to ("in line with the national security policy"), nor reform named inside a process clause
 * (coordinating support, reporting on progress, aligning funding, referring a matter) or as what a benchmark
 * or report measures.
 */
function reformContent(u: AnalyzedUnit, docType: DocType): { hit: Hit; integration: boolean } | undefined {
  const integration = hitsOf(u, 'integration').find((h) => !h.negated && h.role !== 'frame' && !namedOnly(u, h, docType));
  if (integration) return { hit: integration, integration: true };
  // An agreement is judged at the provisions that create, restructure, size or compose forces; its chapeau
  // and its references back to "the reform" are not new reform content.
  const candidates = docType === 'peace-agreement' ? hitsOf(u, 'force-structure').filter((h) => !h.negated && h.role !== 'frame' && h.role !== 'name') : reformActions(u);
  const action = candidates.find((h) => !namedOnly(u, h, docType) && !participationLed(u, h));
  if (action) return { hit: action, integration: false };
  // "support to security sector reform" names the field: reform content only when the unit asks for it or
  // provides it and nothing in it is a process ("SSR remains one of the mission's objectives" describes).
  const name = hitsOf(u, 'ssr-name').find((h) => h.role === 'core' && !h.missionOwn && !namedOnly(u, h, docType) && !participationLed(u, h));
  // Asked of someone, provided, or called for with nobody named ("underlined the need for further reform of the
  // security sector"): the Council's call is on the State whose sector it is.
  const asked = u.reading.asks !== 'none' || u.facts.reading.clauses.some((c) => c.act === 'provide' || c.act === 'task' || (c.act === 'call' && !c.addressees.length));
  if (name && asked && docType !== 'peace-agreement' && !hitsOf(u, 'process').some((p) => p.role === 'core')) return { hit: name, integration: false };
  return undefined;
}

export const missingGovernance: Rule = {
  id: 'missing-governance',
  title: 'Reform without governance language',
  defaultSeverity: 'error',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L4', 'IR-L5', 'IR-L9', 'SG-R1'],
  levels: ['paragraph', 'document'],
  docs: {
    summary: 'SSR reform content (a strategy, restructuring, integration, new bodies) that says nothing about oversight, accountability, vetting, human rights or the rule of law.',
    finds:
      'reform content (a strategy, restructuring, integration of ex-combatants, new bodies) with no oversight, accountability, vetting or rule-of-law language; a draft with none anywhere',
    goodPractice:
      'Name the governance outcome the reform serves: civilian and parliamentary oversight, vetting and merit-based recruitment, internal discipline and accountability for violations, transparent budgeting, independence of the judiciary.',
    options: describeOptions(OPTIONS),
  },
  options: OPTIONS,
  check(context: RuleContext) {
    const { analysis } = context;
    // A capability-only paragraph is train-and-equip drift: the registry makes this rule yield to it there.
    for (const u of context.judgedUnits()) {
      if (u.reading.analysis) continue; // a strategy's analysis describes; its plans are judged
      const content = reformContent(u, analysis.docType);
      if (!content) continue;
      if (holdsWithReferences(u, (x) => governanceHits(x).length > 0 || conductHits(x).length > 0)) continue;
      const { hit: reform, integration } = content;
      const phrase = context.quote(u, reform);
      context.report({
        level: 'paragraph',
        unit: u,
        hit: reform,
        found: integration
          ? `Provides for the integration of former fighters into the forces ("${phrase}").`
          : `Sets out reform of security or justice institutions ("${phrase}").`,
        missing: integration
          ? hitsOf(u, 'integration-safeguard').some((h) => !h.negated)
            ? 'Beyond selection criteria, it names no vetting, oversight or law governing those integrated.'
            : 'It names no vetting, merit-based selection or civilian oversight for those integrated.'
          : 'It names no oversight, accountability, vetting or rule-of-law safeguard.',
        why: integration
          ? 'Integration without vetting locks abusers and patronage into the forces and makes later reform harder'
          : 'Reform that leaves out governance rebuilds forces without making them answerable',
        lessons: integration ? ['IR-L8', 'IR-L9', 'SG-R18'] : undefined,
        // Two clauses that answer this gap: the vetting clause speaks of integrating former combatants and fits
        // nothing else ("training is combined with overseas training, on the basis of individual vetting").
        fixes: (integration ? ['vetting-integration', 'civilian-oversight'] : ['civilian-oversight', 'inspectorate']).map((snippet) => ({ snippet, afterUnit: u.unit.id })),
      });
    }

    const ssrUnits = analysis.units.filter((u) => u.ssr);
    if (!ssrUnits.length) return;
    const anyGovernance = analysis.units.some(
      (u) => u.unit.kind !== 'title' && u.unit.kind !== 'heading' && (governanceHits(u).length > 0 || conductHits(u).length > 0),
    );
    if (anyGovernance) return;
    context.report({
      level: 'document',
      found: `The draft has SSR content (${ssrUnits.length} paragraph${ssrUnits.length === 1 ? '' : 's'}) but no governance language anywhere.`,
      missing: 'Nothing on oversight, accountability, vetting, human rights or the rule of law appears outside cited titles and headings.',
      why: 'Without governance the draft treats SSR as building capacity rather than accountable institutions',
      evidence: ssrUnits.slice(0, 20).map((unit) => ({ unit, message: 'SSR paragraph with no governance language' })),
    });
  },
};
