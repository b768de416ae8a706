// `herdscope report`: a stored run as JSON, CSV (one row per agent step) or a standalone HTML report.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HTML_SAMPLE_ITEMS, writeRunReport } from '../audit/report/stream-report';
import { openFileSink } from '../audit/report/file-sink';
import { InputError } from '../core/errors';
import type { CliCommand } from './command';

const usage = `usage: herdscope report RUN [--format json|csv|html] [--output FILE] [--runs DIR]

RUN is a run directory (RUNS_DIR/<run id>, as printed by chain --out, audit and demo --out),
or a run id with --runs DIR. The report goes to stdout unless --output is given.

  --format F    json (default): the whole run; csv: one row per agent step (spreadsheet-safe;
                the item's text only on its first row); html: a standalone report with charts
                (no scripts): the aggregates, and the chains of the first ${HTML_SAMPLE_ITEMS} items
  --output FILE write the report to FILE
  --runs DIR    the runs directory holding RUN when RUN is a bare id`;

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'export a stored run as JSON, CSV or a standalone HTML report',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { format: { type: 'string', default: 'json' }, output: { type: 'string' }, runs: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new InputError('RUN', 'is required (a run directory, or a run id with --runs DIR)');
    const format = values.format;
    if (format !== 'json' && format !== 'csv' && format !== 'html')
      throw new InputError('--format', `must be json, csv or html, got '${format}'`);
    const [dir, runId] = locate(positionals[0], values.runs);
    if (values.output) {
      const output = values.output;
      const file = await openFileSink(output).catch((err: NodeJS.ErrnoException) => {
        throw new InputError('--output', `cannot write ${output} (${err.code ?? err.message})`);
      });
      try {
        await writeRunReport(dir, runId, format, file.write);
      } finally {
        await file.close();
      }
      io.stderr(`wrote ${format} report of run ${runId} to ${output}\n`);
    } else await writeRunReport(dir, runId, format, (chunk) => io.stdout(chunk));
    return 0;
  },
};

function locate(run: string, runs: string | undefined): [string, string] {
  if (runs !== undefined) return [runs, run];
  const full = path.resolve(run);
  if (!existsSync(path.join(full, 'run.json')))
    throw new InputError('RUN', `${run} is not a run directory (no run.json); give a run id with --runs DIR`);
  return [path.dirname(full), path.basename(full)];
}
