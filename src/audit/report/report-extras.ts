// The dataset overview and sensor check of a stored run, as the HTML report shows them (the same functions as the CLI).
import type { DatasetOverview } from '../../shared/dataset-overview';
import { datasetOverview, type RpGrouping } from '../overview-from-counts';
import { loadRunContext, runCounts } from '../run-files';
import { checkSensor, type SensorCheck } from '../sensor-check';

export interface ReportExtras {
  overview: DatasetOverview | null;
  sensor: SensorCheck | null;
  /** Why there is no overview (e.g. the profile's likelihood file is gone). */
  reason?: string;
}

/** Dataset runs only; a run whose profile cannot be resolved any more gets a reason instead of an exception. */
export async function reportExtras(runDir: string, grouping: RpGrouping = 'agent'): Promise<ReportExtras> {
  try {
    const ctx = await loadRunContext(runDir);
    if (ctx.meta.header.kind !== 'dataset') return { overview: null, sensor: null, reason: 'not a dataset run' };
    const counts = await runCounts(ctx.runDir, ctx);
    return {
      overview: await datasetOverview(counts, grouping, ctx.meta.header.states),
      sensor: checkSensor(counts.observationsByLabel, ctx.model.likelihood, ctx.meta.header.states),
    };
  } catch (error) {
    return { overview: null, sensor: null, reason: error instanceof Error ? error.message : String(error) };
  }
}
