// Geometry shared by the panel's chart and the report's chart.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { agentAt, agentTicks, cascadeOnset, cascadeRanges, decimate, xOf, type Frame, type Point } from '../../src/shared/chart-geometry';
import type { StepRecord } from '../../src/shared/step-record';

const frame: Frame = { width: 744, height: 240, left: 44, right: 0, top: 20, bottom: 20, maxAgent: 1000 };
const step = (index: number, cascade: boolean) => ({ index, cascade }) as StepRecord;

describe('chart geometry', () => {
  it('maps agents to x and back', () => {
    assert.equal(xOf(frame, 0), 44);
    assert.equal(xOf(frame, 1000), 744);
    assert.equal(xOf(frame, 500), 394);
    for (const agent of [0, 1, 17, 500, 999, 1000])
      assert.equal(agentAt({ ...frame, maxAgent: 100 }, xOf({ ...frame, maxAgent: 100 }, agent / 10)), Math.round(agent / 10));
  });

  it('decimates to a bounded path that keeps each column’s extremes and the end points', () => {
    let decimated = 0; // runs long enough (> 2 points per column) that decimation must drop points
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3000, size: 'max' }),
        fc.integer({ min: 10, max: 400 }),
        (ys, columns) => {
          const points: Point[] = ys.map((y, i) => [i, y]);
          const out = decimate(points, columns);
          assert.ok(out.length <= Math.max(points.length, columns * 4));
          if (points.length > columns * 2) {
            decimated++;
            assert.ok(out.length <= columns * 4);
          }
          assert.deepEqual(out[0], points[0]);
          assert.deepEqual(out[out.length - 1], points[points.length - 1]);
          assert.equal(Math.max(...out.map((p) => p[1])), Math.max(...ys));
          assert.equal(Math.min(...out.map((p) => p[1])), Math.min(...ys));
          for (let i = 1; i < out.length; i++) assert.ok(out[i][0] > out[i - 1][0], 'x strictly increasing');
        },
      ),
    );
    assert.ok(decimated >= 50, `only ${decimated} of 100 runs needed decimating`);
  });

  it('ticks round agent numbers within range', () => {
    assert.deepEqual(agentTicks(10), [1, 2, 4, 6, 8, 10]);
    assert.deepEqual(agentTicks(1000), [200, 400, 600, 800, 1000]);
    assert.deepEqual(agentTicks(6), [1, 2, 3, 4, 5, 6]);
    for (let max = 1; max <= 5000; max += 37) for (const t of agentTicks(max)) assert.ok(t >= 1 && t <= max && Number.isInteger(t));
  });

  it('finds the cascade onset and its contiguous runs', () => {
    const steps = [step(1, false), step(2, false), step(3, true), step(4, true), step(5, false), step(6, true)];
    assert.equal(cascadeOnset(steps), 3);
    assert.deepEqual(cascadeRanges(steps), [
      [3, 4],
      [6, 6],
    ]);
    assert.equal(cascadeOnset([step(1, false)]), null);
    assert.deepEqual(cascadeRanges([]), []);
  });
});
