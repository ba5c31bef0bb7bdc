/**
 * The kiosk's faces 1–5 as SVG, drawn with the DOM (no inline style: the CSP allows none): a
 * circle, two eyes and a mouth that turns from a frown (1) to a wide smile (5). Colours come from
 * the stylesheet (`.face-1` … `.face-5`). The picture is decoration: its button carries the words.
 */
const NS = 'http://www.w3.org/2000/svg';

function el(name: string, attrs: Record<string, string>): SVGElement {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** The mouth's curve per face: the control point's height (below 60 smiles, above frowns). */
const MOUTH = { 1: 52, 2: 58, 3: 66, 4: 76, 5: 86 } as const;

export function faceSvg(face: 1 | 2 | 3 | 4 | 5): SVGElement {
  const svg = el('svg', { viewBox: '0 0 100 100', width: '100%', height: '100%', 'aria-hidden': 'true', focusable: 'false', class: `face-svg face-${face}` });
  svg.append(
    el('circle', { cx: '50', cy: '50', r: '46', class: 'face-bg' }),
    el('circle', { cx: '35', cy: '40', r: '6', class: 'face-ink' }),
    el('circle', { cx: '65', cy: '40', r: '6', class: 'face-ink' }),
  );
  const y = face <= 2 ? 74 : 66;
  const mouth = face === 3 ? `M 30 ${y} L 70 ${y}` : `M 28 ${y} Q 50 ${MOUTH[face]} 72 ${y}`;
  svg.append(el('path', { d: mouth, class: 'face-mouth', fill: 'none', 'stroke-width': '6', 'stroke-linecap': 'round' }));
  return svg;
}

/** A small picture for each place to meet, as text (emoji), hidden from screen readers. */
export const PLACE_ICONS: Record<string, string> = { home: '🏠', school: '🏫', unit_office: '🏢', elsewhere: '🌳' };
