/** The lessons index (server/lexicon/lessons.json) and how messages cite lessons in plain words. */
import data from '../../lexicon/lessons.json';

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
 * "review, lessons 5, 6 and 9; SG report, recommendation 1" from ["IR-L5", "IR-L6", "IR-L9", "SG-R1"].
 * Labels that share a source and a kind are merged.
 */
export function citeLessons(ids: string[]): string {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const id of ids) {
    const label = LESSONS.get(id)?.label ?? id;
    const m = /^(.*?),\s*(lesson|recommendation)\s+(.+)$/.exec(label);
    const key = m ? `${m[1]}|${m[2]}` : label;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    if (m) groups.get(key)!.push(m[3]);
  }
  return order
    .map((key) => {
      const [source, kind] = key.split('|');
      const numbers = groups.get(key)!;
      if (!kind) return source;
      return `${source}, ${kind}${numbers.length > 1 ? 's' : ''} ${joinList(numbers)}`;
    })
    .join('; ');
}
