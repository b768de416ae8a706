// `herdscope report` bad input through the built CLI: one stderr line naming the field, exit code 2.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RunStore } from '../../src/audit/run-store';
import { runHerdscope } from '../support/cli';
import { twoStateProfile } from '../audit/fixtures';

async function fails(args: string[], message: RegExp): Promise<void> {
  const r = await runHerdscope(args);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^herdscope report: /);
  assert.match(lines[0], message);
}

describe('cli: herdscope report, bad input', () => {
  const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-report-'));

  it('a missing RUN, an unknown format, a folder that is not a run', async () => {
    await fails(['report'], /RUN: is required/);
    await fails(['report', 'x', '--runs', runs, '--format', 'pdf'], /--format: must be json, csv or html, got 'pdf'/);
    await fails(['report', runs], /RUN: .* is not a run directory/);
    await fails(['report', 'nope', '--runs', runs], /run: no run 'nope'/);
  });

  it('a run.json that is not JSON, or not a run', async () => {
    for (const [name, content] of [
      ['torn', '{"header":'],
      ['headless', '{"header":{}}'],
    ]) {
      mkdirSync(path.join(runs, name));
      writeFileSync(path.join(runs, name, 'run.json'), content);
    }
    await fails(['report', path.join(runs, 'torn')], /run: .*run\.json is not valid JSON/);
    await fails(['report', 'headless', '--runs', runs, '--format', 'html'], /run: .*run\.json is not a HerdScope run/);
  });

  it('an --output that cannot be written', async () => {
    const { profile } = twoStateProfile();
    const store = new RunStore(runs);
    const meta = await store.create({
      header: {
        kind: 'selection',
        title: 't',
        profileName: profile.name,
        mode: 'sensor',
        states: profile.states,
        actions: profile.actions,
        attributes: [],
        agents: 1,
        items: 1,
        simulated: true,
        providerSummary: 'none',
      },
      profile,
      profileSource: 'test',
      provider: {
        providers: ['openai'],
        models: ['m'],
        endpoints: {},
        cassette: null,
        record: false,
        seed: 1,
        reproducible: true,
        cache: false,
      },
    });
    await fails(
      ['report', meta.header.runId, '--runs', runs, '--output', path.join(runs, 'no-such-dir', 'r.json')],
      /--output: cannot write .*r\.json \(ENOENT\)/,
    );
  });
});
