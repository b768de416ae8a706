// The results file (JSON lines): one line per chain, in the sequences-file order (run → true state → prior).
import { forEachChainInFileOrder } from './sequences-file';
import { hasNaN } from './summary';
import { chainIndex, type SimulationOutcome } from './types';

/** A belief as JSON: its entries, or null when it holds NaN (a degenerate chain). */
function beliefJson(v: Float64Array, off: number, X: number): number[] | null {
  return hasNaN(v, off, X) ? null : Array.from(v.subarray(off, off + X));
}

export function formatResults(outcome: SimulationOutcome): string {
  const { plan, X } = outcome;
  const N = plan.agents;
  const lines: string[] = [];
  forEachChainInFileOrder(plan, (run, g, s) => {
    const c = chainIndex(plan, run, g, s);
    const line: Record<string, unknown> = {
      run,
      prior_index: g,
      prior: plan.priorGrid[g],
      true_state: plan.trueStates[s],
      actions: Array.from(outcome.actions.subarray(c * N, c * N + N)),
      herding_step: outcome.herdingStep[c] > 0 ? outcome.herdingStep[c] : null,
      herd_action: outcome.herdAction[c] >= 0 ? outcome.herdAction[c] : null,
      final_public_belief: beliefJson(outcome.finalBelief, c * X, X),
    };
    const beliefs = outcome.beliefs;
    if (beliefs) line.public_beliefs = Array.from({ length: N }, (_, k) => beliefJson(beliefs, (c * N + k) * X, X));
    lines.push(JSON.stringify(line));
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
