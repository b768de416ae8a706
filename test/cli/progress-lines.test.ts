import assert from 'node:assert/strict';
import { ProgressLines } from '../../src/cli/progress-lines';

describe('ProgressLines', () => {
  it('writes the first row, then at most one line a second, and always the last, with rate and time left', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new ProgressLines(
      (l) => lines.push(l),
      () => now,
    );
    for (let done = 1; done <= 1000; done++) {
      now = done * 5; // 200 rows a second
      progress.report(done, 1000);
    }
    // t = 5 ms (first), then every 1,000 ms: rows 201, 401, 601, 801, and row 1000 at the end.
    assert.deepEqual(
      lines.map((l) => Number(/^\[(\d+)\//.exec(l)?.[1])),
      [1, 201, 401, 601, 801, 1000],
    );
    assert.equal(lines[0], '[1/1000] rows done\n');
    assert.equal(lines[1], '[201/1000] rows done · 200 rows/s · about 4 s left\n');
    assert.equal(lines.at(-1), '[1000/1000] rows done · 200 rows/s\n');
  });

  it('a resumed run counts its rate from where it resumed', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new ProgressLines(
      (l) => lines.push(l),
      () => now,
    );
    progress.report(9000, 10_000);
    now = 2000;
    progress.report(9100, 10_000);
    assert.equal(lines[1], '[9100/10000] rows done · 50 rows/s · about 18 s left\n');
  });
});
