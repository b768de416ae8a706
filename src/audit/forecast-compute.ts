// Where a run's forecast is computed: in this process (CLI, reports, tests) or in a worker thread (the extension host,
// which must never block for the second or so a large enumeration or Monte Carlo pass can take).
import { Worker } from 'node:worker_threads';
import { forecastHerding, type ForecastOptions, type ForecastResult } from '../core/forecast';
import type { DecisionModel } from '../core/model';

/** The options a run's forecast is computed with (no AbortSignal: they cross to a worker). */
export type RunForecastOptions = Required<Omit<ForecastOptions, 'signal'>>;

export type ForecastCompute = (model: DecisionModel, options: RunForecastOptions) => Promise<ForecastResult>;

export const computeInProcess: ForecastCompute = async (model, options) => forecastHerding(model, options);

let processDefault: ForecastCompute = computeInProcess;

/**
 * How reports and overviews compute a forecast that is not cached yet when their caller names no way: in this process
 * (the CLI), or, once the extension has called setDefaultForecastCompute(computeInWorker(…)) at activation, in a worker.
 */
export function defaultForecastCompute(): ForecastCompute {
  return processDefault;
}

export function setDefaultForecastCompute(compute: ForecastCompute): void {
  processDefault = compute;
}

/** What the worker (forecast-worker.ts) receives and answers. */
export interface ForecastWorkerInput {
  model: DecisionModel;
  options: RunForecastOptions;
}
export type ForecastWorkerOutput = { ok: true; result: ForecastResult } | { ok: false; message: string };

/** Runs forecastHerding in a worker thread started from `workerFile` (the built forecast-worker.js), one per call. */
export function computeInWorker(workerFile: string): ForecastCompute {
  return (model, options) =>
    new Promise<ForecastResult>((resolve, reject) => {
      const input: ForecastWorkerInput = { model, options };
      const worker = new Worker(workerFile, { workerData: input });
      let answered = false;
      worker.once('message', (out: ForecastWorkerOutput) => {
        answered = true;
        if (out.ok) resolve(out.result);
        else reject(new Error(out.message));
        void worker.terminate();
      });
      worker.once('error', (err) => {
        answered = true;
        reject(err);
      });
      worker.once('exit', (code) => {
        if (!answered) reject(new Error(`the forecast worker stopped (exit code ${code}) without an answer`));
      });
    });
}
