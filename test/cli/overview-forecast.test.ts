// `herdscope overview` and the HTML report show the forecast of the run's own model beside what happened, with the
// numbers compareWithForecast gives for the run's counts; both read the forecast cached in the run folder.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeInProcess } from '../../src/audit/forecast-compute';
import { compareWithForecast } from '../../src/audit/forecast-comparison';
import { escapeHtml } from '../../src/audit/report/html-escape';
import { loadRunContext, runCounts } from '../../src/audit/run-files';
import { FORECAST_FILE, runForecastModel } from '../../src/audit/run-forecast';
import { forecastHerding } from '../../src/core/forecast';
import { consistencyText, forecastValueText, observedText, type RunForecast } from '../../src/shared/run-forecast';
import { twoStateProfileJson } from '../audit/fixtures';
import { makeRun, rowsOf, type MadeRun } from '../audit/run-fixtures';
import { runHerdscope } from '../support/cli';

const STATES = ['<b>clean</b> & "ok"', 'toxic'];

describe('herdscope overview: the forecast beside what happened', function () {
  this.timeout(90_000);
  let run: MadeRun;
  before(async () => {
    // 5 agents (the profile says 6); rows ≡ 1 mod 4 answer 0 at agents 1–3 and herd wrong when labelled 1.
    const labels = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    run = await makeRun(
      twoStateProfileJson({ states: STATES }),
      rowsOf(labels),
      (item, agent, label) => (item % 4 === 1 && agent <= 3 ? 0 : (label ?? 0)),
      { agents: 5 },
    );
  });

  it('--json, the text and the HTML report give compareWithForecast of the counts and the run model', async () => {
    const ctx = await loadRunContext(run.runDir);
    const counts = await runCounts(run.runDir, ctx);
    const expected = compareWithForecast(
      counts,
      forecastHerding(run.model, { agents: 5, maxBeliefs: 200_000, chains: 20_000, seed: 0, regionSamples: 20_000 }),
    );
    const json = await runHerdscope(['overview', run.runDir, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const forecast = (JSON.parse(json.stdout) as { forecast: RunForecast }).forecast;
    assert.equal(forecast.status, 'ready');
    if (forecast.status !== 'ready') return;
    assert.deepEqual(forecast.comparison, expected);
    assert.equal(forecast.method.exact, true);
    assert.ok(expected.states[1].wrongHerd.observed.k > 0, 'the fixture has wrong herds');
    const cached = statSync(path.join(run.runDir, FORECAST_FILE)).mtimeMs;

    const text = await runHerdscope(['overview', run.runDir]);
    assert.equal(text.code, 0, text.stderr);
    const html = await runHerdscope(['report', run.runDir, '--format', 'html']);
    assert.equal(html.code, 0, html.stderr);
    assert.match(text.stdout, /5 agents per row; exact \(\d+ public beliefs enumerated\)/);
    for (const s of expected.states) {
      for (const [side, what] of [
        [s.herding, 'herding'],
        [s.wrongHerd, 'wrong'],
      ] as const) {
        const line = new RegExp(
          `${escapeRe(observedText(side))}\\s+${escapeRe(forecastValueText(side))}\\s+${escapeRe(consistencyText(side))}`,
        );
        assert.match(text.stdout, line);
        assert.ok(html.stdout.includes(`data-cell="${what}-observed">${escapeHtml(observedText(side))}</td>`), `HTML ${what} observed`);
        assert.ok(
          html.stdout.includes(`data-cell="${what}-forecast">${escapeHtml(forecastValueText(side))}</td>`),
          `HTML ${what} forecast`,
        );
        assert.ok(html.stdout.includes(`data-cell="${what}-verdict">${escapeHtml(consistencyText(side))}</td>`), `HTML ${what} verdict`);
      }
    }
    assert.ok(html.stdout.includes(`<th scope="row">${escapeHtml(STATES[0])}</th>`));
    assert.ok(!html.stdout.includes('<b>clean</b>'), 'state names are text in the report');
    assert.equal(statSync(path.join(run.runDir, FORECAST_FILE)).mtimeMs, cached, 'the text and the report read the cached forecast');
  });

  it('shows what the cache holds (a Monte Carlo forecast, labelled so, with its intervals)', async () => {
    const ctx = await loadRunContext(run.runDir);
    const { model, options, key } = runForecastModel(ctx);
    // Stand in a cheaper Monte Carlo forecast under the run's key: the CLI must show it, not compute its own.
    const mc = await computeInProcess(model, { ...options, maxBeliefs: 0, chains: 700, seed: 3 });
    writeFileSync(path.join(run.runDir, FORECAST_FILE), JSON.stringify({ format: 'herdscope-run-forecast/1', key, forecast: mc }));
    const doc = JSON.parse((await runHerdscope(['overview', run.runDir, '--json'])).stdout) as { forecast: RunForecast };
    assert.equal(doc.forecast.status, 'ready');
    if (doc.forecast.status !== 'ready') return;
    assert.deepEqual(doc.forecast.comparison, compareWithForecast(await runCounts(run.runDir, ctx), mc));
    assert.ok(doc.forecast.comparison.states[0].herding.forecastInterval);
    const text = (await runHerdscope(['overview', run.runDir])).stdout;
    assert.match(text, /Monte Carlo, 700 runs per state \(seed 3; enumeration off\), 95% intervals/);
    assert.ok(text.includes(forecastValueText(doc.forecast.comparison.states[0].herding)));
    assert.match(forecastValueText(doc.forecast.comparison.states[0].herding), /\(95% [\d.]+%–[\d.]+%\)/);
    assert.equal(JSON.parse(readFileSync(path.join(run.runDir, FORECAST_FILE), 'utf8')).forecast.chains, 700);
  });

  it('a run without labels says why in one line', async () => {
    const unlabelled = await makeRun(twoStateProfileJson(), rowsOf([null, null]), () => 1, { agents: 3 });
    const text = await runHerdscope(['overview', unlabelled.runDir]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /forecast vs what happened \(the profile's model, before any call\): not available: no labelled rows/);
    const doc = JSON.parse((await runHerdscope(['overview', unlabelled.runDir, '--json'])).stdout) as { forecast: RunForecast };
    assert.equal(doc.forecast.status, 'unavailable');
  });
});

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
