import assert from 'node:assert/strict';
import type { ItemSummary } from '../../src/shared/run-header';
import { addItem, emptyCounts, labelActionTotals, mergeCounts, optimalActions, priorBin } from '../../src/audit/run-counts';
import { finalActionOf, isWrongHerd } from '../../src/audit/item-facts';
import { rpEnvironments } from '../../src/audit/overview-from-counts';
import type { StepRecord } from '../../src/shared/step-record';

// Two states, two actions (action a optimal in state a), three observations, three agents.
const optimal = optimalActions({
  prior: [0.5, 0.5],
  likelihood: [
    [0.5, 0.3, 0.2],
    [0.2, 0.3, 0.5],
  ],
  utility: [
    [1, 0],
    [0, 1],
  ],
});
const dims = { states: 2, actions: 2, observations: 3, agents: 3 };

function step(
  item: number,
  index: number,
  action: number | null,
  y: number | null,
  before: number[],
  extra: Partial<StepRecord> = {},
): StepRecord {
  return {
    runId: 'r',
    item,
    index,
    provider: 'openai',
    model: 'm',
    promptHash: 'h',
    rawResponse: null,
    observation: y === null ? null : { attributes: {}, index: y },
    privateBelief: null,
    action,
    bayesAction: action,
    publicBeliefBefore: before,
    publicBeliefAfter: before,
    cascade: false,
    herding: false,
    tokens: { prompt: 10, completion: 2 },
    latencyMs: 1,
    costUsd: 0.5,
    ...extra,
  };
}

function item(n: number, label: number | null, herdingStep: number | null, herdAction: number | null, final: number[]): ItemSummary {
  return { item: n, text: `t${n}`, label, herdingStep, herdAction, finalPublicBelief: final, errors: 0 };
}

