// The SVG charts outside the panel, rendered by Chromium and measured: the HTML report's posterior charts and the
// figures of `npm run reproduce` (built here from reduced-size runs, as test/reproduce does). No two labels overlap,
// none is cut by its figure, every plotted line has a label.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlReport } from '../../src/audit/report/html';
import { authorsE2Model } from '../../reproduce/data';
import { e1Figures, runE1 } from '../../reproduce/e1-revealed-preferences';
import { e2Variants, runE2 } from '../../reproduce/e2-herding';
import { e2Figures } from '../../reproduce/e2-report';
import { e3Figures, runE3 } from '../../reproduce/e3-threshold';
import { e4Figures, runE4 } from '../../reproduce/e4-stopping';
import { e5Figures, runE5 } from '../../reproduce/e5-incentives';
import { launchChromium, type Browser } from '../support/chromium';
import { ROOT } from './panel-harness';
import { runFromStream } from './run-from-stream';
import { assertLegible, measureCharts, VIEWPORTS } from './chart-legibility';

const ARTEFACTS = join(ROOT, 'test-artefacts', 'figures');

describe('report and reproduce charts are legible (Chromium)', function () {
  this.timeout(180_000);
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
    mkdirSync(ARTEFACTS, { recursive: true });
  });
  after(async () => browser?.close());

  async function open(
    file: string,
    viewport: { width: number; height: number },
    colorScheme: 'light' | 'dark',
    forcedColors: 'active' | 'none' = 'none',
  ) {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme, forcedColors });
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  describe('HTML report', () => {
    for (const fixture of ['sensor-herding.json', 'dataset.json', 'hostile.json', 'thousand.json']) {
      for (const viewport of VIEWPORTS) {
        for (const [scheme, forced] of [
          ['light', 'none'],
          ['dark', 'none'],
          ['dark', 'active'],
        ] as const) {
          const name = `report-${fixture.replace('.json', '')}-${scheme}${forced === 'active' ? '-forced' : ''}-${viewport.width}x${viewport.height}`;
          it(name, async () => {
            const file = join(ARTEFACTS, `${name}.html`);
            writeFileSync(file, htmlReport(runFromStream(fixture)));
            const page = await open(file, viewport, scheme, forced);
            const charts = await measureCharts(page, 'svg.posterior');
            assert.ok(charts.length > 0);
            charts.forEach((c, i) => assertLegible(c, `${name} chart ${i}`));
            assert.ok(
              charts.some((c) => c.series.length > 0),
              'lines are plotted',
            );
            // Each line's label names its state.
            for (const c of charts) for (const line of c.series) assert.match(line.label ?? '', /^π\(.+\)$/);
            await page
              .locator('figure.chart')
              .first()
              .screenshot({ path: join(ARTEFACTS, `${name}.png`) });
            await page.close();
          });
        }
      }
    }
  });

  describe('npm run reproduce figures (reduced-size runs)', () => {
    const figures: Record<string, string> = {};
    before(async () => {
      Object.assign(figures, e1Figures(await runE1(0)));
      Object.assign(figures, e2Figures(runE2(e2Variants(authorsE2Model(ROOT)), { runs: 4, priors: 16, agents: 40, seed: 0 })));
      const e3 = { grid: 11, runs: 4, agents: 60, lastActions: 20, seed: 0 };
      Object.assign(figures, e3Figures([runE3(e3, true), runE3(e3, false)]));
      Object.assign(figures, e4Figures(runE4({ gridSize: 201, spsaIterations: 30, runsPerEvaluation: 20, evaluationRuns: 200, seed: 0 })));
      Object.assign(figures, e5Figures(runE5({ trajectoryRuns: 50, sweepPoints: 6, sweepRuns: 20, spsaIterations: 10, seed: 0 })));
    });

    it('every figure: labels apart, inside the figure, each line named in the legend', async () => {
      const names = Object.keys(figures);
      assert.ok(names.length >= 8, names.join(', '));
      for (const name of names) {
        writeFileSync(join(ARTEFACTS, name), figures[name]);
        // Shown the way a reader sees it in a browser or in SUMMARY.md: the SVG alone on a page.
        const file = join(ARTEFACTS, `${name}.html`);
        writeFileSync(file, `<!doctype html><html><body style="margin:0">${figures[name]}</body></html>`);
        const page = await open(file, VIEWPORTS[1], 'light');
        // Each figure is the outer <svg>'s direct child <svg> (panels) or the outer one itself.
        const charts = await measureCharts(page, 'body > svg > svg');
        const all = charts.length > 0 ? charts : await measureCharts(page, 'body > svg');
        for (const [i, c] of all.entries()) assertLegible(c, `${name} figure ${i}`);
        await page.screenshot({ path: join(ARTEFACTS, name.replace('.svg', '.png')), fullPage: true });
        await page.close();
      }
    });
  });
});
