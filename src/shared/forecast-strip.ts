// The strip chart of the forecast beside what happened, as plain marks (tag, attributes, text) so the panel draws it
// with safe DOM calls and the HTML report serialises it with escaping: one geometry, the same picture in both.
// Per true state two tracks (herded by N, wrong herd) on a 0–100% axis: the observed rate (dot) with its Wilson 95%
// interval (line), the forecast (diamond) with its Monte Carlo interval (line beneath) when it has one.
import type { ObservedVsForecast, StateComparison } from './run-forecast';

export interface Mark {
  tag: 'svg' | 'g' | 'path' | 'circle' | 'text';
  attrs: Record<string, string | number>;
  /** Text content (text marks): always a text node / escaped, never markup. */
  text?: string;
  children?: Mark[];
}

// In CSS pixels: the chart is drawn at 1:1 and only ever scaled down.
const W = 600;
const LEFT = 190;
const RIGHT = 24;
const ROW = 22;
const TOP = 30;
const AXIS = 26;

const cut = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export const verdictClass = (s: ObservedVsForecast) => (s.consistent === null ? 'none' : s.consistent ? 'consistent' : 'inconsistent');

function diamond(cx: number, cy: number, r = 5): string {
  return `M${cx.toFixed(1)} ${cy - r}L${(cx + r).toFixed(1)} ${cy}L${cx.toFixed(1)} ${cy + r}L${(cx - r).toFixed(1)} ${cy}Z`;
}

/** The chart's root <svg> mark; `stateName(i)` names state i (untrusted text, cut to 14 characters). */
export function forecastStrip(states: readonly StateComparison[], stateName: (state: number) => string, exact: boolean): Mark {
  const tracks = states.flatMap((s) => [
    { s, side: s.herding, label: `${cut(stateName(s.state), 14)}: herded` },
    { s, side: s.wrongHerd, label: `${cut(stateName(s.state), 14)}: wrong herd` },
  ]);
  const bottom = TOP + tracks.length * ROW;
  const height = bottom + AXIS;
  const x = (p: number) => (LEFT + (W - LEFT - RIGHT) * Math.max(0, Math.min(1, p))).toFixed(1);
  const marks: Mark[] = [
    { tag: 'circle', attrs: { class: 'observed-mark', cx: 12, cy: 12, r: 4, 'data-series': 'observed' } },
    {
      tag: 'text',
      attrs: { class: 'legend', x: 20, y: 12, 'dominant-baseline': 'middle', 'data-label-for': 'observed' },
      text: 'observed rate, line: Wilson 95% CI',
    },
    { tag: 'path', attrs: { class: 'forecast-mark', d: diamond(262, 12), 'data-series': 'forecast' } },
    {
      tag: 'text',
      attrs: { class: 'legend', x: 272, y: 12, 'dominant-baseline': 'middle', 'data-label-for': 'forecast' },
      text: exact ? 'forecast (exact)' : 'forecast, line: Monte Carlo 95% interval',
    },
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    marks.push(
      { tag: 'path', attrs: { class: 'grid', d: `M${x(tick)} ${TOP - 4}V${bottom}` } },
      {
        tag: 'text',
        attrs: { class: 'tick', x: x(tick), y: bottom + 14, 'text-anchor': tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle' },
        text: `${tick * 100}%`,
      },
    );
  }
  tracks.forEach(({ s, side, label }, i) => {
    const y = TOP + i * ROW + ROW / 2;
    marks.push({
      tag: 'text',
      attrs: { class: 'track-label', x: LEFT - 8, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' },
      text: label,
    });
    const o = side.observed;
    const children: Mark[] = [];
    if (o.rate !== null && o.interval !== null)
      children.push(
        { tag: 'path', attrs: { class: 'observed-ci', d: `M${x(o.interval[0])} ${y}H${x(o.interval[1])}`, 'data-series': 'observed' } },
        { tag: 'circle', attrs: { class: 'observed-mark', cx: x(o.rate), cy: y, r: 4, 'data-series': 'observed' } },
      );
    if (side.forecastInterval)
      children.push({
        tag: 'path',
        attrs: {
          class: 'forecast-ci',
          d: `M${x(side.forecastInterval[0])} ${y + 6}H${x(side.forecastInterval[1])}`,
          'data-series': 'forecast',
        },
      });
    children.push({ tag: 'path', attrs: { class: 'forecast-mark', d: diamond(Number(x(side.forecast)), y), 'data-series': 'forecast' } });
    marks.push({ tag: 'g', attrs: { class: `track ${verdictClass(side)}`, 'data-state': s.state }, children });
  });
  marks.push({ tag: 'text', attrs: { class: 'tick', x: LEFT - 8, y: bottom + 14, 'text-anchor': 'end' }, text: 'share of labelled rows' });
  return {
    tag: 'svg',
    attrs: {
      class: 'forecast-chart',
      width: W,
      height,
      viewBox: `0 0 ${W} ${height}`,
      role: 'img',
      'aria-label': 'Observed herding and wrong-herd rates per true state with their 95% intervals, beside the forecast',
    },
    children: marks,
  };
}
