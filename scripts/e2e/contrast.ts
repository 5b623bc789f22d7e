/**
 * A page function for the e2e test (issue 13, point 6), kept as text because the bundler's helpers that tsx adds
 * to named functions do not exist inside a page. Called with the <body> of a webview, it measures every piece of
 * text the page shows against what is behind it (WCAG contrast ratio; 4.5:1 is the minimum for body text) and the
 * chart's bars against the page (3:1 for graphics), and gives the page's own background.
 */
export interface ContrastReport {
  /** "r,g,b" of the body, composited over white. */
  background: string;
  texts: number;
  /** Texts below 4.5:1, as 'tag.class "text" ratio (colour on background)'. */
  failures: string[];
  bars: number;
  /** Bars below 3:1 against the page. */
  faintBars: number;
}

export const CONTRAST_CHECK = String.raw`(body) => {
  const rgba = (css) => {
    const m = /rgba?\(([^)]*)\)/.exec(css);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const channel = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : Math.pow((v / 255 + 0.055) / 1.055, 2.4));
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const contrast = (a, b) => {
    const l = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l[0] + 0.05) / (l[1] + 0.05);
  };
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const failures = [];
  let texts = 0;
  for (const el of Array.from(body.querySelectorAll('*'))) {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent || '').join('').trim();
    if (!own || el.getClientRects().length === 0 || el.closest('[hidden], script, style')) continue;
    const style = getComputedStyle(el);
    const background = behind(el);
    const ink = over(rgba(el instanceof SVGElement ? style.fill : style.color), background);
    const ratio = contrast(ink, background);
    texts++;
    const rgb = (c) => 'rgb(' + c.slice(0, 3).map(Math.round).join(',') + ')';
    if (ratio < 4.5) failures.push(el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '') + ' "' + own.slice(0, 30) + '" ' + ratio.toFixed(2) + ':1 (' + rgb(ink) + ' on ' + rgb(background) + ')');
  }
  const bars = Array.from(body.querySelectorAll('svg.chart rect.gov, svg.chart rect.cap')).map((bar) => contrast(rgba(getComputedStyle(bar).fill), behind(bar)));
  return { background: behind(body).slice(0, 3).map(Math.round).join(','), texts, failures, bars: bars.length, faintBars: bars.filter((r) => r < 3).length };
}`;
