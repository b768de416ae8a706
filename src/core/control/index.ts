// Public API of the control layer (spec §5): optimal stopping, threshold policies, SPSA, incentives, what-if replay.
export * from './stopping-problem';
export * from './stage-costs';
export * from './threshold-policy';
export * from './policy-shape';
export * from './value-iteration';
export * from './structural-conditions';
export * from './monte-carlo';
export * from './statistics';
export * from './spsa';
export * from './stopping-spsa';
export * from './code-parity-stopping';
export * from './incentive-agent';
export * from './incentives';
export * from './incentive-presets';
export * from './incentive-spsa';
export * from './controlled-chain';
export * from './intervention';
