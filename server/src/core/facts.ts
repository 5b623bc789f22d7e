/**
 * Paragraph facts: everything the rules need to know about one unit, computed from the unit's own text and
 * cached by that text. Concept hits carry qualifiers (negated, about the mission itself, a topic of a training
 * course, inside a cited resolution title) so that rules can decide what counts.
 */
import type { CompiledLexicon, RawHit } from './lexicon/lexicon';
import { tokenize, type Token } from './lexicon/tokenize';
import { LruCache } from './text';

export interface Hit extends RawHit {
  negated: boolean;
  missionOwn: boolean;
  /** Inside the list of topics of a training course ("training, including in human rights, ..."). */
  trainingTopic: boolean;
  /** Inside the title of a cited resolution or statement ("resolution 2151 (2014) on security sector reform"). */
  citation: boolean;
  /** Names of the concept's contexts found around the hit (see the lexicon's "contexts"). */
  contexts: string[];
  /** The last word is a possessive ("the Government's"). */
  possessive: boolean;
  /** The word before the hit (normalised), to tell "will benchmark" from "benchmarks". */
  previous: string;
  /** Sentence or clause number within the unit (counted at ; : . and brackets). */
  sentence: number;
}

export interface Deadline {
  start: number;
  end: number;
  text: string;
}

export interface AcronymDefinition {
  acronym: string;
  start: number;
  end: number;
  /** Concept of the phrase the acronym stands for, when a hit ends right before the parenthesis. */
  concept?: string;
}

export interface UnitFacts {
  /** Masked content text the facts were computed from (offsets below are relative to it). */
  length: number;
  tokenCount: number;
  hits: Hit[];
  deadlines: Deadline[];
  acronyms: Array<{ text: string; start: number; end: number }>;
  acronymDefinitions: AcronymDefinition[];
  /** A support verb ("support", "strengthen", "provide") directed at a national institution nearby. */
  supportsInstitution: boolean;
  /**
   * Reads as a planned activity: an imperative or infinitive opening ("Deliver training ...", "To support
   * ..."), an implementer committing itself ("The mission will ..."), or a labelled activity or output.
   * Recommendations ("should", "must") and descriptions of the past are not activities.
   */
  activity: boolean;
  /** Paragraph numbers referred to: "paragraphs 2 to 4" → [2, 3, 4]. */
  paragraphRefs: number[];
}

