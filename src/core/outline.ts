/** The outline of a draft (preamble, operative paragraphs by number and verb, sub-paragraphs, sections) and its folds. */
import type { DocumentModel, Unit } from './model/model';

export type OutlineKind = 'title' | 'section' | 'preamble-group' | 'preamble' | 'operative' | 'subparagraph' | 'paragraph' | 'item';

export interface OutlineNode {
  name: string;
  detail?: string;
  kind: OutlineKind;
  start: number;
  end: number;
  /** The part to highlight when the node is selected (number and verb). */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineNode[];
}

function firstWords(text: string, count: number): string {
  const words = text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().split(' ');
  const head = words.slice(0, count).join(' ');
  return words.length > count ? head.replace(/[,;:.]$/, '') + '…' : head;
}

function nodeFor(model: DocumentModel, u: Unit): OutlineNode {
  const content = model.masked.slice(u.contentStart, u.end);
  const label = u.marker && u.marker.style !== 'bullet' ? (u.marker.style === 'decimal' ? `${u.marker.label}.` : `(${u.marker.label})`) : '';
  const verb = u.opener?.text.replace(/\s+/g, ' ');
  let name: string;
  let kind: OutlineKind;
  switch (u.kind) {
    case 'title':
      name = firstWords(content, 12);
      kind = 'title';
      break;
    case 'heading':
      name = (label ? label + ' ' : '') + firstWords(content, 10);
      kind = 'section';
      break;
    case 'preamble':
      name = verb ?? firstWords(content, 3);
      kind = 'preamble';
      break;
    case 'operative':
      name = [label, verb ?? firstWords(content, 3)].filter(Boolean).join(' ');
      kind = 'operative';
      break;
    case 'subparagraph':
      name = [label, firstWords(content, 6)].filter(Boolean).join(' ');
      kind = 'subparagraph';
      break;
    case 'item':
      name = firstWords(content, 8);
      kind = 'item';
      break;
    default:
      name = firstWords(content, 6);
      kind = 'paragraph';
  }
  const selectionStart = u.start;
  const selectionEnd = u.opener ? Math.max(u.opener.end, u.start) : Math.min(u.end, u.contentStart + 40);
  const detail = u.kind === 'operative' || u.kind === 'preamble' ? firstWords(model.masked.slice(u.opener?.end ?? u.contentStart, u.end), 8) : undefined;
  return { name: name || '(empty)', detail, kind, start: u.start, end: u.end, selectionStart, selectionEnd: Math.min(selectionEnd, u.end), children: [] };
}

/** Nested symbols: sections contain what follows them, paragraphs contain their sub-paragraphs, preambular paragraphs are grouped. */
export function buildOutline(model: DocumentModel): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const byId = new Map<number, OutlineNode>();
  const sections: Array<{ depth: number; node: OutlineNode }> = [];
  let preambleGroup: OutlineNode | undefined;
  const containerFor = (): OutlineNode[] => (sections.length ? sections[sections.length - 1].node.children : roots);
  const extend = (node: OutlineNode, end: number) => {
    if (end > node.end) node.end = end;
  };
  for (const u of model.units) {
    const node = nodeFor(model, u);
    byId.set(u.id, node);
    if (u.kind === 'heading' || u.kind === 'title') {
      preambleGroup = undefined;
      const depth = u.kind === 'title' ? 0 : u.headingDepth ?? 7;
      while (sections.length && sections[sections.length - 1].depth >= depth) sections.pop();
      containerFor().push(node);
      if (u.kind === 'heading') sections.push({ depth, node });
      continue;
    }
    for (const s of sections) extend(s.node, u.end);
    if (u.kind === 'preamble') {
      if (!preambleGroup) {
        preambleGroup = { name: 'Preamble', kind: 'preamble-group', start: u.start, end: u.end, selectionStart: u.start, selectionEnd: u.start, children: [] };
        containerFor().push(preambleGroup);
      }
      preambleGroup.children.push(node);
      extend(preambleGroup, u.end);
      continue;
    }
    if (u.kind !== 'formula') preambleGroup = undefined;
    const parent = u.parent !== undefined ? byId.get(u.parent) : undefined;
    if (parent) {
      parent.children.push(node);
      let ancestor: Unit | undefined = u;
      while (ancestor?.parent !== undefined) {
        const p = byId.get(ancestor.parent);
        if (p) extend(p, u.end);
        ancestor = model.units[ancestor.parent];
      }
    } else if (u.kind !== 'formula') {
      containerFor().push(node);
    }
  }
  return roots;
}

export interface Fold {
  start: number;
  end: number;
  kind?: 'comment' | 'region';
}

/** Folds for sections, paragraphs with sub-paragraphs, long paragraphs, the preamble and front matter. */
export function buildFolds(model: DocumentModel): Fold[] {
  const folds: Fold[] = [];
  const lineOf = (offset: number) => model.lines.positionAt(offset).line;
  const visit = (nodes: OutlineNode[]) => {
    for (const n of nodes) {
      if (lineOf(n.end) > lineOf(n.start)) folds.push({ start: n.start, end: n.end, kind: n.kind === 'section' || n.kind === 'preamble-group' ? 'region' : undefined });
      visit(n.children);
    }
  };
  visit(buildOutline(model));
  if (model.frontMatter) folds.push({ start: model.frontMatter.start, end: model.frontMatter.end, kind: 'region' });
  return folds;
}
