// `herdscope control whatif`: replays a run's observations with and without the threshold controller.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { whatIfControlled } from '../core/control/intervention';
import { InputError } from '../core/errors';
import type { CliIo } from './command';
import { enumFlag, numberFlag } from './control-flags';
import { readJsonFile, readModelFile } from './input-files';
import { intFlagOptional } from './int-flag';
import { parseObservationList } from './observation-list';

export const whatifUsage = `herdscope control whatif --model FILE --observations Y1,Y2,...|FILE --threshold T
    [--state-index 1] [--orientation continue-below|stop-below] [--true-state X]
  Replays the agents' observations twice: the plain social-learning chain, and with a controller that makes
  agents reveal their observation while π(I) < T (absorbing stop after). An observation FILE is a JSON array
  of indices (null = the agent produced no observation). Prints {informativeAgentsWith, informativeAgentsWithout,
  accuracyWith, accuracyWithout, accuracyMeasure, publicBeliefsWith, publicBeliefsWithout, stopStep, ...}.`;

function parseObservations(value: string | undefined): (number | null)[] {
  if (value === undefined) throw new InputError('--observations', 'is required (e.g. 1,0,0,1 or a JSON file)');
  // A missing *.json is reported as an unreadable file rather than as a malformed list.
  if (existsSync(value) || /\.json$/i.test(value)) {
    const raw = readJsonFile(value, '--observations');
    if (!Array.isArray(raw)) throw new InputError('--observations', 'the file must hold a JSON array of observation indices');
    return raw.map((y, i) => {
      if (y === null || Number.isInteger(y)) return y as number | null;
      throw new InputError(`observations[${i}]`, `must be an integer or null, got ${JSON.stringify(y)}`);
    });
  }
  return parseObservationList(value);
}

export async function runWhatIf(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      observations: { type: 'string' },
      threshold: { type: 'string' },
      'state-index': { type: 'string' },
      orientation: { type: 'string' },
      'true-state': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const model = readModelFile(values.model);
  const observations = parseObservations(values.observations);
  const threshold = numberFlag('--threshold', values.threshold, 0, 1);
  if (threshold === undefined) throw new InputError('--threshold', 'is required (a number in [0, 1])');
  const result = whatIfControlled(model, observations, {
    threshold,
    stateIndex: intFlagOptional('--state-index', values['state-index'], 0, model.prior.length - 1),
    orientation: enumFlag('--orientation', values.orientation, ['continue-below', 'stop-below'] as const),
    trueState: intFlagOptional('--true-state', values['true-state'], 0, model.prior.length - 1) ?? null,
  });
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
}
