/**
 * SSR content with no gender-responsive language, paragraph by paragraph and for the document; women named only
 * as victims or as head-counts in uniform do not count (review, lesson 2 and Box 1 (e); SG report,
 * recommendations 17 and 18).
 */
import { aboutMissionOnly, genderReading, type AnalyzedUnit, type GenderReading } from '../analysis';
import { describeOptions, LEVEL_OPTIONS, optionsSchema } from './options';
import type { Rule, RuleContext } from './types';

const OPTIONS = optionsSchema({ ...LEVEL_OPTIONS });

const MISSING: Record<Exclude<GenderReading, 'responsive'>, string> = {
  none: "It says nothing about women's participation, gender-responsive reform or sexual violence by the forces.",
  'victims-only': 'Women appear only as victims, not as participants or decision-makers in the security sector.',
  'headcount-only': 'Women appear only as numbers in uniform, with no measure on the barriers they face or their say in decisions.',
};

function describeSubject(context: RuleContext, u: AnalyzedUnit): string {
  // "Urges the authorities to hold those responsible accountable": name what it refers back to, not a stray word.
  const back = u.facts.reading.backReference;
  if (u.reading.ssrBasis === 'back-reference' && back) {
    return `Refers back to the security sector paragraph before it ("${context.quote(u, back)}").`;
  }
  const evidence = u.ssrEvidence;
  if (!evidence) return 'Deals with security sector reform.';
  const phrase = context.quote(u, evidence);
  if (evidence.concept === 'ssr-explicit' || evidence.concept === 'ssr-name') return `Deals with security sector reform ("${phrase}").`;
  if (evidence.concept === 'integration') return `Deals with integrating former fighters into the forces ("${phrase}").`;
  // A plan, objective or process of an SSR strategy need not name an institution ("Priority goes to ...").
  if (u.reading.ssrBasis === 'strategy') return `Plans part of a security sector reform strategy ("${phrase}").`;
  return `Deals with national security or justice institutions ("${phrase}").`;
}

export const missingGender: Rule = {
  id: 'missing-gender',
  title: 'SSR content without gender-responsive language',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L2', 'IR-B1e', 'SG-R17', 'SG-R18'],
  levels: ['paragraph', 'document'],
  docs: {
    summary: "SSR content that says nothing about women's participation or gender-responsive reform, or mentions women only as victims or as head-counts.",
    finds: 'SSR content with no gender-responsive language, or with women only as victims or head-counts in uniform',
    goodPractice:
      "Give women a role in the task itself: their full, equal and meaningful participation in security decision-making, barrier assessments on recruitment and promotion, vetting and accountability for sexual and gender-based violence by the forces, data disaggregated by sex.",
    options: describeOptions(OPTIONS),
  },
  options: OPTIONS,
  check(context: RuleContext) {
    const { analysis } = context;
    for (const u of context.judgedUnits()) {
      const { reading } = genderReading(u);
      if (reading === 'responsive' || u.referencedBy.some((r) => genderReading(r).reading === 'responsive')) continue;
      // On the opening verb (where lint.ts places a finding with no hit), else on what made the unit SSR content.
      context.report({
        level: 'paragraph',
        unit: u,
        hit: u.unit.opener ? undefined : u.ssrEvidence,
        found: describeSubject(context, u),
        missing: MISSING[reading],
        why: 'Gender treated as an add-on leaves half the population out of security reform',
        fixes: [{ snippet: 'women-participation', afterUnit: u.unit.id }],
      });
    }

    const ssrUnits = analysis.units.filter((u) => u.ssr);
    if (!ssrUnits.length) return;
    // Gender parity among the mission's own contingents is not gender-responsive SSR.
    const counted = analysis.units.filter((u) => u.unit.kind !== 'title' && u.unit.kind !== 'heading' && !aboutMissionOnly(u));
    const readings = counted.map((u) => genderReading(u));
    if (readings.some((r) => r.reading === 'responsive')) return;
    const reading: Exclude<GenderReading, 'responsive'> = readings.some((r) => r.reading === 'victims-only')
      ? 'victims-only'
      : readings.some((r) => r.reading === 'headcount-only')
        ? 'headcount-only'
        : 'none';
    context.report({
      level: 'document',
      found: `The draft has SSR content (${ssrUnits.length} paragraph${ssrUnits.length === 1 ? '' : 's'}) and no gender-responsive language anywhere.`,
      missing: MISSING[reading],
      why: 'Security institutions reformed without women shaping them stay closed to half the population they serve',
      evidence: readings
        .map((r, i) => ({ r, u: counted[i] }))
        .filter(({ r }) => r.evidence)
        .slice(0, 10)
        .map(({ r, u }) => ({ unit: u, hit: r.evidence, message: r.reading === 'victims-only' ? 'women as victims' : 'women as head-counts' })),
    });
  },
};