describe('run counts', () => {
  it('counts one herded-wrong item and one clean item by hand', () => {
    const counts = emptyCounts(dims);
    // Item 0, label 0: agents 1,2 act 1 (wrong), the chain herds on action 1 at agent 3.
    addItem(
      counts,
      item(0, 0, 3, 1, [0.2, 0.8]),
      [step(0, 3, 1, 2, [0.1, 0.9]), step(0, 1, 1, 2, [0.5, 0.5]), step(0, 2, 1, 1, [0.3, 0.7], { error: undefined })],
      optimal,
    );
    // Item 1, label 1: agent 1 right, agent 2 failed (no observation, no action), agent 3 right; no herding.
    addItem(
      counts,
      item(1, 1, null, null, [0.35, 0.65]),
      [
        step(1, 1, 1, 2, [0.5, 0.5]),
        step(1, 2, null, null, [0.35, 0.65], { error: { kind: 'parse', message: 'x' }, tokens: null, costUsd: null }),
        step(1, 3, 1, 1, [0.95, 0.05]),
      ],
      optimal,
    );
    assert.equal(counts.items, 2);
    assert.equal(counts.labelled, 2);
    assert.equal(counts.herded, 1);
    assert.deepEqual(counts.herdingSteps, [0, 0, 1]);
    assert.equal(counts.wrongHerds, 1);
    assert.deepEqual(counts.labelledByLabel, [1, 1]);
    assert.deepEqual(counts.herdedByLabel, [1, 0]); // item 0 (label 0) herded, item 1 (label 1) did not
    assert.deepEqual(counts.wrongHerdsByLabel, [1, 0]);
    assert.equal(counts.finalCorrect, 1); // item 0's argmax is state 1 ≠ 0; item 1's is 1 = label
    assert.deepEqual(counts.confusion, [
      [0, 1],
      [0, 1],
    ]);
    assert.deepEqual(counts.agentDecisions, [2, 1, 2]);
    assert.deepEqual(counts.agentCorrect, [1, 0, 1]);
    assert.deepEqual(counts.beforeHerding, { n: 4, correct: 2 }); // item 0 agents 1–2, item 1 agents 1 and 3
    assert.deepEqual(counts.afterHerding, { n: 1, correct: 0 });
    assert.deepEqual(counts.actionCounts, [
      [0, 2],
      [0, 1],
      [0, 2],
    ]);
    assert.deepEqual(counts.labelActionByAgent[0], [
      [0, 1],
      [0, 1],
    ]);
    assert.deepEqual(counts.labelActionByPriorBin[priorBin(0.5)], [
      [0, 1],
      [0, 1],
    ]);
    assert.deepEqual(counts.labelActionByPriorBin[priorBin(0.95)], [
      [0, 0],
      [0, 1],
    ]);
    assert.deepEqual(counts.observationsByLabel, [
      [0, 1, 2],
      [0, 1, 1],
    ]);
    // Per label, every labelled step with an action: item 0's three agents act 1; item 1's agents 1 and 3 act 1.
    assert.deepEqual(labelActionTotals(counts), [
      [0, 3],
      [0, 2],
    ]);
    // The label environments: one per label, holding only that label's row.
    const { groups, note } = rpEnvironments(counts, 'label', ['calm', 'hot']);
    assert.deepEqual(groups, [
      {
        name: 'label calm',
        counts: [
          [0, 3],
          [0, 0],
        ],
      },
      {
        name: 'label hot',
        counts: [
          [0, 0],
          [0, 2],
        ],
      },
    ]);
    assert.equal(note, undefined);
    assert.equal(counts.errorSteps, 1);
    assert.deepEqual(counts.errorsByKind, { parse: 1 });
    assert.equal(counts.promptTokens, 50);
    assert.equal(counts.costUsd, 2.5);
  });

  it('ignores labels for unlabelled items but still counts herding, actions and tokens', () => {
    const counts = emptyCounts(dims);
    addItem(counts, item(0, null, 1, 0, [0.9, 0.1]), [step(0, 1, 0, 0, [0.9, 0.1])], optimal);
    assert.equal(counts.labelled, 0);
    assert.equal(counts.herded, 1);
    assert.equal(counts.wrongHerds, 0);
    assert.deepEqual(counts.labelledByLabel, [0, 0]);
    assert.deepEqual(counts.herdedByLabel, [0, 0]);
    assert.deepEqual(counts.observationsByLabel, [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(counts.actionCounts[0], [1, 0]);
  });

  it('merging the counts of two halves equals counting everything at once', () => {
    const items = Array.from({ length: 40 }, (_, n) => {
      const label = n % 3 === 0 ? null : n % 2;
      const herd = n % 4 === 0 ? 1 + (n % 3) : null;
      const steps = [1, 2, 3].map((k) =>
        step(
          n,
          k,
          (n + k) % 2,
          (n * k) % 3,
          [((n * 7 + k) % 10) / 10, 1 - ((n * 7 + k) % 10) / 10],
          k === 2 && n % 5 === 0 ? { error: { kind: 'http', message: 'x' } } : {},
        ),
      );
      return { summary: item(n, label, herd, herd === null ? null : n % 2, [(n % 10) / 10, 1 - (n % 10) / 10]), steps };
    });
    const all = emptyCounts(dims);
    const first = emptyCounts(dims);
    const second = emptyCounts(dims);
    items.forEach(({ summary, steps }, i) => {
      addItem(all, summary, steps, optimal);
      addItem(i < 17 ? first : second, summary, steps, optimal);
    });
    assert.deepEqual(mergeCounts(first, second), all);
    assert.deepEqual(labelActionTotals(mergeCounts(first, second)), labelActionTotals(all));
    // Items n ≡ 1, 2, 4, 5 (mod 6) are labelled n % 2; those with n % 4 = 0 herded on n % 2 = 0, right for label 0.
    assert.deepEqual(all.labelledByLabel, [13, 13]);
    assert.deepEqual(all.herdedByLabel, [6, 0]); // n = 4, 8, 16, 20, 28, 32
    assert.deepEqual(all.wrongHerdsByLabel, [0, 0]);
    assert.equal(all.wrongHerds, 0);
  });

  it('an item’s final action and wrong herd, as the confusion table and the wrong-herd count use them', () => {
    const steps = [
      step(0, 3, null, null, [0.5, 0.5]),
      step(0, 1, 0, 0, [0.5, 0.5]),
      step(0, 2, 1, 2, [0.5, 0.5]),
      step(0, 4, 0, 0, [0.5, 0.5]),
    ];
    assert.equal(finalActionOf(steps, 3), 1); // agent 3 has no action, agent 4 lies past the chain's 3 agents
    assert.equal(finalActionOf(steps), 0); // without a bound, agent 4's
    assert.equal(finalActionOf([step(0, 1, null, null, [0.5, 0.5])]), null);
    assert.equal(isWrongHerd({ label: 0, herdingStep: 2, herdAction: 1 }, optimal), true);
    assert.equal(isWrongHerd({ label: 1, herdingStep: 2, herdAction: 1 }, optimal), false);
    assert.equal(isWrongHerd({ label: 0, herdingStep: null, herdAction: null }, optimal), false);
    assert.equal(isWrongHerd({ label: null, herdingStep: 2, herdAction: 1 }, optimal), null);
    // The counts agree: item 0 (label 0) ends on action 1 and herded on 1.
    const counts = emptyCounts(dims);
    addItem(counts, item(0, 0, 2, 1, [0.5, 0.5]), steps, optimal);
    assert.deepEqual(counts.confusion, [
      [0, 1],
      [0, 0],
    ]);
    assert.equal(counts.wrongHerds, 1);
  });

  it('bins the public belief with 1 in the last bin', () => {
    assert.equal(priorBin(0), 0);
    assert.equal(priorBin(0.199), 0);
    assert.equal(priorBin(0.2), 1);
    assert.equal(priorBin(1), 4);
  });
});
