// The standalone HTML report as text: escaping of every run string and a script-free CSP.
// (What Chromium shows of it is tested with the browser tests, test/webview/report.test.ts.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { htmlReport, REPORT_CSP } from '../../../src/audit/report/html';
import { runFromStream } from '../../webview/run-from-stream';

describe('HTML report', () => {
  it('escapes every run string: no markup from the data survives', () => {
    const html = htmlReport(runFromStream('hostile.json'), { generatedAt: '2026-03-02T12:00:00Z' });
    assert.equal((html.match(/<script/gi) ?? []).length, 0, 'no script element at all');
    assert.equal((html.match(/<img/gi) ?? []).length, 0);
    assert.ok(!/<svg onload/i.test(html));
    assert.ok(!/href="javascript/i.test(html));
    assert.ok(!/<[a-z][^>]*\son\w+\s*=/i.test(html), 'no event-handler attribute inside any tag');
    assert.ok(html.includes('&lt;img src=x onerror=window.__pwned=1&gt;'));
    assert.ok(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'));
    assert.ok(html.includes('&quot;&gt;&lt;svg onload=window.__pwned=1&gt;'));
    assert.ok(html.includes('1 malformed step record(s) were left out.'));
  });

  it('has a CSP with no script source and admits its own stylesheet by hash', () => {
    const html = htmlReport(runFromStream('sensor-herding.json'));
    assert.match(REPORT_CSP, /^default-src 'none'; /);
    assert.ok(!/script-src|unsafe-inline|unsafe-eval/.test(REPORT_CSP));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    assert.ok(style);
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    assert.ok(html.includes(`style-src 'sha256-${hash}'`));
  });

  it('keeps tampered numbers out of the markup', () => {
    const run = runFromStream('sensor-herding.json');
    const evil = '1"><script>window.__pwned=1</script>' as unknown as number;
    run.steps[0] = { ...run.steps[0], latencyMs: evil, costUsd: evil, tokens: { prompt: evil, completion: 1 } };
    run.items.push({ item: evil, text: 'x', label: null, herdingStep: evil, herdAction: null, finalPublicBelief: [], errors: evil });
    const html = htmlReport(run);
    assert.equal((html.match(/<script/gi) ?? []).length, 0);
  });
});
