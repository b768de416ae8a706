// `herdscope demo`: the offline demo. Hand-written answers (in the style real models answer) replayed from demo/cassette.jsonl.
import { parseArgs } from 'node:util';
import { demoSource, loadDemo } from '../audit/demo';
import { profileRp } from '../audit/engine/prepare-source';
import { startTextRun, type TextRunOutcome } from '../audit/engine/text-run';
import { chainTable, herdingLine, marksLegend, rpLine } from './chain-output';
import type { CliCommand } from './command';
import { oneLine } from './format-table';
import { openRunStore } from './runs-dir';

export const DEMO_BANNER =
  'DEMO (offline): the answers are RECORDED ANSWERS WRITTEN BY HAND in the style real models answer (Python-style True, prose after the JSON, code fences, a refusal, a missing key). No model is called; no key, no network.';

const usage = `usage: herdscope demo [--json] [--out DIR]

${DEMO_BANNER}
Runs three short texts through an 8-agent hate-speech chain (sensor mode) and shows where herding starts.

  --out DIR   also store the three runs under DIR (a runs directory)
  --json      print {banner, texts:[{title, label, steps, summary}]} as JSON`;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'offline demo: a hand-written recorded chain showing an information cascade (no key, no network)',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const demo = await loadDemo();
    const { profile } = demo.loaded;
    const source = demoSource(demo);
    const rp = await profileRp(demo.loaded);
    const store = values.out ? openRunStore(values.out) : null;
    const results: Array<{ title: string; label: number; result: TextRunOutcome }> = [];
    if (!values.json)
      io.stdout(
        `${DEMO_BANNER}\nProfile ${profile.name} (${profile.mode} mode), ${profile.agents.count} agents; answers replayed from demo/cassette.jsonl.\n`,
      );
    for (const [item, t] of demo.texts.entries()) {
      if (io.signal.aborted) break;
      const started = await startTextRun({
        store,
        kind: 'demo',
        title: `DEMO: ${t.title}`,
        item,
        text: t.text,
        label: t.label,
        loaded: demo.loaded,
        source,
        concurrency: 1,
        providerSummary: `DEMO hand-written answers (${source.description})`,
        signal: io.signal,
      });
      const result = await started.done;
      results.push({ title: t.title, label: t.label, result });
      if (!values.json) {
        io.stdout(
          `\n[${item + 1}/${demo.texts.length}] ${t.title} (written to illustrate: ${profile.states[t.label]})\nText: "${oneLine(t.text, 200)}"\n`,
        );
        io.stdout(chainTable(profile, result.steps));
        io.stdout(herdingLine(profile, result.summary, profile.agents.count));
        io.stdout(`${t.note}\n`);
      }
    }
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ banner: DEMO_BANNER, profile: profile.name, texts: results.map((r) => ({ title: r.title, label: r.label, steps: r.result.steps, summary: r.result.summary })), rp })}\n`,
      );
      return 0;
    }
    io.stdout(`\n${marksLegend(profile)}`);
    if (rp) io.stdout(rpLine(rp.verdict));
    io.stdout('\nWhere herding started:\n');
    for (const r of results) {
      const s = r.result.summary;
      const where =
        s.herdingStep === null
          ? 'no cascade'
          : `agent ${s.herdingStep}, herd on "${profile.actions[s.herdAction ?? 0]}"${s.herdAction === r.label ? '' : ' (wrong)'}`;
      io.stdout(`  ${r.title}: ${where}\n`);
    }
    return io.signal.aborted ? 130 : 0;
  },
};
