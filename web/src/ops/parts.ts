// Small pieces the dashboard's pages share: key figures, tables, a stacked bar and tabs. Drawn
// with the staff helpers; sizes in SVG attributes and colours by class (no inline styles).
import { h, s } from '../staff/ui';

type Cell = Node | string | number | null;

// A key figure: a big number with what it is.
export function stat(label: string, value: string, sub: string | null = null, testid: string | null = null): HTMLElement {
  return h('div', { class: 'stat', 'data-testid': testid },
    h('div', { class: 'stat-value' }, value),
    h('div', { class: 'stat-label' }, label),
    sub ? h('div', { class: 'stat-sub muted' }, sub) : null);
}

export function stats(...items: HTMLElement[]): HTMLElement {
  return h('div', { class: 'stats' }, items);
}

// A table with a header row; numeric columns (by index) are right-aligned.
export function table(head: string[], rows: Cell[][], attrs: Record<string, string> = {}, numeric: number[] = []): HTMLElement {
  const cls = (i: number) => (numeric.includes(i) ? 'num' : null);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data', ...attrs },
      h('thead', {}, h('tr', {}, head.map((c, i) => h('th', { scope: 'col', class: cls(i) }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { class: cls(i) }, c)))))));
}

export interface Segment { share: number; cls: string; label: string }

// One horizontal bar split into segments (shares in per cent, summing to at most 100); the
// labels are the text alternative.
export function stackedBar(segments: Segment[], label: string, testid: string | null = null): SVGElement {
  const W = 300;
  let x = 0;
  const parts = segments.filter((g) => g.share > 0).map((g) => {
    const w = Math.round((g.share / 100) * W * 10) / 10;
    const r = s('rect', { x, y: 0, width: w, height: 14, class: `seg ${g.cls}` }, s('title', {}, g.label));
    x += w;
    return r;
  });
  const text = [label, ...segments.map((g) => g.label)].join(', ');
  return s('svg', { class: 'stacked', viewBox: `0 0 ${W} 14`, preserveAspectRatio: 'none', role: 'img', 'aria-label': text, 'data-testid': testid },
    s('title', {}, text),
    s('rect', { x: 0, y: 0, width: W, height: 14, class: 'seg seg-track' }),
    parts);
}

// Links to the tabs of a page, the current one marked.
export function tabs(label: string, items: { href: string; text: string; current: boolean; testid?: string }[]): HTMLElement {
  return h('nav', { class: 'tabs', 'aria-label': label },
    h('ul', {}, items.map((i) => h('li', {},
      h('a', { href: i.href, 'aria-current': i.current ? 'page' : null, 'data-testid': i.testid ?? null }, i.text)))));
}

// A row of buttons.
export function actions(...buttons: (HTMLElement | null)[]): HTMLElement {
  return h('div', { class: 'actions' }, buttons);
}
