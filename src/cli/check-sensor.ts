// `herdscope check-sensor`: does the LLM answer the way the profile's B assumes? Optionally re-estimate B from the run
// and replay the run offline under it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { overviewFromCounts } from '../audit/overview-from-counts';
import { reestimateRun } from '../audit/reestimate';
import { loadRunContext, runCounts } from '../audit/run-files';
import { checkSensor } from '../audit/sensor-check';
import { InputError } from '../core/errors';
import type { CliCommand } from './command';
import { formatTable } from './format-table';
import { headlineRows, sensorCheckText } from './overview-output';

const usage = `usage: herdscope check-sensor RUN_DIR [--json] [--reestimate OUT.herdscope.json [--smoothing S]] [--fail-on-reject]

Compares the LLM's answers per true state (one per labelled agent step with an observation) with the
profile's sensor model B(y|x): a G-test per state, Holm-corrected across states (α = 0.05), the total-variation
distance, and the log-likelihood ratio of the observations under B vs under their own frequencies.

  --json                 print the check as JSON: {"rejected","alpha","states":[{state,n,observed,expected,g,df,p,pHolm,tv}],...}
  --reestimate FILE      write a new profile (FILE must end in .herdscope.json and must not exist) whose B is estimated
                         from this run, replay the recorded answers under it (no calls) and print before → after
  --smoothing S          pseudo-count added to every cell of the re-estimate (default 1, spec §2.4)
  --fail-on-reject       exit 1 when B is rejected (for CI gates)`;

export const checkSensorCommand: CliCommand = {
  name: 'check-sensor',
  summary: "test the run's LLM answers against the profile's sensor model B; re-estimate B and replay offline",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        reestimate: { type: 'string' },
        smoothing: { type: 'string' },
        'fail-on-reject': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new InputError('RUN_DIR', 'is required (one run directory, RUNS_DIR/<run id>)');
    if (values.smoothing !== undefined && values.reestimate === undefined)
      throw new InputError('--smoothing', 'only applies with --reestimate');
    const smoothing = values.smoothing === undefined ? 1 : Number(values.smoothing);
    if (!Number.isFinite(smoothing) || smoothing < 0)
      throw new InputError('--smoothing', `must be a number >= 0, got '${values.smoothing}'`);
    const ctx = await loadRunContext(positionals[0]);
    const counts = await runCounts(ctx.runDir, ctx);
    const states = ctx.meta.header.states;
    const check = checkSensor(counts.observationsByLabel, ctx.model.likelihood, states);
    const re = values.reestimate === undefined ? null : await reestimateRun(ctx.runDir, path.resolve(values.reestimate), smoothing);
    if (values.json) {
      const extra = re
        ? {
            reestimate: {
              file: re.file,
              likelihood: re.likelihood,
              keptStates: re.keptStates,
              before: overviewFromCounts(re.before),
              after: overviewFromCounts(re.after),
            },
          }
        : {};
      io.stdout(`${JSON.stringify({ ...check, ...extra })}\n`);
    } else {
      io.stdout(
        `sensor check of run ${ctx.meta.header.runId} (profile ${ctx.meta.header.profileName}, ${counts.labelled} labelled rows, ${check.observations} observations)\n`,
      );
      io.stdout(sensorCheckText(check, states));
      if (re)
        io.stdout(
          reestimateText(
            re.file,
            re.keptStates.map((x) => states[x]),
            overviewFromCounts(re.before),
            overviewFromCounts(re.after),
            smoothing,
          ),
        );
    }
    return values['fail-on-reject'] && check.rejected ? 1 : 0;
  },
};

function reestimateText(
  file: string,
  kept: string[],
  before: ReturnType<typeof overviewFromCounts>,
  after: ReturnType<typeof overviewFromCounts>,
  smoothing: number,
): string {
  const b = headlineRows(before);
  const a = headlineRows(after);
  const table = formatTable(
    ['', "with the profile's B", '→ with B from this run'],
    b.map(([label, value], i) => [label, value, a[i][1]]),
  );
  return [
    `wrote ${file}: B estimated from this run's labelled observations (+${smoothing} smoothing)${kept.length ? `; no observations for ${kept.join(', ')}, whose rows are kept` : ''}`,
    `replayed ${after.items} rows offline on the recorded answers (no calls):`,
    table,
  ].join('\n');
}
