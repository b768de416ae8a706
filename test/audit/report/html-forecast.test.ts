// The forecast's HTML page as text: one labelled line per true state, the exact/Monte Carlo label, escaped names,
// the cascade region, and the report's script-free CSP.
import assert from 'node:assert/strict';
import { forecastHerding } from '../../../src/core/forecast';
import { parseDecisionModel } from '../../../src/core/model';
import { REPORT_CSP } from '../../../src/audit/report/html';
import { htmlForecast } from '../../../src/audit/report/html-forecast';

const two = parseDecisionModel({
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  cost: [
    [0, 1],
    [1, 0],
  ],
});
const three = parseDecisionModel({
  prior: [0.4, 0.3, 0.3],
  likelihood: [
    [0.6, 0.2, 0.2],
    [0.2, 0.6, 0.2],
    [0.2, 0.2, 0.6],
  ],
  cost: [
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ],
});
const hostile = { states: ['<img src=x onerror=alert(1)>', 'b&"c'], actions: ['<script>x</script>', 'ok'] };

describe('HTML forecast', () => {
  it('draws one polyline per true state with a legend entry naming it, labels the exact forecast and escapes names', () => {
    const r = forecastHerding(two, { agents: 12 });
    const html = htmlForecast(r, hostile, '<b>profile</b>', { generatedAt: 'now' });
    assert.equal((html.match(/<polyline class="line s\d" data-state="\d"/g) ?? []).length, 2);
    for (const s of [0, 1]) {
      const points = /points="([^"]+)"/.exec(html.split(`data-state="${s}"`)[1])?.[1].split(' ') ?? [];
      assert.equal(points.length, 12, 'a point per agent');
      // the last point's height is P(herded by N)
      const yLast = Number(points[11].split(',')[1]);
      assert.ok(Math.abs(yLast - (12 + (1 - r.states[s].herdedBy[11]) * (320 - 48))) < 0.06);
    }
    assert.ok(html.includes('true state &lt;img src=x onerror=alert(1)&gt;: P(herded by agent k)'));
    assert.ok(html.includes('true state b&amp;&quot;c: P(herded by agent k)'));
    assert.ok(!/<img|<script|<b>/i.test(html), 'no markup from the names survives');
    assert.match(html, /<span class="label" id="forecast-method">EXACT<\/span> Exact: \d+ distinct public beliefs enumerated/);
    assert.ok(html.includes(`content="${REPORT_CSP}"`));
    assert.match(html, /On the prior axis π\(&lt;img/);
  });

  it('labels a Monte Carlo forecast with its chains and intervals, and gives the simplex share for three states', () => {
    const r = forecastHerding(three, { agents: 8, maxBeliefs: 0, chains: 2000, regionSamples: 2000 });
    assert.equal(r.exact, false);
    const html = htmlForecast(r, { states: ['x', 'y', 'z'], actions: ['a', 'b', 'c'] }, 'model');
    assert.match(html, /MONTE CARLO<\/span> Monte Carlo: 2,000 chains per state, seed 0, 95% intervals/);
    assert.equal((html.match(/<polyline /g) ?? []).length, 3);
    assert.match(html, /of the belief simplex/);
    assert.equal(r.cascadeRegion.kind, 'simplex-share');
  });
});
