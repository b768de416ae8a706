// `herdscope overview`: a dataset run's answer in numbers — how often, how early and how wrongly the agents herded,
// accuracy, the confusion table, revealed preferences across environments and the sensor check (same as the HTML report).
import { parseArgs } from 'node:util';
import { reportExtras } from '../audit/report/report-extras';
import { InputError } from '../core/errors';
import { RP_GROUPINGS } from '../shared/dataset-overview';
import type { CliCommand } from './command';
import { formatTable } from './format-table';
import { forecastBesideText, headlineRows, rateText, sensorCheckText } from './overview-output';
import { loadRunContext } from '../audit/run-files';

const usage = `usage: herdscope overview RUN_DIR [--json] [--rp-environments agent|prior-bin|label]

The dataset overview of a stored dataset run, from its counts (the numbers the HTML report shows):
herding rate (Wilson 95%), herding-step histogram, wrong-herd rate, accuracy (final belief, per agent, before/after
herding), the confusion table, errors, tokens and cost, revealed preferences across environments, the sensor check,
and the herding-risk forecast of the run's own model (its profile snapshot, its number of agents) beside what happened
per true state: exact while at most 200,000 public beliefs are reachable, else 20,000 seeded Monte Carlo chains per
state (fewer beyond 1,000 agents, at least 1,000); computed once and cached in RUN_DIR/forecast.json (the panel
and the HTML report show the same numbers).

  --json                 print {"overview": DatasetOverview, "sensor": SensorCheck, "forecast": RunForecast} as JSON, where
                         RunForecast is {"status":"ready","method":{..},"comparison":{"agents":N,"exact":bool,"states":[..]}}
                         or {"status":"unavailable","reason":".."}
  --rp-environments G    revealed-preference environments: agent (each agent position, default), prior-bin
                         (the public belief π(0) before the agent, in 5 bins) or label (every decision on the rows
                         of one label); --environments is the same option`;

export const overviewCommand: CliCommand = {
  name: 'overview',
  summary: 'the dataset overview of a run: herding rate and step, wrong herds, accuracy, confusion, RP, sensor check',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        'rp-environments': { type: 'string' },
        environments: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new InputError('RUN_DIR', 'is required (one run directory, RUNS_DIR/<run id>)');
    const given = values['rp-environments'] ?? values.environments ?? 'agent';
    const grouping = RP_GROUPINGS.find((g) => g === given);
    if (!grouping) throw new InputError('--rp-environments', `must be ${RP_GROUPINGS.join(', ')}, got '${given}'`);
    const ctx = await loadRunContext(positionals[0]);
    if (ctx.meta.header.kind !== 'dataset')
      throw new InputError('RUN_DIR', `run ${ctx.meta.header.runId} is a ${ctx.meta.header.kind} run, not a dataset run`);
    const { overview, sensor, forecast, reason } = await reportExtras(ctx.runDir, grouping);
    if (!overview || !sensor) throw new InputError('RUN_DIR', `no overview: ${reason ?? 'unknown reason'}`);
    if (values.json) {
      io.stdout(`${JSON.stringify({ overview, sensor, forecast })}\n`);
      return 0;
    }
    const h = ctx.meta.header;
    const o = overview;
    const lines = [
      `overview of run ${h.runId} (${ctx.meta.status}): ${o.items} finished rows, ${o.labelled} labelled, ${o.agents} agents each${h.simulated ? ' — SIMULATED' : ''}`,
      formatTable(['', ''], headlineRows(o)).split('\n').slice(2).join('\n').trimEnd(),
      `errors: ${o.errors.steps} steps${
        Object.keys(o.errors.byKind).length
          ? ` (${Object.entries(o.errors.byKind)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')})`
          : ''
      }; tokens ${o.tokens.prompt} + ${o.tokens.completion}; cost $${o.costUsd.toFixed(4)}`,
      '',
      'herding step (rows whose chain entered the cascade region at agent k):',
      formatTable(
        ['agent', 'rows', 'accuracy of its action'],
        o.herdingStepHistogram.map((n, k) => [String(k + 1), String(n), rateText(o.accuracyByAgent[k])]),
        new Set([0, 1]),
      ).trimEnd(),
      '',
      'confusion (label × final action):',
      formatTable(
        ['label \\ action', ...h.actions],
        o.confusion.map((row, x) => [h.states[x], ...row.map(String)]),
        new Set(h.actions.map((_, i) => i + 1)),
      ).trimEnd(),
      '',
      rpText(o.rp, h.actions),
      '',
      sensorCheckText(sensor, h.states),
      ...(forecast ? [forecastBesideText(forecast, h.states), ''] : []),
    ];
    io.stdout(`${lines.join('\n')}`);
    return 0;
  },
};

function rpText(rp: NonNullable<Awaited<ReturnType<typeof reportExtras>>['overview']>['rp'], actions: readonly string[]): string {
  if (!rp) return 'revealed preferences: n/a';
  const head = `revealed preferences, ${{ agent: 'agent positions', 'prior-bin': 'prior bins', label: 'labels' }[rp.grouping]} as environments: `;
  if (!rp.verdict) return `${head}no verdict (${rp.reason ?? 'unknown'})${rp.note ? `\n  ${rp.note}` : ''}`;
  const v = rp.verdict;
  const rows = rp.environments.map((e) => [
    e.name,
    String(e.decisions),
    e.niasSlack === null ? '-' : e.niasSlack.toFixed(4),
    e.cost === null ? '-' : e.cost.toFixed(4),
  ]);
  return [
    `${head}${v.passes ? 'PASS' : 'FAIL'} (NIAS margin ${v.niasMargin.toFixed(6)}, ${v.niacMargin === null ? 'NIAC n/a: one environment' : `NIAC margin ${v.niacMargin.toFixed(6)}`}; ${v.basis})`,
    ...(rp.note ? [`  ${rp.note}`] : []),
    formatTable(['environment', 'decisions', 'NIAS slack', 'cost κ'], rows, new Set([1, 2, 3])).trimEnd(),
    `reconstructed utility r(x, a) per environment (a row per state x; columns: ${actions.join(', ')}):`,
    ...rp.environments.map(
      (e) => `  ${e.name}: ${e.utility ? e.utility.map((row) => row.map((u) => u.toFixed(3)).join(' ')).join(' | ') : '-'}`,
    ),
  ].join('\n');
}
