import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { maskedText, maskMarkup } from '../../src/core/model/mask';

describe('markup masking', () => {
  it('blanks inline markup and keeps every offset', () => {
    const cases: Array<[string, string]> = [
      ['*Decides* that', ' Decides  that'],
      ['**Requests** the Mission', '  Requests   the Mission'],
      ['snake_case and 2*3 stay', 'snake_case and 2*3 stay'],
      ['see [the report](https://example.org/r) now', 'see  the report                         now'],
      ['![chart](c.png)', '  chart        '],
      ['a <!-- note\nspanning --> b', `a${' '.repeat(10)}\n${' '.repeat(13)}b`],
      ['## Operative paragraphs', '   Operative paragraphs'],
      ['> > quoted text', '    quoted text'],
      ['\\*escaped\\* a\\_b', '  escaped   a  b'],
      ['line one\r\n# Title', 'line one\r\n  Title'],
      ['`code` 𝐀*x*', ' code  𝐀 x '],
    ];
    for (const [text, masked] of cases) assert.equal(maskMarkup(text), masked, JSON.stringify(text));
  });

  it('returns the same text when there is no markup character', () => {
    const text = 'Requests the Mission to support the police.';
    assert.equal(maskMarkup(text), text);
  });

  it('changes only markup characters into spaces, keeps length and line breaks, on any text', () => {
    const pieces = ['*', '**', '_', '`', 'a', 'B', ' ', '\n', '\r\n', '#', '## ', '>', '[', ']', '(', ')', '![', '<!--', '-->', '\\', '\\*', 'x_y', '𝐀', 'é', '\t'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')), (text) => {
        const masked = maskMarkup(text);
        assert.equal(masked.length, text.length);
        for (let i = 0; i < text.length; i++) {
          if (masked[i] === text[i]) continue;
          assert.equal(masked[i], ' ', `${JSON.stringify(text)} at ${i}`);
          assert.ok(text[i] !== '\n' && text[i] !== '\r', 'line breaks stay');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('blanks quote markers and heading hashes at line starts exactly where a multiline ^ finds them', () => {
    // What the line scanner must equal: the expression tried at every line start by JavaScript's own ^ (slow on
    // long drafts, plain to read). Texts without the inline markup characters keep the comparison to line starts.
    const atLineStarts = (text: string) => {
      const blanked = [...text];
      for (const m of text.matchAll(/^(?:(?:[ \t]{0,3}>)+|[ \t]{0,3}#{1,6}(?=[ \t]))/gm)) for (let i = m.index!; i < m.index! + m[0].length; i++) blanked[i] = ' ';
      return blanked.join('');
    };
    const pieces = ['>', '> ', '#', '## ', '####### ', ' ', '  ', '   ', '\t', 'a', '\n', '\r', '\r\n', '\u2028', '\u2029', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join('')), (text) => {
        assert.equal(maskMarkup(text), atLineStarts(text), JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the masked text read by the piece', () => {
  it('gives every slice and character as the whole masked text does', () => {
    const piece = fc.constantFrom('*Decides*', '**bold**', '_x_', 'snake_case', '`code`', '[link](http://a.b)', '![img](x.png)', '<!-- note -->', '<!--\nopen', '\\*', '> quote', '# Head', ' ', '\n', '\r\n', 'word', 'é', '2*3');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), fc.integer({ min: -5, max: 5 }), (pieces, a, b, offset) => {
        const text = pieces.join('');
        const masked = maskedText(text);
        const whole = masked.toString();
        assert.equal(whole, maskMarkup(text));
        assert.equal(masked.length, whole.length);
        const start = text.length ? a % (text.length + 1) : 0;
        const end = text.length ? b % (text.length + 1) : 0;
        assert.equal(masked.slice(start, end), whole.slice(start, end));
        assert.equal(masked.slice(start), whole.slice(start));
        assert.equal(masked.slice(start + offset, end + offset), whole.slice(start + offset, end + offset));
        assert.equal(masked.slice(-3), whole.slice(-3));
        for (const i of [start, end, start + offset, -1, text.length]) assert.equal(masked.charCodeAt(i), whole.charCodeAt(i));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a piece with no markup as the draft\'s own text, and a piece with markup blanked', () => {
    const text = '1. *Requests* the Mission to support the police.\n\n2. Decides to remain seized of the matter.';
    const masked = maskedText(text);
    assert.equal(masked.slice(52), text.slice(52));
    assert.equal(masked.slice(0, 13), '1.  Requests ');
    assert.equal(String(masked), maskMarkup(text));
  });
});
