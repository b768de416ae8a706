// `herdscope chain`: one text through the chain of agents; a table per agent (or --json), and where herding began.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildSource } from '../audit/build-source';
import { startTextRun } from '../audit/engine/text-run';
import type { LoadedProfile } from '../audit/profile-loader';
import { InputError } from '../core/errors';
import { chainTable, herdingLine, marksLegend, rpLine } from './chain-output';
import type { CliCommand } from './command';
import { formatVector } from './format-table';
import { intFlagOptional } from './int-flag';
import { loadProfileFlag } from './profile-flags';
import { providerFlagOptions, providerFlagsUsage, sourceSpecFromFlags } from './provider-flags';
import { openRunStore } from './runs-dir';

const usage = `usage: herdscope chain --profile P (--text "..." | --file F) [options]

Runs one text through a chain of LLM agents (spec §4): each agent's LLM answer becomes a private observation,
the Bayesian engine (sensor mode) or the LLM itself (interacting mode) acts, and the public belief follows T(π,a).

  --profile P          built-in profile (hate-speech, hate-speech-binary, product-quality) or a profile JSON file
  --text TEXT | --file F   the text to audit
  --agents N           number of agents (default: the profile's)
  --mode M             sensor | interacting (default: the profile's)
  --concurrency N      sensor mode: LLM calls in flight at once (default 4)
  --out DIR            also store the run under DIR (a runs directory, as used by audit and the extension)
  --json               print {header, steps, summary, rp} as JSON instead of the table
${providerFlagsUsage}

Exit codes: 0 done, 1 no agent produced an observation, 2 bad input, 130 interrupted (finished steps are printed).`;

export const chainCommand: CliCommand = {
  name: 'chain',
  summary: 'run one text through a chain of LLM agents; show beliefs, actions, cascade and herding',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        text: { type: 'string' },
        file: { type: 'string' },
        agents: { type: 'string' },
        mode: { type: 'string' },
        concurrency: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...providerFlagOptions,
      },
      strict: true,
      allowPositionals: false,
    });
    const loaded = await loadProfileFlag(values.profile, values.mode);
    const text = await readText(values.text, values.file);
    const { profile } = loaded;
    const agents = intFlagOptional('--agents', values.agents, 1, 10000) ?? profile.agents.count;
    const concurrency = intFlagOptional('--concurrency', values.concurrency, 1, 64) ?? 4;
    const spec = sourceSpecFromFlags(loaded, values, process.env, { agents, concurrency, log: (line) => io.stderr(`${line}\n`) });
    const store = values.out ? openRunStore(values.out) : null;
    const source = buildSource(spec, loaded, agents);
    if (!values.json) io.stdout(intro(loaded, agents, source.description, source.source.simulated));
    const started = await startTextRun({
      store,
      kind: source.source.simulated ? 'simulation' : 'selection',
      title: text.slice(0, 80),
      text,
      loaded,
      source,
      agents,
      concurrency,
      signal: io.signal,
    });
    const result = await started.done;
    const { rp } = result;
    const runId = started.runId;
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ header: { ...started.header, runId }, steps: result.steps, summary: result.summary, rp, cancelled: result.cancelled })}\n`,
      );
    } else {
      io.stdout(chainTable(profile, result.steps));
      io.stdout(marksLegend(profile));
      io.stdout(
        result.cancelled ? `Interrupted after ${result.steps.length} of ${agents} agents.\n` : herdingLine(profile, result.summary, agents),
      );
      if (rp) io.stdout(rpLine(rp.verdict));
      if (store && runId) io.stdout(`Run stored: ${store.runDir(runId)}\n`);
    }
    if (result.cancelled) return 130;
    return result.steps.length > 0 && result.steps.every((s) => s.error) ? 1 : 0;
  },
};

async function readText(text: string | undefined, file: string | undefined): Promise<string> {
  if (text !== undefined && file !== undefined) throw new InputError('--text', 'give --text or --file, not both');
  if (file !== undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new InputError('--file', `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  if (text === undefined) throw new InputError('--text', 'is required (or --file F)');
  if (text.trim() === '') throw new InputError(file !== undefined ? '--file' : '--text', 'is empty');
  return text;
}

function intro(loaded: LoadedProfile, agents: number, description: string, simulated: boolean): string {
  const { profile, model } = loaded;
  const lines = [`HerdScope chain: profile ${profile.name} (${profile.mode} mode), ${agents} agents, ${description}`];
  if (simulated) lines.push('SIMULATED: no LLM was called; observations are drawn from the profile likelihood B[x_true].');
  lines.push(`states: ${profile.states.map((s, i) => `${i}=${s}`).join(', ')}`);
  lines.push(`π_0 = ${formatVector(model.prior)}`);
  return `${lines.join('\n')}\n\n`;
}
