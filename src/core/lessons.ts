/** The lessons index (data/lessons.json) and how messages cite lessons in plain words. */
import data from '../../data/lessons.json';

export interface Lesson {
  id: string;
  label: string;
  title: string;
  summary: string;
}

const LESSONS = new Map<string, Lesson>(data.lessons.map((l) => [l.id, l]));

export function getLesson(id: string): Lesson | undefined {
  return LESSONS.get(id);
}

export function allLessons(): Lesson[] {
  return [...LESSONS.values()];
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

/**
 * "review, lessons 5, 6, 9 and annex 2; SG report, recommendation 1" from
 * ["IR-L5", "IR-L6", "IR-L9", "IR-A2", "SG-R1"]: parts of one source are merged, numbers of one kind listed.
 */
const citations = new Map<string, string>();

export function citeLessons(ids: string[]): string {
  // A handful of distinct id lists exist (one per rule and clause): format each once.
  const key = ids.join('|');
  const cached = citations.get(key);
  if (cached !== undefined) return cached;
  const cited = formatCitation(ids);
  if (citations.size < 1000) citations.set(key, cited);
  return cited;
}

function formatCitation(ids: string[]): string {
  const sources = new Map<string, Map<string, string[]>>();
  for (const id of ids) {
    const label = LESSONS.get(id)?.label ?? id;
    const m = /^(.*?),\s*(.+)$/.exec(label);
    const source = m ? m[1] : label;
    const part = m ? m[2] : '';
    if (!sources.has(source)) sources.set(source, new Map());
    const kinds = sources.get(source)!;
    const numbered = /^(lesson|recommendation)\s+(.+)$/.exec(part);
    const kind = numbered ? numbered[1] : part;
    if (!kinds.has(kind)) kinds.set(kind, []);
    if (numbered) kinds.get(kind)!.push(numbered[2]);
  }
  return [...sources.entries()]
    .map(([source, kinds]) => {
      const parts = [...kinds.entries()].map(([kind, numbers]) => {
        if (!numbers.length) return kind;
        const list = kinds.size === 1 ? joinList(numbers) : numbers.join(', ');
        return `${kind}${numbers.length > 1 ? 's' : ''} ${list}`;
      });
      const joined = joinList(parts.filter(Boolean));
      return joined ? `${source}, ${joined}` : source;
    })
    .join('; ');
}
