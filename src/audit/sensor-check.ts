// Sensor misspecification check (issue 10 §2): do the LLM's answers per true state follow the profile's B(y|x)?
// A G-test per state (Holm across states), the total-variation distance, and the log-likelihood ratio of the run's
// observations under B vs under the run's own estimate (the observed frequencies).
import { gTest, holm, totalVariation } from '../core/statistics';
import type { SensorCheck, SensorStateCheck, SensorWorst } from '../shared/sensor-check';

export const SENSOR_ALPHA = 0.05;

export type { SensorCheck, SensorStateCheck, SensorWorst };

/** observationsByLabel[x][y] (RunCounts) against likelihood[x][y] (the profile's B). */
export function checkSensor(
  observationsByLabel: readonly (readonly number[])[],
  likelihood: readonly (readonly number[])[],
  stateNames: readonly string[] = [],
): SensorCheck {
  if (observationsByLabel.length !== likelihood.length)
    throw new RangeError(`checkSensor: ${observationsByLabel.length} states of counts but ${likelihood.length} rows of B`);
  const raw = observationsByLabel.map((observed, state) => {
    const expected = [...likelihood[state]];
    const t = gTest(observed, expected);
    const n = t.n;
    return {
      state,
      n,
      observed: [...observed],
      expected,
      g: n === 0 || !Number.isFinite(t.g) ? null : t.g,
      df: t.df,
      p: n === 0 ? null : t.p,
      pHolm: null as number | null,
      tv:
        n === 0
          ? null
          : totalVariation(
              observed.map((o) => o / n),
              expected,
            ),
      ...(t.impossible.length > 0 ? { impossible: t.impossible } : {}),
    } satisfies SensorStateCheck;
  });
  holm(raw.map((s) => s.p)).forEach((p, i) => (raw[i].pHolm = p));
  const states: SensorStateCheck[] = raw;
  const rejected = states.some((s) => s.pHolm !== null && s.pHolm < SENSOR_ALPHA);
  const observations = states.reduce((a, s) => a + s.n, 0);
  const llr = logLikelihoodRatio(states);
  const worst = worstCell(states);
  return {
    rejected,
    alpha: SENSOR_ALPHA,
    states,
    observations,
    logLikelihoodRatio: llr,
    logLikelihoodRatioPerObservation: llr === null ? null : observations > 0 ? llr / observations : 0,
    worst,
    message: sensorMessage(rejected, states, worst, observations, stateNames),
  };
}

function logLikelihoodRatio(states: readonly SensorStateCheck[]): number | null {
  let sum = 0;
  for (const s of states) {
    if (s.impossible) return null;
    s.observed.forEach((o, y) => {
      if (o > 0) sum += o * Math.log(s.expected[y] / (o / s.n));
    });
  }
  return sum;
}

function worstCell(states: readonly SensorStateCheck[]): SensorWorst | null {
  const tested = states.filter((s) => s.n > 0);
  if (tested.length === 0) return null;
  const gOf = (s: SensorStateCheck) => (s.impossible ? Infinity : (s.g ?? 0));
  const worst = tested.reduce((a, b) => ((b.pHolm as number) < (a.pHolm as number) || (b.pHolm === a.pHolm && gOf(b) > gOf(a)) ? b : a));
  let y = 0;
  const gap = (i: number) => Math.abs(worst.observed[i] / worst.n - worst.expected[i]);
  for (let i = 1; i < worst.observed.length; i++) if (gap(i) > gap(y) + 1e-12) y = i; // ties (up to rounding) go to the lowest y
  return { state: worst.state, y, observedShare: worst.observed[y] / worst.n, assumedShare: worst.expected[y] };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const pText = (p: number) => (p === 0 ? '0' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

function sensorMessage(
  rejected: boolean,
  states: readonly SensorStateCheck[],
  worst: SensorWorst | null,
  observations: number,
  names: readonly string[],
): string {
  if (worst === null) return 'no labelled observations: the sensor model cannot be checked without labels';
  const s = states[worst.state];
  const name = names[worst.state] ?? `state ${worst.state}`;
  const cell = `in state "${name}" the model answered y = ${worst.y} in ${percent(worst.observedShare)} of ${s.n} observations; the profile assumes ${percent(worst.assumedShare)}`;
  if (rejected) {
    const why = s.impossible
      ? `B gives y = ${s.impossible.join(', ')} probability 0 in this state`
      : `G = ${(s.g as number).toFixed(2)} on ${s.df} df, Holm p = ${pText(s.pHolm as number)}`;
    return `The profile's sensor model B is rejected (α = ${SENSOR_ALPHA}): ${cell} (${why}). Beliefs and herding flags of this run are computed under a model the LLM does not follow; re-estimate B from this run.`;
  }
  return `The observations are consistent with B (α = ${SENSOR_ALPHA}, ${observations} observations; smallest Holm p = ${pText(s.pHolm as number)}): ${cell}.`;
}
