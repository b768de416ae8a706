// The controller section in real Chromium: the optimal stopping threshold computed by the core for the fixture's own
// model is drawn on the posterior chart, the slider starts at it, and the what-if numbers shown are the core's.
import assert from 'node:assert/strict';
import { loadFixture, usePanelPages, type PanelPage } from './panel-harness';
import { DARK, LIGHT } from './themes';
import { optimalThresholdFor } from '../../src/core/control/optimal-threshold';
import { whatIfControlled } from '../../src/core/control/intervention';
import type { DecisionModel } from '../../src/core/model';
import type { ControlOverlay, HostToWebview } from '../../src/shared/protocol';
import type { StepRecord } from '../../src/shared/step-record';

// The model behind sensor-herding.json (make-fixtures.mjs): π0 = [0.55, 0.45], B symmetric 0.7, 0-1 cost.
const model: DecisionModel = {
  prior: [0.55, 0.45],
  likelihood: [
    [0.7, 0.3],
    [0.3, 0.7],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
};
const fixture = loadFixture('sensor-herding.json');
const runId = 'run-sensor-4';
const observations = fixture.messages
  .flatMap((m) => (m.type === 'run/steps' ? m.steps : []))
  .sort((a: StepRecord, b: StepRecord) => a.index - b.index)
  .map((s) => s.observation?.index ?? null);
const optimal = optimalThresholdFor(model);

/** What the host's control-overlay.ts sends for this chain at a threshold on the optimal threshold's state and orientation. */
function overlayAt(threshold: number): ControlOverlay {
  const r = whatIfControlled(model, observations, { threshold, stateIndex: optimal.stateIndex, orientation: optimal.orientation });
  return {
    threshold,
    stateIndex: r.stateIndex,
    orientation: r.orientation,
    informativeAgentsWith: r.informativeAgentsWith,
    informativeAgentsWithout: r.informativeAgentsWithout,
    accuracyWith: r.accuracyWith,
    accuracyWithout: r.accuracyWithout,
    accuracyMeasure: r.accuracyMeasure,
    revealedAgents: r.revealedAgents,
    stopStep: r.stopStep,
    optimal,
  };
}

const withoutControl = (ms: HostToWebview[]) => ms.filter((m) => m.type !== 'run/control');

describe('controller section: the optimal threshold (Chromium)', function () {
  this.timeout(60_000);
  const { open } = usePanelPages();
  let panel: PanelPage;

  it('draws the optimal threshold as its own labelled line, starts the slider there and shows the what-if at it', async () => {
    assert.equal(optimal.method, 'value-iteration');
    assert.equal(optimal.orientation, 'stop-below');
    panel = await open(DARK);
    const atOptimal = overlayAt(optimal.threshold);
    await panel.post([...withoutControl(fixture.messages), { type: 'run/control', runId, overlay: atOptimal }]);
    await panel.waitForStatus('completed');
    const page = panel.page;
    const line = page.locator(`.optimal-threshold[data-threshold="${optimal.threshold}"]`);
    await line.waitFor({ state: 'attached' });
    assert.equal(await line.getAttribute('data-orientation'), 'stop-below');
    assert.equal(await line.locator('text').textContent(), `optimal threshold π*(hate) = ${optimal.threshold.toFixed(3)}`);
    assert.equal(await page.locator('.chart-svg .threshold').count(), 0, 'the slider is at the optimum: one line, not two');
    // The line sits at π = π* on the chart's y axis (between the 0.0 and 1.0 tick labels).
    const centre = async (l: ReturnType<typeof page.locator>) => {
      const b = await l.boundingBox();
      assert.ok(b);
      return b.y + b.height / 2;
    };
    const [y0, y1, yLine] = [
      await centre(page.locator('.tick-label', { hasText: /^0\.0$/ })),
      await centre(page.locator('.tick-label', { hasText: /^1\.0$/ })),
      await centre(line.locator('line')),
    ];
    assert.ok(Math.abs(yLine - (y0 + (y1 - y0) * optimal.threshold)) < 1.5, `line at ${yLine}, 0.0 at ${y0}, 1.0 at ${y1}`);

    assert.equal(Number(await page.locator('.threshold-slider').inputValue()), optimal.threshold, 'the slider starts at π*');
    assert.match(
      await page.locator('[data-field="optimal-threshold"]').innerText(),
      new RegExp(`Optimal threshold π\\* = ${optimal.threshold.toFixed(3)} on π\\(hate\\)`),
    );
    assert.match(await page.locator('[data-field="optimal-method"]').innerText(), /value iteration on a 1001-point belief grid/);
    assert.match(
      await page.locator('.control-rule').innerText(),
      /while π\(hate\) ≥ threshold; the first time π\(hate\) < threshold it stops for good/,
    );
    assert.equal(await page.locator('[data-field="informative-with"]').innerText(), String(atOptimal.informativeAgentsWith));
    assert.equal(await page.locator('[data-field="informative-without"]').innerText(), String(atOptimal.informativeAgentsWithout));
    assert.ok(
      atOptimal.informativeAgentsWith > atOptimal.informativeAgentsWithout,
      'the controller at π* keeps agents informative past the cascade',
    );
    const gained = atOptimal.informativeAgentsWith - atOptimal.informativeAgentsWithout;
    assert.match(
      await page.locator('[data-field="control-summary"]').innerText(),
      new RegExp(`^${gained} more agents would have contributed information; final belief in its most probable state`),
    );
    assert.equal(await page.locator('.use-optimal').isHidden(), true);
    await panel.screenshot('control-optimal-dark');
  });

  it('keeps the optimal line while the slider simulates another threshold, and "Use optimal" asks for π* again', async () => {
    panel = await open(LIGHT);
    await panel.post([...withoutControl(fixture.messages), { type: 'run/control', runId, overlay: overlayAt(optimal.threshold) }]);
    await panel.waitForStatus('completed');
    const page = panel.page;
    await page.locator('.threshold-slider').fill('0.5');
    const other = overlayAt(0.5);
    await panel.post([{ type: 'run/control', runId, overlay: other }]);
    await page.locator('.chart-svg .threshold[data-threshold="0.5"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator(`.optimal-threshold[data-threshold="${optimal.threshold}"]`).count(), 1);
    assert.equal(await page.locator('.chart-svg .threshold text').textContent(), 'controller threshold π(hate) = 0.500');
    assert.equal(await page.locator('[data-field="informative-with"]').innerText(), String(other.informativeAgentsWith));
    await panel.screenshot('control-slider-light');
    await page.locator('.use-optimal').click();
    const posted = (await panel.record()).posted;
    assert.deepEqual(posted.slice(1), [
      { type: 'simulate-control', threshold: 0.5 },
      { type: 'simulate-control', threshold: optimal.threshold },
    ]);
  });

  it('drops a malformed optimal threshold but keeps the rest of the overlay', async () => {
    panel = await open(DARK);
    const bad = { ...overlayAt(0.5), optimal: { ...optimal, orientation: 'sideways' } };
    await panel.post([...withoutControl(fixture.messages), { type: 'run/control', runId, overlay: bad as unknown as ControlOverlay }]);
    await panel.waitForStatus('completed');
    await panel.page.locator('.chart-svg .threshold[data-threshold="0.5"]').waitFor({ state: 'attached' });
    assert.equal(await panel.page.locator('.optimal-threshold').count(), 0);
    assert.equal(await panel.page.locator('[data-field="optimal-threshold"]').count(), 0);
  });
});
