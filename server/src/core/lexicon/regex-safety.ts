/**
 * User lexicons may carry regular expressions. JavaScript has no regex timeout, so patterns that can backtrack
 * catastrophically are refused before they ever run: nested quantifiers, quantified alternations of
 * overlapping branches, back-references and lookbehind. Accepted patterns run only on single paragraphs.
 */
export interface RegexCheck {
  ok: boolean;
  reason?: string;
}

const MAX_PATTERN_LENGTH = 500;

export function checkRegexSafety(source: string, flags = ''): RegexCheck {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  if (/[^gimsuy]/.test(flags)) return { ok: false, reason: `unsupported flags "${flags}" (use i, m, s or u)` };
  try {
    new RegExp(source, flags);
  } catch (error) {
    return { ok: false, reason: `not a valid regular expression: ${(error as Error).message}` };
  }
  if (/\\[1-9]|\\k</.test(source)) return { ok: false, reason: 'back-references are not allowed' };
  if (/\(\?<[=!]/.test(source)) return { ok: false, reason: 'lookbehind is not allowed' };

  // Walk groups and track whether a quantified group contains a quantifier (star height > 1).
  interface Frame {
    hasQuantifier: boolean;
    hasAlternation: boolean;
  }
  const stack: Frame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      stack.push({ hasQuantifier: false, hasAlternation: false });
      continue;
    }
    if (ch === '|') {
      stack[stack.length - 1].hasAlternation = true;
      continue;
    }
    if (ch === ')') {
      const frame = stack.pop();
      if (!frame || stack.length === 0) return { ok: false, reason: 'unbalanced parentheses' };
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '?' || (next === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i + 1)));
      const unbounded = next === '*' || next === '+' || (next === '{' && /^\{\d+,\}/.test(source.slice(i + 1)));
      if (quantified && unbounded && frame.hasQuantifier) return { ok: false, reason: 'nested quantifiers such as (a+)+ can hang the linter' };
      if (unbounded && frame.hasAlternation) return { ok: false, reason: 'a repeated alternation such as (a|ab)* can hang the linter' };
      const parent = stack[stack.length - 1];
      parent.hasQuantifier = parent.hasQuantifier || frame.hasQuantifier || quantified;
      continue;
    }
    if (ch === '*' || ch === '+' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)))) {
      stack[stack.length - 1].hasQuantifier = true;
    }
  }
  if (stack.length !== 1) return { ok: false, reason: 'unbalanced parentheses' };
  return { ok: true };
}
