// Cooperative cancellation of the forecast: its loops are generators that pause at a checkpoint every few hundred
// units of work (beliefs expanded or created, agent steps sampled, simplex points); a driver runs them to the end, checks the
// signal at each checkpoint, and (async) gives the event loop a turn between time slices so a host stays responsive.

/** Anything with an `aborted` flag: an AbortSignal, or an adapter over an editor's cancellation token. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Thrown by a forecast whose signal was aborted: no result, nothing partial. */
export class ForecastCancelledError extends Error {
  constructor() {
    super('Forecast cancelled');
    this.name = 'ForecastCancelledError';
  }
}

/** Where a computation is: `done` of `total` units of its current phase. */
export interface ForecastProgress {
  phase: 'cascade-region' | 'exact' | 'monte-carlo';
  done: number;
  total: number;
}

/** A computation that yields a progress report at each checkpoint and returns T. */
export type ForecastWork<T> = Generator<ForecastProgress, T, void>;

/**
 * Work between two checkpoints: whichever limit comes first. A new public belief (its action table, X·Y·A) costs far
 * more than expanding a known one; on the six-state E2 profile a checkpoint falls every few milliseconds, and a
 * checkpoint (a generator step and a flag read) costs well under a microsecond.
 */
export const CHECKPOINT_EVERY = { expansions: 256, newBeliefs: 32, agentSteps: 4096, simplexPoints: 256 } as const;

/** Runs the work synchronously; throws ForecastCancelledError at the first checkpoint after the signal is aborted. */
export function runToEnd<T>(work: ForecastWork<T>, signal?: CancelSignal): T {
  if (signal?.aborted) throw new ForecastCancelledError();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (signal?.aborted) throw new ForecastCancelledError();
  }
}

export interface SliceOptions {
  signal?: CancelSignal;
  /** Called with the latest checkpoint before each pause. */
  onProgress?: (progress: ForecastProgress) => void;
  /** Milliseconds of computation between two turns of the event loop (default 20). */
  sliceMs?: number;
  /** Gives the event loop a turn (default: a zero-delay timer). */
  pause?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs the work in time slices, pausing between them, and stops at the first checkpoint after the signal is aborted. */
export async function runSliced<T>(work: ForecastWork<T>, opts: SliceOptions = {}): Promise<T> {
  const { signal, onProgress, sliceMs = 20, pause = nextTurn } = opts;
  if (signal?.aborted) throw new ForecastCancelledError();
  let sliceStart = Date.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (signal?.aborted) throw new ForecastCancelledError();
    if (Date.now() - sliceStart < sliceMs) continue;
    onProgress?.(step.value);
    await pause();
    if (signal?.aborted) throw new ForecastCancelledError();
    sliceStart = Date.now();
  }
}
