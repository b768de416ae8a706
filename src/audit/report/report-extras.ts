// The dataset overview, sensor check and forecast beside what happened of a stored run, as the HTML report shows them
// (the same functions as the CLI).
import type { DatasetOverview } from '../../shared/dataset-overview';
import type { RunForecast } from '../../shared/run-forecast';
import { defaultForecastCompute, type ForecastCompute } from '../forecast-compute';
import { datasetOverview, type RpGrouping } from '../overview-from-counts';
import { loadRunContext, runCounts } from '../run-files';
import { runForecast } from '../run-forecast';
import { checkSensor, type SensorCheck } from '../sensor-check';

export interface ReportExtras {
  overview: DatasetOverview | null;
  sensor: SensorCheck | null;
  /** The herding-risk forecast of the run's model beside its counts (cached in the run folder), or why there is none. */
  forecast: RunForecast | null;
  /** Why there is no overview (e.g. the profile's likelihood file is gone). */
  reason?: string;
}

/** Dataset runs only; a run whose profile cannot be resolved any more gets a reason instead of an exception. */
export async function reportExtras(
  runDir: string,
  grouping: RpGrouping = 'agent',
  compute: ForecastCompute = defaultForecastCompute(),
): Promise<ReportExtras> {
  try {
    const ctx = await loadRunContext(runDir);
    if (ctx.meta.header.kind !== 'dataset') return { overview: null, sensor: null, forecast: null, reason: 'not a dataset run' };
    const counts = await runCounts(ctx.runDir, ctx);
    return {
      overview: await datasetOverview(counts, grouping, ctx.meta.header.states),
      sensor: checkSensor(counts.observationsByLabel, ctx.model.likelihood, ctx.meta.header.states),
      forecast: await runForecast(ctx.runDir, counts, ctx, compute),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { overview: null, sensor: null, forecast: { status: 'unavailable', reason: `the forecast cannot be built: ${reason}` }, reason };
  }
}
