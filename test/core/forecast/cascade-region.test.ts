// Where the cascade region lies: intervals of π(0) for two states (vs the closed form and core herdAction), simplex share otherwise.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { herdAction, twoStateCascadeThresholds } from '../../../src/core/cascade';
import { cascadeRegion, priorAxisIntervals, type PriorInterval } from '../../../src/core/forecast';
import type { DecisionModel } from '../../../src/core/model';
import { modelCase } from '../reference/arbitraries';

const symmetric = (p: number, prior = [0.5, 0.5]): DecisionModel => ({
  prior,
  likelihood: [
    [p, 1 - p],
    [1 - p, p],
  ],
  utility: [
    [-0, -1],
    [-1, -0],
  ],
});

function inside(intervals: readonly PriorInterval[], p: number): number | null {
  for (const r of intervals) {
    const afterFrom = r.fromIncluded ? p >= r.from : p > r.from;
    const beforeTo = r.toIncluded ? p <= r.to : p < r.to;
    if (afterFrom && beforeTo) return r.herdAction;
  }
  return null;
}

describe('cascade region on the prior axis (two states)', () => {
  it('symmetric B with 0-1 cost: [0, 1 − p) herds on 1 and [p, 1] on 0, as twoStateCascadeThresholds says', () => {
    for (const p of [0.6, 0.7, 0.75, 0.9, 0.99]) {
      const { herdOn1Below, herdOn0From } = twoStateCascadeThresholds(p);
      const got = priorAxisIntervals(symmetric(p));
      assert.equal(got.length, 2, `p = ${p}: ${JSON.stringify(got)}`);
      const [low, high] = got;
      assert.deepEqual([low.from, low.fromIncluded, low.toIncluded, low.herdAction], [0, true, false, 1]);
      assert.ok(Math.abs(low.to - herdOn1Below) < 1e-15);
      assert.deepEqual([high.fromIncluded, high.to, high.toIncluded, high.herdAction], [true, 1, true, 0]);
      assert.ok(Math.abs(high.from - herdOn0From) < 1e-15);
    }
  });

  it('the §4.3 model: ℋ = [0, 0.3) ∪ [0.7, 1], share 0.6, the prior 0.55 outside', () => {
    const example: DecisionModel = {
      prior: [0.55, 0.45],
      likelihood: [
        [0.7, 0.3],
        [0.3, 0.7],
      ],
      utility: [
        [-0, -1],
        [-1, -0],
      ],
    };
    const region = cascadeRegion(example, { samples: 0, seed: 0 });
    assert.equal(region.kind, 'prior-axis');
    if (region.kind !== 'prior-axis') return;
    assert.deepEqual(
      region.intervals.map((r) => [r.from, r.to, r.herdAction]),
      [
        [0, 0.3, 1],
        [0.7, 1, 0],
      ],
    );
    assert.ok(Math.abs(region.share - 0.6) < 1e-15);
    assert.equal(region.priorInRegion, false);
    assert.equal(region.priorHerdAction, null);
  });

  it('an uninformative sensor herds everywhere; a perfect one only at the ends', () => {
    const flat: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const intervals = priorAxisIntervals(flat);
    // Below π(0) = 0.5 agents take 1, from 0.5 (a tie, lowest index) they take 0.
    assert.deepEqual(
      intervals.map((r) => [r.from, r.to, r.fromIncluded, r.toIncluded, r.herdAction]),
      [
        [0, 0.5, true, false, 1],
        [0.5, 1, true, true, 0],
      ],
    );
    const perfect: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [1, 0],
        [0, 1],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    // Only at π(0) = 0 or 1 is one observation impossible, so the other decides alone.
    assert.deepEqual(
      priorAxisIntervals(perfect).map((r) => [r.from, r.to, r.herdAction]),
      [
        [0, 0, 1],
        [1, 1, 0],
      ],
    );
  });

  it('on random two-state models, membership agrees with core herdAction on a fine grid of π(0)', () => {
    fc.assert(
      fc.property(
        modelCase({ maxX: 2, maxY: 4, maxA: 4, transition: 'identity' }).filter(({ model }) => model.prior.length === 2),
        ({ model }) => {
          const intervals = priorAxisIntervals(model);
          const ends = intervals.flatMap((r) => [r.from, r.to]);
          for (let j = 0; j <= 1000; j++) {
            const p = j / 1000;
            if (ends.some((e) => Math.abs(e - p) < 1e-9)) continue;
            assert.equal(inside(intervals, p), herdAction(model, [p, 1 - p]), `π(0) = ${p}: ${JSON.stringify(intervals)}`);
          }
          for (let j = 1; j < intervals.length; j++) assert.ok(intervals[j - 1].to <= intervals[j].from, 'sorted, disjoint');
        },
      ),
      { numRuns: 300, seed: 2 },
    );
  });
});

describe('cascade region as a share of the simplex (more states)', () => {
  it('an uninformative sensor: the whole simplex herds; the prior is inside', () => {
    const model: DecisionModel = {
      prior: [0.2, 0.3, 0.5],
      likelihood: [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      utility: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    const region = cascadeRegion(model, { samples: 2000, seed: 1 });
    assert.equal(region.kind, 'simplex-share');
    if (region.kind !== 'simplex-share') return;
    assert.equal(region.share, 1);
    assert.equal(region.priorInRegion, true);
    assert.equal(region.priorHerdAction, 2);
    // Agents take the most likely state: each action on a third of the simplex.
    region.shareByAction.forEach((s) => assert.ok(Math.abs(s - 1 / 3) < 0.05, `${s}`));
  });

  it('a state the sensor cannot tell apart from another: the share matches the two-state prior-axis length', () => {
    // States 1 and 2 are copies: the herd test depends only on π(0) and π(1) + π(2); under a uniform simplex point π(0)
    // has density 2(1 − t), so the share is ∫ over the two-state intervals of 2(1 − t) dt.
    const two: DecisionModel = {
      prior: [0.5, 0.5],
      likelihood: [
        [0.8, 0.2],
        [0.3, 0.7],
      ],
      utility: [
        [1, 0],
        [0, 1],
      ],
    };
    const three: DecisionModel = {
      prior: [0.4, 0.3, 0.3],
      likelihood: [
        [0.8, 0.2],
        [0.3, 0.7],
        [0.3, 0.7],
      ],
      utility: [
        [1, 0],
        [0, 1],
        [0, 1],
      ],
    };
    const want = priorAxisIntervals(two).reduce((s, r) => s + (1 - r.from) ** 2 - (1 - r.to) ** 2, 0);
    const region = cascadeRegion(three, { samples: 20000, seed: 4 });
    assert.equal(region.kind, 'simplex-share');
    if (region.kind !== 'simplex-share') return;
    assert.ok(region.interval[0] <= want && want <= region.interval[1], `${want} not in ${region.interval}`);
    assert.equal(region.priorInRegion, herdAction(three, three.prior) !== null);
  });
});
