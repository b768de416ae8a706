// Measuring a rendered SVG chart in Chromium: every <text>'s box, pairwise overlaps, boxes outside their <svg>,
// and which plotted series (data-series) have a label (data-label-for) naming them. Shared by the panel, report
// and reproduce legibility tests.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { InBrowser } from '../support/browser-globals';

// Only referenced inside page.evaluate(), which runs in Chromium.
declare const document: InBrowser;

export interface TextBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface ChartMeasure {
  /** The chart's own box (the <svg> matched). */
  box: TextBox;
  texts: (TextBox & { clip: TextBox })[];
  /** Per plotted series: its id and the text of the label that names it (null: none). */
  series: { id: string; label: string | null; classes: string }[];
}

/** Measures every <svg> matched by `selector` (nested <svg>s are the clip box of the text inside them). */
export async function measureCharts(page: Page, selector: string): Promise<ChartMeasure[]> {
  return page.evaluate((sel: string) => {
    const boxOf = (el: InBrowser, text = '') => {
      const r = el.getBoundingClientRect();
      return { text, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    return [...document.querySelectorAll(sel)].map((root: InBrowser) => ({
      box: boxOf(root),
      texts: [...root.querySelectorAll('text')]
        .filter((t: InBrowser) => (t.textContent ?? '').trim() !== '' && t.getBoundingClientRect().width > 0)
        .map((t: InBrowser) => ({ ...boxOf(t, t.textContent), clip: boxOf(t.parentElement.closest('svg')) })),
      series: [...root.querySelectorAll('[data-series]')].map((p: InBrowser) => {
        const scope = p.closest('svg');
        const label = scope.querySelector(`text[data-label-for="${p.getAttribute('data-series')}"]`);
        return { id: p.getAttribute('data-series'), label: label ? label.textContent : null, classes: p.getAttribute('class') ?? '' };
      }),
    }));
  }, selector);
}

const TOLERANCE = 0.5;

function overlap(a: TextBox, b: TextBox): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > TOLERANCE && h > TOLERANCE ? w * h : 0;
}

/** Asserts no two text boxes overlap, none sticks out of its <svg>, and every plotted series has a non-empty label. */
export function assertLegible(chart: ChartMeasure, context: string): void {
  const t = chart.texts;
  assert.ok(t.length > 0, `${context}: the chart has text`);
  for (let i = 0; i < t.length; i++) {
    const c = t[i].clip;
    assert.ok(
      t[i].x0 >= c.x0 - TOLERANCE && t[i].x1 <= c.x1 + TOLERANCE && t[i].y0 >= c.y0 - TOLERANCE && t[i].y1 <= c.y1 + TOLERANCE,
      `${context}: "${t[i].text}" ${JSON.stringify(box(t[i]))} is cut by its chart ${JSON.stringify(box(c))}`,
    );
    for (let j = 0; j < i; j++)
      assert.equal(
        overlap(t[i], t[j]),
        0,
        `${context}: "${t[i].text}" ${JSON.stringify(box(t[i]))} overlaps "${t[j].text}" ${JSON.stringify(box(t[j]))}`,
      );
  }
  for (const s of chart.series)
    assert.ok(s.label !== null && s.label.trim() !== '', `${context}: series ${s.id} (${s.classes}) has no label`);
}

const box = (b: TextBox) => ({ x0: Math.round(b.x0), y0: Math.round(b.y0), x1: Math.round(b.x1), y1: Math.round(b.y1) });

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
