import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import {
  actionMarginals,
  checkEnvironments,
  choiceProbabilitiesFromCounts,
  parseChoiceData,
  perturbChoices,
  posteriorsGivenAction,
} from '../../../src/core/revealed-preference/choice-data';

function inputError(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: unknown) => err instanceof InputError && err.message === message);
}

describe('revealed preference: choice data', () => {
  const env = (prior: number[], actionGivenState: number[][]) => ({ prior, actionGivenState });

  it('accepts consistent environments and reports X and A', () => {
    const data = parseChoiceData({
      environments: [
        env(
          [0.5, 0.5],
          [
            [0.8, 0.2],
            [0.3, 0.7],
          ],
        ),
        env(
          [0.3, 0.7],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      ],
    });
    assert.equal(data.states, 2);
    assert.equal(data.actions, 2);
    assert.equal(data.environments.length, 2);
  });

  it('rejects a row summing to 10 and names it', () => {
    inputError(
      () =>
        parseChoiceData({
          environments: [
            env(
              [0.5, 0.5],
              [
                [0.5, 0.5],
                [3, 7],
              ],
            ),
          ],
        }),
      'environments[0].actionGivenState[1]: must sum to 1, sums to 10',
    );
  });

  it('rejects negative entries, bad priors, mismatched shapes, a single action and a missing list', () => {
    inputError(
      () =>
        parseChoiceData({
          environments: [
            env(
              [0.5, 0.5],
              [
                [1.2, -0.2],
                [0.5, 0.5],
              ],
            ),
          ],
        }),
      'environments[0].actionGivenState[0][1]: must be non-negative, got -0.2',
    );
    inputError(
      () =>
        parseChoiceData({
          environments: [
            env(
              [0.6, 0.5],
              [
                [1, 0],
                [0, 1],
              ],
            ),
          ],
        }),
      'environments[0].prior: must sum to 1, sums to 1.1',
    );
    inputError(
      () =>
        parseChoiceData({
          environments: [
            env(
              [0.5, 0.5],
              [
                [1, 0],
                [0, 1],
                [0.5, 0.5],
              ],
            ),
          ],
        }),
      'environments[0].actionGivenState: must have 2 rows, got 3',
    );
    inputError(
      () =>
        parseChoiceData({
          environments: [
            env(
              [0.5, 0.5],
              [
                [1, 0],
                [0, 1],
              ],
            ),
            env(
              [0.2, 0.3, 0.5],
              [
                [1, 0],
                [0, 1],
                [1, 0],
              ],
            ),
          ],
        }),
      'environments[1].prior: must have 2 entries, got 3',
    );
    inputError(
      () =>
        parseChoiceData({
          environments: [
            env(
              [0.5, 0.5],
              [
                [1, 0],
                [0, 1],
              ],
            ),
            env(
              [0.5, 0.5],
              [
                [1, 0, 0],
                [0, 1, 0],
              ],
            ),
          ],
        }),
      'environments[1].actionGivenState[0]: must have 2 entries, got 3',
    );
    inputError(
      () => parseChoiceData({ environments: [env([0.5, 0.5], [[1], [1]])] }),
      'environments[0].actionGivenState[0]: needs at least 2 actions, got 1',
    );
    inputError(() => parseChoiceData({ environments: [] }), 'environments: must be a non-empty array of environments');
    inputError(() => parseChoiceData([]), 'data: must be an object with an "environments" array');
    inputError(() => checkEnvironments([{ prior: [1] }]), 'environments[0].actionGivenState: must be a non-empty array of rows');
  });

  it('turns counts into p(a|x), with optional additive smoothing', () => {
    assert.deepEqual(
      choiceProbabilitiesFromCounts([
        [3, 1],
        [0, 4],
      ]),
      [
        [0.75, 0.25],
        [0, 1],
      ],
    );
    assert.deepEqual(
      choiceProbabilitiesFromCounts(
        [
          [3, 1],
          [0, 4],
        ],
        1,
      ),
      [
        [4 / 6, 2 / 6],
        [1 / 6, 5 / 6],
      ],
    );
    inputError(
      () =>
        choiceProbabilitiesFromCounts([
          [0, 0],
          [1, 1],
        ]),
      'counts[0]: has no counts; add smoothing or drop the state',
    );
    inputError(() => choiceProbabilitiesFromCounts([[1, -1]]), 'counts[0][1]: must be non-negative, got -1');
  });

  it('gives no posterior for an unused action and Bayes posteriors otherwise', () => {
    const e = env(
      [0.5, 0.5],
      [
        [0.8, 0.2, 0],
        [0.3, 0.7, 0],
      ],
    );
    const marginals = actionMarginals(e);
    assert.ok(Math.abs(marginals[0] - 0.55) < 1e-15 && Math.abs(marginals[1] - 0.45) < 1e-15);
    assert.equal(marginals[2], 0);
    const [q0, q1, q2] = posteriorsGivenAction(e);
    assert.ok(Math.abs(q0![0] - 0.4 / 0.55) < 1e-15 && Math.abs(q0![1] - 0.15 / 0.55) < 1e-15);
    assert.ok(Math.abs(q1![0] - 0.1 / 0.45) < 1e-15);
    assert.equal(q2, null);
  });

  it('perturbs choices into a row-stochastic matrix within the noise amplitude', () => {
    let k = 0;
    const draws = [0.5, 0, 0.25, 0.75];
    const noisy = perturbChoices(
      [
        [0.8, 0.2],
        [0.3, 0.7],
      ],
      0.01,
      () => draws[k++],
    );
    assert.ok(Math.abs(noisy[0][0] - 0.805 / 1.005) < 1e-15 && Math.abs(noisy[1][1] - 0.7075 / 1.01) < 1e-15);
    for (const row of noisy) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-15);
  });
});
