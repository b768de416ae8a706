import assert from 'node:assert/strict';
import { boxOf, estimateTextWidth, overlapArea, placeLabels, wrapRows, type LabelRequest } from '../../src/shared/label-layout';

const bounds = { x0: 0, y0: 0, x1: 400, y1: 200 };

describe('label layout', () => {
  it('keeps a lone label where it asked to be', () => {
    const [p] = placeLabels([{ x: 100, y: 50, width: 80, height: 12, anchor: 'start' }], bounds);
    assert.deepEqual([p.x, p.y, p.anchor, p.free], [100, 50, 'start', true]);
    assert.deepEqual(p.box, { x0: 100, y0: 44, x1: 180, y1: 56 });
  });

  it('moves the second of two colliding labels off the first, by one line height', () => {
    // "herding begins at agent 3" and "optimal threshold π*(not HSP) = 0.950" asking for the same spot.
    const a: LabelRequest = { x: 60, y: 30, width: 150, height: 12, anchor: 'start' };
    const b: LabelRequest = { x: 380, y: 32, width: 330, height: 12, anchor: 'end' };
    const [pa, pb] = placeLabels([a, b], bounds);
    assert.deepEqual([pa.x, pa.y], [60, 30]);
    assert.equal(overlapArea(pa.box, pb.box), 0);
    assert.ok(pb.free);
    assert.equal(Math.abs(pb.y - 32), 14, `moved by height + gap: ${pb.y}`);
  });

  it('never overlaps twelve labels piled on one point, and keeps every box inside the bounds', () => {
    const pile = Array.from({ length: 12 }, (): LabelRequest => ({ x: 200, y: 100, width: 120, height: 12, anchor: 'middle' }));
    const placed = placeLabels(pile, bounds);
    for (let i = 0; i < placed.length; i++) {
      const b = placed[i].box;
      assert.ok(b.x0 >= 0 && b.x1 <= 400 && b.y0 >= 0 && b.y1 <= 200, JSON.stringify(b));
      for (let j = 0; j < i; j++) assert.equal(overlapArea(b, placed[j].box), 0, `${i} vs ${j}`);
    }
  });

  it('pulls a label that would stick out of the right edge back inside', () => {
    const [p] = placeLabels([{ x: 390, y: 100, width: 100, height: 12, anchor: 'start' }], bounds);
    assert.equal(p.box.x1, 400);
    assert.equal(p.x, 300);
  });

  it('avoids obstacles and uses a horizontal alternative when that is closer', () => {
    const obstacle = boxOf(100, 100, 200, 60, 'start');
    const [p] = placeLabels(
      [{ x: 150, y: 100, width: 60, height: 12, anchor: 'start', alternatives: [{ x: 90, anchor: 'end' }] }],
      bounds,
      [obstacle],
    );
    assert.equal(p.anchor, 'end');
    assert.equal(p.y, 100);
    assert.equal(overlapArea(p.box, obstacle), 0);
  });

  it('reports a label that cannot fit anywhere as not free', () => {
    const full = [{ x0: 0, y0: 0, x1: 400, y1: 200 }];
    const [p] = placeLabels([{ x: 10, y: 10, width: 20, height: 10, anchor: 'start' }], bounds, full);
    assert.equal(p.free, false);
  });

  it('estimates wider widths for wider text and wraps rows at the limit', () => {
    assert.ok(estimateTextWidth('WWW', 12) > estimateTextWidth('iii', 12));
    assert.equal(estimateTextWidth('', 12), 0);
    assert.deepEqual(wrapRows([100, 100, 100, 500, 50], 260, 10), [[0, 1], [2], [3], [4]]);
    assert.deepEqual(wrapRows([], 100, 10), []);
  });
});
