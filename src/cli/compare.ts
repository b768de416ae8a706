// `herdscope compare`: two runs side by side, their common rows paired by text, McNemar on paired correctness.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { compareRuns, type RunComparison, type RunSide } from '../audit/compare-runs';
import { htmlComparison } from '../audit/report/html-compare';
import { InputError } from '../core/errors';
import type { CliCommand } from './command';
import { formatTable, oneLine } from './format-table';
import { headlineRows, rateText } from './overview-output';

const usage = `usage: herdscope compare RUN_A RUN_B [--json] [--html OUT]

Compares two runs (run directories): herding rate, wrong-herd rate, accuracy, revealed-preference verdicts and the
sensor check side by side; the rows both ran (paired by the SHA-256 of the text; runs on different datasets are
compared on their common rows and say so); McNemar's test on paired correctness (exact binomial below 25 discordant
pairs, else χ² with continuity correction); and the rows where one run herded on a wrong action and the other did not.

  --json       print the comparison as JSON
  --html OUT   also write a standalone HTML comparison report to OUT`;

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'compare two runs: rates, RP verdicts, sensor checks, paired rows with McNemar, disagreements',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, html: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 2) throw new InputError('RUN_A RUN_B', `two run directories are required, got ${positionals.length}`);
    const comparison = await compareRuns(positionals[0], positionals[1]);
    if (values.html) {
      await writeFile(values.html, htmlComparison(comparison), 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new InputError('--html', `cannot write ${values.html} (${err.code ?? err.message})`);
      });
      io.stderr(`wrote the HTML comparison to ${values.html}\n`);
    }
    io.stdout(values.json ? `${JSON.stringify(comparison)}\n` : comparisonText(comparison));
    return 0;
  },
};

export function comparisonText(c: RunComparison): string {
  const { a, b } = c;
  const whole = headlineRows(a.overview).map(([k, v], i) => [k, v, headlineRows(b.overview)[i][1]]);
  whole.push(
    ['revealed preferences', rpText(a), rpText(b)],
    ['sensor model B', sensorText(a), sensorText(b)],
    ['error steps', String(a.overview.errors.steps), String(b.overview.errors.steps)],
    ['cost', `$${a.overview.costUsd.toFixed(4)}`, `$${b.overview.costUsd.toFixed(4)}`],
  );
  const p = c.paired;
  const paired = [
    ['herding rate', rateText(p.a.herding), rateText(p.b.herding)],
    ['wrong-herd rate', rateText(p.a.wrongHerd), rateText(p.b.wrongHerd)],
    ['accuracy (final belief)', rateText(p.a.accuracy), rateText(p.b.accuracy)],
  ];
  const m = c.mcnemar;
  const test = m
    ? `McNemar (${m.method === 'exact' ? 'exact binomial' : 'χ² with continuity correction'}) over ${m.pairs} labelled pairs: right in A only ${m.b}, in B only ${m.c} (both right ${m.bothRight}, both wrong ${m.bothWrong}): p = ${m.p < 1e-4 ? m.p.toExponential(2) : m.p.toFixed(4)}`
    : 'McNemar: no labelled common rows';
  const d = c.disagreements;
  const shown = d.shown
    .slice(0, 20)
    .map((r) => [
      `${r.a.item + 1}/${r.b.item + 1}`,
      oneLine(r.text, 60),
      a.states[r.label ?? -1] ?? '-',
      outcomeText(r.a, a),
      outcomeText(r.b, b),
    ]);
  return [
    `A: ${side(a)}`,
    `B: ${side(b)}`,
    '',
    'whole runs:',
    formatTable(['', 'A', 'B'], whole).trimEnd(),
    '',
    `common rows: ${c.common.note}${c.common.labelMismatches ? `; ${c.common.labelMismatches} rows labelled differently are left out of the test` : ''}`,
    formatTable(['', 'A', 'B'], paired).trimEnd(),
    test,
    '',
    `rows where one run herded wrongly and the other did not: ${d.total} (A only ${d.aWrongOnly}, B only ${d.bWrongOnly})`,
    ...(shown.length ? [formatTable(['row A/B', 'text', 'label', 'A', 'B'], shown).trimEnd()] : []),
    ...(d.total > shown.length ? [`(first ${shown.length} of ${d.total}; --json or --html lists up to ${d.shown.length})`] : []),
    '',
  ].join('\n');
}

const side = (s: RunSide) =>
  `${s.runId} "${oneLine(s.title, 40)}", profile ${s.profileName}, ${s.providerSummary}${s.simulated ? ' (SIMULATED)' : ''}`;
const rpText = (s: RunSide) => {
  const v = s.overview.rp?.verdict;
  return v
    ? `${v.passes ? 'PASS' : 'FAIL'} NIAS ${v.niasMargin.toFixed(4)}${v.niacMargin === null ? '' : ` NIAC ${v.niacMargin.toFixed(4)}`}`
    : `n/a${s.overview.rp?.reason ? ` (${oneLine(s.overview.rp.reason, 40)})` : ''}`;
};
const sensorText = (s: RunSide) => (s.sensor.worst === null ? 'not checked (no labels)' : s.sensor.rejected ? 'REJECTED' : 'consistent');
const outcomeText = (o: { herdingStep: number | null; herdAction: number | null; wrongHerd: boolean | null }, s: RunSide) =>
  o.herdingStep === null ? 'no herd' : `herd@${o.herdingStep} on ${s.actions[o.herdAction ?? -1] ?? '-'}${o.wrongHerd ? ' (wrong)' : ''}`;
