// Reads a tabulated two-state stop/continue policy: is it a single threshold on π(1), which way round, and where.
import type { Orientation } from './threshold-policy';

export interface PolicyShape {
  /** At most one switch between continue and stop along p = π(1). */
  isThreshold: boolean;
  /** Null when the policy never switches (always stop or always continue) or switches more than once. */
  orientation: Orientation | null;
  /** Midpoint between the last grid point of one action and the first of the other (null if no single switch). */
  threshold: number | null;
  /** Every switch point (midpoints), in increasing p. */
  switchPoints: number[];
  /** 'stop' or 'continue' when the policy is constant on the grid. */
  constantAction: 'stop' | 'continue' | null;
  /** Maximal intervals of one action, in increasing p. */
  regions: { from: number; to: number; action: 'stop' | 'continue' }[];
}

export function policyShape(stop: readonly boolean[]): PolicyShape {
  const G = stop.length;
  const p = (i: number) => i / (G - 1);
  const switchPoints: number[] = [];
  const regions: PolicyShape['regions'] = [];
  let start = 0;
  for (let i = 1; i <= G; i++) {
    if (i === G || stop[i] !== stop[i - 1]) {
      regions.push({ from: p(start), to: p(i - 1), action: stop[i - 1] ? 'stop' : 'continue' });
      if (i < G) switchPoints.push((p(i - 1) + p(i)) / 2);
      start = i;
    }
  }
  const single = switchPoints.length === 1;
  return {
    isThreshold: switchPoints.length <= 1,
    orientation: single ? (stop[G - 1] ? 'continue-below' : 'stop-below') : null,
    threshold: single ? switchPoints[0] : null,
    switchPoints,
    constantAction: switchPoints.length === 0 ? (stop[0] ? 'stop' : 'continue') : null,
    regions,
  };
}
