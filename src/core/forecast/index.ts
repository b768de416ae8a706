// The herding-risk forecast's public surface.
export { cascadeRegion, priorAxisIntervals } from './cascade-region';
export { exactHerdingLaw, type HerdingLaw } from './exact';
export { forecastHerding, FORECAST_DEFAULTS, type ForecastOptions } from './forecast';
export { sampleHerding, type SampledHerding } from './monte-carlo';
export type * from './types';