const MISSION_MODIFIERS = new Set(['military', 'civilian', 'uniformed', 'own', 'formed', 'individual', 'and', 'ageing', 'aging', 'existing', 'new', 'current', 'specialized', 'police', 'air', 'armed', 'staff', 'of']);
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DEADLINE_RE = new RegExp(
  String.raw`\b(?:by|before|no later than|not later than|until|within|ahead of|in time for)\s+(?:the\s+)?(?:end of\s+|first half of\s+|second half of\s+|beginning of\s+)?(?:(?:\d{1,2}\s+)?(?:${MONTHS})\s+\d{4}|\d{4}|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four|\d{1,3})\s+(?:days?|weeks?|months?|years?)|(?:the\s+)?(?:next|current|coming)\s+mandate\s+period)`,
  'gi',
);
const IMPLEMENTER_COMMITS = /(?:^|[.;:!?]\s+)(?:[^,.;:!?]{0,60},\s*)?(?:the mission|this mission|the section|the unit|the office|the team|the component|the programme|the project|we|the united nations|united nations|the un|UN[A-Z]{2,}|MINU[A-Z]+|MONU[A-Z]*|BINU[A-Z]+|UNPOL|the special representative|the SRSG|the country team|the [a-z]+ (?:section|unit|component|team|office))(?:['’]s [a-z]+)?\s+(?:[a-z]+\s+){0,2}?(?:will|shall|is to|are to|plans? to|intends? to|aims? to|commits? to)\b/i;
const ACTIVITY_LABEL = /^\s*(?:Activity|Activities|Output|Action|Task|Step)\s*[\d.]*\s*[:–-]/i;
const IMPERATIVE_START = /^\s*(?:[^,.;:]{0,60},\s*)?(?:Support|Train|Provide|Establish|Develop|Strengthen|Deploy|Conduct|Promote|Facilitate|Ensure|Assist|Advise|Build|Help|Engage|Undertake|Prepare|Review|Create|Design|Mentor|Equip|Deliver|Organize|Organise|Coordinate|Monitor|Assess|Draft|Adopt|Launch|Set up|Introduce|Carry out|Work with|Fund|Finance|Pay|Reform|Restructure|Vet|Recruit|Integrate|Rehabilitate|Construct|Procure|Help|Mentor|Co-locate|Accompany|Strengthen|Raise|Pilot|Expand|Continue|Hold|Convene|Map|Commission|Conduct|Roll out|Sponsor|Deploy|Redeploy)\b(?!\s+(?:to|for|of)\b)/;

let sharedCache = new LruCache<string, UnitFacts>(30000);

export function clearFactsCache(): void {
  sharedCache = new LruCache<string, UnitFacts>(30000);
}

export function factsCacheSize(): number {
  return sharedCache.size;
}

export function computeFacts(text: string, lexicon: CompiledLexicon, cache = true): UnitFacts {
  const key = lexicon.fingerprint + '\u0000' + text;
  if (cache) {
    const cached = sharedCache.get(key);
    if (cached) return cached;
  }
  const facts = computeFactsUncached(text, lexicon);
  if (cache) sharedCache.set(key, facts);
  return facts;
}

function citationSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const anchor = /(?:\b\d{3,4}\s*\(\s*\d{4}\s*\)|\(\s*S\/(?:PRST|RES)\/[^)]{1,40}\)|\bS\/(?:PRST|RES)\/\d{4}\/\d{1,4}(?:\s*\(\d{4}\))?)/g;
  let m: RegExpExecArray | null;
  while ((m = anchor.exec(text))) {
    const after = text.slice(m.index + m[0].length);
    const on = /^\s*,?\s*on\s+/.exec(after);
    if (!on) continue;
    const titleStart = m.index + m[0].length + on[0].length;
    const rest = text.slice(titleStart);
    const stop = /,\s*(?=\d|and\b|as well\b|including\b|the statements?\b|statements?\b|of its\b)|;|\.(?:\s|$)|\s+and\s+(?=of\b|\d|statements?\b|the statements?\b|its\b)|\s+\d{3,4}\s*\(/.exec(rest);
    const titleEnd = titleStart + (stop ? stop.index : rest.length);
    spans.push([titleStart, titleEnd]);
  }
  const titleFirst = /\bon\s+([^()]{1,120}?)\s*\(\s*S\/(?:PRST|RES)\//g;
  while ((m = titleFirst.exec(text))) {
    const start = m.index + m[0].indexOf(m[1]);
    spans.push([start, start + m[1].length]);
  }
  return spans;
}

/** Topics of a training course: "training, including in the area of human rights, ..., to the brigades". */
const NOT_A_TOPIC = new Set(['compliance', 'accordance', 'line', 'strict', 'conformity', 'full', 'close', 'cooperation', 'coordination', 'support', 'partnership', 'consultation', 'order', 'respect', 'particular', 'addition', 'return']);
const LATER_INTRO = new Set(['covering', 'cover', 'covers', 'including']);

function topicIntro(tokens: Token[], t: number): number | undefined {
  const token = tokens[t]?.norm;
  if (token === 'covering' || token === 'about') return t;
  if (token === 'related' && tokens[t + 1]?.norm === 'to') return t;
  if ((token === 'in' || token === 'on') && !NOT_A_TOPIC.has(tokens[t + 1]?.norm ?? '') && !(tokens[t + 1]?.norm === 'the' && NOT_A_TOPIC.has(tokens[t + 2]?.norm ?? ''))) return t;
  return undefined;
}

function trainingTopicSpans(tokens: Token[], trainingHits: RawHit[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const hit of trainingHits) {
    let t = hit.t1;
    if (t < tokens.length && tokens[t].norm === 'including') t++;
    let intro = topicIntro(tokens, t);
    if (intro === undefined) {
      // "training to the battalions bound for the east, covering infantry tactics and human rights"
      for (let look = hit.t1; look < tokens.length && look - hit.t1 < 20; look++) {
        if (look > hit.t1 && tokens[look].breakBefore === 2) break;
        if (LATER_INTRO.has(tokens[look].norm) && tokens[look].breakBefore === 1) {
          const next = tokens[look].norm === 'including' ? topicIntro(tokens, look + 1) : look;
          if (next !== undefined) {
            intro = next;
            break;
          }
        }
      }
    }
    if (intro === undefined) continue;
    const from = intro;
    let to = from;
    while (to < tokens.length && to - from < 40) {
      const token = tokens[to];
      if (to > from && token.breakBefore === 2) break;
      if (to > from + 2 && (token.norm === 'to' || token.norm === 'for')) break;
      if (to > from && token.breakBefore === 1 && token.norm === 'as' && tokens[to + 1]?.norm === 'part') break;
      to++;
    }
    spans.push([tokens[from].start, tokens[Math.max(from, to - 1)].end]);
  }
  return spans;
}

function within(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}

function computeFactsUncached(text: string, lexicon: CompiledLexicon): UnitFacts {
  const tokens = tokenize(text);
  const raw = lexicon.match(text, tokens);
  const byConcept = new Map<string, RawHit[]>();
  for (const hit of raw) {
    let list = byConcept.get(hit.concept);
    if (!list) byConcept.set(hit.concept, (list = []));
    list.push(hit);
  }
  const list = (id: string) => byConcept.get(id) ?? [];

  const sentenceOf: number[] = [];
  let sentence = 0;
  for (let t = 0; t < tokens.length; t++) {
    if (t > 0 && tokens[t].breakBefore === 2) sentence++;
    sentenceOf.push(sentence);
  }
  const citations = citationSpans(text);
  const trainingTopics = trainingTopicSpans(tokens, list('cue-training'));

  // Negation: a cue negates the rest of its clause (up to ten words), unless it is one of the exceptions.
  const exceptions = list('cue-negation-exception');
  const negationScopes: Array<[number, number]> = [];
  for (const cue of list('cue-negation')) {
    if (exceptions.some((x) => x.t0 <= cue.t0 && x.t1 >= cue.t1)) continue;
    let t = cue.t1;
    while (t < tokens.length && t - cue.t1 < 10) {
      const token = tokens[t];
      if (t > cue.t1 && token.breakBefore === 2) break;
      if (t > cue.t1 && token.breakBefore === 1 && /^(and|but|while|which|whereas|so)$/.test(token.norm)) break;
      t++;
    }
    negationScopes.push([cue.t1, t]);
  }

  const missionRefs = list('mission-reference');
  const missionAssets = list('mission-asset');
  const isMissionOwn = (hit: RawHit): boolean => {
    if (missionAssets.some((a) => a.t0 <= hit.t0 && a.t1 >= hit.t1)) return true;
    // "UNSMIX military and police personnel", "the Mission's ageing equipment"
    for (const ref of missionRefs) {
      if (ref.t1 <= hit.t0 && hit.t0 - ref.t1 <= 3) {
        let ok = true;
        for (let t = ref.t1; t < hit.t0; t++) {
          if (tokens[t].breakBefore === 2 || !MISSION_MODIFIERS.has(tokens[t].norm)) ok = false;
        }
        const possessive = /'s$|’s$/.test(tokens[ref.t1 - 1].raw) || /^(?:UN|United)/.test(tokens[ref.t0].raw) || /^[A-Z]{3,}/.test(tokens[ref.t0].raw);
        if (ok && possessive) return true;
      }
      // "personnel of MONUC", "equipment of the Mission"
      if (ref.t0 > hit.t1 - 1 && ref.t0 - hit.t1 <= 2 && tokens[hit.t1]?.norm === 'of') return true;
    }
    return false;
  };

  // "co-locate these experts", "train peacekeepers": capability whose object is the mission's own staff.
  const institutionsRaw = list('security-institution').concat(list('institution-acronym'));
  const aimedAtMission = (h: RawHit): boolean =>
    h.concept === 'capability' &&
    missionAssets.some((a) => a.t0 >= h.t1 && a.t0 - h.t1 <= 4) &&
    !institutionsRaw.some((i) => i.t0 >= h.t1 && i.t0 - h.t1 <= 12 && !isMissionOwn(i));
  const hits: Hit[] = [];
  for (const h of raw) {
    if (h.concept.startsWith('cue-')) continue;
    const info = lexicon.concepts.get(h.concept);
    const negated = !!info?.negatable && negationScopes.some(([a, b]) => h.t0 >= a && h.t0 < b);
    const contexts: string[] = [];
    if (info) {
      for (const [name, spec] of Object.entries(info.contexts)) {
        const found = spec.concepts.some((c) =>
          list(c).some((cue) => cue !== h && !(cue.t0 >= h.t0 && cue.t1 <= h.t1) && (Math.abs(cue.t0 - h.t1) <= spec.window || Math.abs(h.t0 - cue.t1) <= spec.window)),
        );
        if (found) contexts.push(name);
      }
    }
    hits.push({
      ...h,
      negated,
      missionOwn: isMissionOwn(h) || aimedAtMission(h),
      trainingTopic: within(trainingTopics, h.start, h.end),
      citation: within(citations, h.start, h.end),
      contexts,
      possessive: /['’]s$/.test(tokens[h.t1 - 1].raw),
      previous: tokens[h.t0 - 1]?.norm ?? '',
      sentence: sentenceOf[h.t0] ?? 0,
    });
  }

  // Drop institution hits that name international courts.
  const notInstitution = list('not-institution');
  const kept = hits.filter((h) => !(h.concept === 'security-institution' && notInstitution.some((n) => n.start <= h.start && n.end >= h.end)));

  const institutions = kept.filter((h) => (h.concept === 'security-institution' || h.concept === 'institution-acronym') && !h.missionOwn && !h.citation);
  const supportsInstitution = list('support-verb').some((verb) => {
    if (tokens[verb.t0 - 1]?.norm === 'in' && tokens[verb.t1]?.norm === 'of') return false; // "in support of" frames, it does not task
    return institutions.some((inst) => inst.t0 >= verb.t1 && inst.t0 - verb.t1 <= 6 && !tokens.slice(verb.t1, inst.t0 + 1).some((t, i) => i > 0 && t.breakBefore === 2));
  });

  const acronyms: UnitFacts['acronyms'] = [];
  const acronymDefinitions: AcronymDefinition[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!/^[A-Z][A-Za-z]{1,7}$/.test(token.raw) || !/[A-Z].*[A-Z]/.test(token.raw)) continue;
    acronyms.push({ text: token.raw, start: token.start, end: token.end });
    const before = text.slice(tokens[i - 1]?.end ?? 0, token.start);
    const after = text.slice(token.end, tokens[i + 1]?.start ?? text.length);
    if (/\(\s*$/.test(before) && /^\s*\)/.test(after) && i > 0) {
      const defined = kept.find((h) => h.t1 === i && (h.concept === 'security-institution' || h.concept === 'mission-reference' || h.concept === 'mission-asset'));
      // "United Nations Police (UNPOL)" defines a mission acronym, not one for national forces.
      const concept = defined && defined.concept === 'security-institution' && defined.missionOwn ? 'mission-asset' : defined?.concept;
      acronymDefinitions.push({ acronym: token.raw, start: token.start, end: token.end, concept });
    }
  }

  const deadlines: Deadline[] = [];
  DEADLINE_RE.lastIndex = 0;
  let d: RegExpExecArray | null;
  while ((d = DEADLINE_RE.exec(text))) deadlines.push({ start: d.index, end: d.index + d[0].length, text: d[0] });

  const paragraphRefs: number[] = [];
  const refRe = /\bparagraphs?\s+(\d{1,3})(?:\s*(?:\([a-z]+\))?\s*(?:to|and|-|–|through)\s*(\d{1,3}))?/gi;
  let r: RegExpExecArray | null;
  while ((r = refRe.exec(text))) {
    const from = Number(r[1]);
    const to = r[2] ? Number(r[2]) : from;
    for (let n = from; n <= Math.min(to, from + 50); n++) paragraphRefs.push(n);
  }

  return {
    length: text.length,
    tokenCount: tokens.length,
    hits: kept,
    deadlines,
    acronyms,
    acronymDefinitions,
    supportsInstitution,
    activity: IMPLEMENTER_COMMITS.test(text) || IMPERATIVE_START.test(text) || ACTIVITY_LABEL.test(text) || /^\s*(?:will|shall)\b/i.test(text),
    paragraphRefs,
  };
}
