// The simulation engine's public surface.
export { BeliefStepper } from './belief-stepper';
export { ChainSimulator, type ChainTrace, type RunOptions } from './engine';
export { drawObservations, observationSupport } from './observation-draws';
export { initialBelief, linspace01, assertPriorValue } from './prior-grid';
export { formatResults } from './results-file';
export { formatSequences, parseSequenceChains, parseSequencesHeader, SEQUENCES_FORMAT, type SequencesHeader } from './sequences-file';
export { parseSimulationModel, MAX_SYMBOLS } from './simulation-model';
export { summarise, type SimulationSummary } from './summary';
export * from './types';
export { warmUpSimulation, WARM_UP_MIN_STEPS } from './warm-up';
export { wilsonInterval } from './wilson';
