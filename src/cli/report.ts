// `herdscope report`: a stored run as JSON, CSV (one row per agent step) or a standalone HTML report.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { csvReport } from '../audit/report/csv';
import { htmlReport } from '../audit/report/html';
import { jsonReport } from '../audit/report/json';
import { reportExtras } from '../audit/report/report-extras';
import { RunStore } from '../audit/run-store';
import { InputError } from '../core/errors';
import type { CliCommand } from './command';

const usage = `usage: herdscope report RUN [--format json|csv|html] [--output FILE] [--runs DIR]

RUN is a run directory (RUNS_DIR/<run id>, as printed by chain --out, audit and demo --out),
or a run id with --runs DIR. The report goes to stdout unless --output is given.

  --format F    json (default): the whole run; csv: one row per agent step (spreadsheet-safe);
                html: a standalone report with charts (no scripts)
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
    if (format !== 'json' && format !== 'csv' && format !== 'html') throw new InputError('--format', `must be json, csv or html, got '${format}'`);
    const [dir, runId] = locate(positionals[0], values.runs);
    const run = await new RunStore(dir).load(runId);
    const extras = format === 'html' ? await reportExtras(path.join(dir, runId)) : null;
    const text = format === 'json' ? jsonReport(run) : format === 'csv' ? csvReport(run) : htmlReport(run, { overview: extras?.overview, sensor: extras?.sensor, overviewError: run.meta.header.kind === 'dataset' ? extras?.reason : undefined });
    if (values.output) {
      await writeFile(values.output, text, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new InputError('--output', `cannot write ${values.output} (${err.code ?? err.message})`);
      });
      io.stderr(`wrote ${format} report of run ${runId} to ${values.output}\n`);
    } else io.stdout(text);
    return 0;
  },
};

function locate(run: string, runs: string | undefined): [string, string] {
  if (runs !== undefined) return [runs, run];
  const full = path.resolve(run);
  if (!existsSync(path.join(full, 'run.json'))) throw new InputError('RUN', `${run} is not a run directory (no run.json); give a run id with --runs DIR`);
  return [path.dirname(full), path.basename(full)];
}
