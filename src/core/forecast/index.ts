// The herding-risk forecast's public surface.
export { CHECKPOINT_EVERY, ForecastCancelledError, type CancelSignal, type ForecastProgress, type SliceOptions } from './cancellation';
export { cascadeRegion, priorAxisIntervals } from './cascade-region';
export { exactHerdingLaw, type HerdingLaw } from './exact';
export { forecastHerding, forecastHerdingAsync, FORECAST_DEFAULTS, type ForecastOptions } from './forecast';
export { sampleHerding, type SampledHerding } from './monte-carlo';
export type * from './types';
