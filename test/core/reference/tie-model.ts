// A model found by the simulator's property test: with observations [1, 0], the normalised public belief rounds a tie
// between actions 0 and 1 the other way than learn()'s exact weights do (herding at agent 2, on action 1).
import type { DecisionModel } from '../../../src/core/model';

export const TIE_MODEL: DecisionModel = {
  prior: [0, 1],
  likelihood: [
    [1 / 9, 1 / 9, 4 / 9, 3 / 9],
    [2 / 9, 0, 5 / 9, 2 / 9],
  ],
  utility: [
    [0, 2, 0, 0],
    [2, -1, 0, 0],
  ],
  transition: [
    [0.75, 0.25],
    [0.75, 0.25],
  ],
};
export const TIE_OBSERVATIONS = [1, 0];
