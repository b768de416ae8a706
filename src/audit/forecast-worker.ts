// Worker-thread entry (bundled to dist/forecast-worker.js): computes one forecast and posts it back (forecast-compute.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { forecastHerding } from '../core/forecast';
import type { ForecastWorkerInput, ForecastWorkerOutput } from './forecast-compute';

const { model, options } = workerData as ForecastWorkerInput;
let out: ForecastWorkerOutput;
try {
  out = { ok: true, result: forecastHerding(model, options) };
} catch (err) {
  out = { ok: false, message: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(out);
