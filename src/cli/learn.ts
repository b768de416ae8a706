// `herdscope learn`: runs the social-learning chain of spec §4 on a model file and an observation sequence.
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { learn } from '../core/social-learning';
import type { CliCommand } from './command';
import { readModelFile } from './input-files';
import { parseObservationList } from './observation-list';

const usage = `usage: herdscope learn --model FILE --observations Y1,Y2,... [--code-parity]

Runs Bayesian social learning (spec §4): agent k observes y_k, forms its private belief from the public
belief, takes the myopic action (ties to the lowest index), and the public updates with T(π,a).

  --model FILE        JSON {"prior":[..], "likelihood":[[..]] (X×Y, B[x][y] = P(y|x)),
                      "utility":[[..]] or "cost":[[..]] (X×A, exactly one), "transition":[[..]] (X×X, optional)}
                      Rows must be non-negative and sum to 1 within 1e-9; values are used as given.
  --observations LIST comma-separated observation indices in 0..Y-1, one per agent (may be empty)
  --code-parity       use the authors' update π' ∝ (I + R)P'π instead of Bayes (spec §7.1)

Prints one line: {"steps":[{"privateBelief":[..]|null,"action":n,"publicBelief":[..],"cascade":bool}],
"herdingStep":n|null}. publicBelief is π_k after agent k; cascade is true when π_{k-1} is in the herding
region (the action could not depend on the observation); herdingStep is the first such agent (1-based).
An observation with probability 0 under the public belief has privateBelief null; the agent then takes
action 0 (all expected utilities are 0; lowest index wins). If the public model gives that action
probability 0 as well, the public belief only moves by the transition: π_k = P'π_{k-1}.
Bad input: one line on stderr naming the field, exit code 2.`;

export const learnCommand: CliCommand = {
  name: 'learn',
  summary: 'run Bayesian social learning on a model file and observations; report beliefs, actions, cascade',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        model: { type: 'string' },
        observations: { type: 'string' },
        'code-parity': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.model === undefined) throw new InputError('--model', 'is required (a model JSON file)');
    if (values.observations === undefined) throw new InputError('--observations', 'is required (e.g. 1,0,0,1)');
    const observations = parseObservationList(values.observations);
    const model = readModelFile(values.model);
    const { steps, herdingStep } = learn(model, observations, { codeParity: values['code-parity'] });
    io.stdout(`${JSON.stringify({ steps, herdingStep })}\n`); // the documented output: steps and herdingStep only
    return 0;
  },
};
