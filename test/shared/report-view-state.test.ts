// The report view's saved state: what HerdScope writes reads back; anything else (another version, a tampered or
// hostile value) is refused as a whole, so a revived view never acts on a partial or foreign state.
import assert from 'node:assert/strict';
import { parseReportViewState, type ReportViewState } from '../../src/shared/report-view-state';

describe('report view state', () => {
  const valid: ReportViewState[] = [
    { version: 1, view: 'compare', runA: '2026-12-04T18-00-00-abc', runB: 'run.b_2' },
    { version: 1, view: 'forecast', profile: 'hate-speech', agents: 10 },
    { version: 1, view: 'forecast', profile: '/work/ws/my profile.herdscope.json', agents: 100_000 },
    { version: 1, view: 'sensor', runId: 'r1' },
    { version: 1, view: 'sensor', runId: 'r1', reestimatedProfile: '/work/ws/p-reestimated.herdscope.json' },
  ];

  it('reads back every state HerdScope saves, through JSON, field for field', () => {
    for (const state of valid) assert.deepEqual(parseReportViewState(JSON.parse(JSON.stringify(state))), state);
  });

  it('keeps only the known fields (extra data in the saved state is dropped)', () => {
    assert.deepEqual(parseReportViewState({ ...valid[0], html: '<p>data</p>', apiKey: 'sk-x' }), valid[0]);
  });

  it('refuses other versions, unknown views, bad run ids, agent counts and profile refs', () => {
    const refused: unknown[] = [
      null,
      'compare',
      [],
      { view: 'compare', runA: 'a', runB: 'b' },
      { version: 2, view: 'compare', runA: 'a', runB: 'b' },
      { version: 1, view: 'overview', runId: 'a' },
      { version: 1, view: 'compare', runA: '../etc', runB: 'b' },
      { version: 1, view: 'compare', runA: 'a/b', runB: 'b' },
      { version: 1, view: 'compare', runA: 'a' },
      { version: 1, view: 'sensor', runId: '.hidden' },
      { version: 1, view: 'sensor', runId: 'r', reestimatedProfile: '/etc/passwd' },
      { version: 1, view: 'forecast', profile: 'hate-speech', agents: 0 },
      { version: 1, view: 'forecast', profile: 'hate-speech', agents: 2.5 },
      { version: 1, view: 'forecast', profile: 'hate-speech', agents: 100_001 },
      { version: 1, view: 'forecast', profile: '', agents: 3 },
      { version: 1, view: 'forecast', profile: 'a\nb', agents: 3 },
      { version: 1, view: 'forecast', profile: 'x'.repeat(4097), agents: 3 },
    ];
    for (const raw of refused) assert.equal(parseReportViewState(raw), null, JSON.stringify(raw)?.slice(0, 80));
  });
});
