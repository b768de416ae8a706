// The one schema of host <-> webview messages: lenient defaults where the panel can show one, drops where it cannot.
import assert from 'node:assert/strict';
import { isHostMessage, parseWebviewMessage } from '../../src/shared/protocol';
import { controlOverlaySchema, itemSummarySchema, parseWith, runHeaderSchema, stepRecordSchema } from '../../src/shared/protocol-schema';

const step = { item: 0, index: 1, publicBeliefBefore: [0.5, 0.5], publicBeliefAfter: [0.4, 0.6] };

describe('shared/protocol-schema', () => {
  it('a step keeps its well-formed fields, defaults the rest, and drops attribute values that are not scalars', () => {
    const parsed = parseWith(stepRecordSchema, {
      ...step,
      model: 42,
      cascade: 'yes',
      herding: true,
      latencyMs: Infinity,
      observation: { index: 1, attributes: { a: true, b: { nested: 1 }, c: 'x', d: Number.NaN } },
      error: { kind: 'bogus', message: 'boom' },
      extra: '<script>',
    });
    assert.ok(parsed);
    assert.equal(parsed.model, '');
    assert.equal(parsed.cascade, false);
    assert.equal(parsed.herding, true);
    assert.equal(parsed.latencyMs, 0);
    assert.deepEqual(parsed.observation, { index: 1, attributes: { a: true, c: 'x' } });
    assert.deepEqual(parsed.error, { kind: 'provider', message: 'boom' });
    assert.ok(!('extra' in parsed));
  });

  it('a step without its position or beliefs is dropped', () => {
    for (const bad of [
      { ...step, index: 0 },
      { ...step, item: -1 },
      { ...step, publicBeliefAfter: [0.5, 'x'] },
      { ...step, publicBeliefBefore: undefined },
      null,
      [],
      'step',
    ]) {
      assert.equal(parseWith(stepRecordSchema, bad), null, JSON.stringify(bad));
    }
  });

  it('a header needs its id, title, mode, states and actions; an own "__proto__" attribute key never reaches a prototype', () => {
    const header = { runId: 'r', title: 't', mode: 'sensor', states: ['a', 'b'], actions: ['x', 'y'] };
    assert.deepEqual(parseWith(runHeaderSchema, { ...header, kind: 'weird', agents: -3 }), {
      ...header,
      kind: 'selection',
      profileName: '',
      attributes: [],
      agents: 0,
      items: 1,
      startedAt: '',
      simulated: false,
      providerSummary: '',
    });
    assert.equal(parseWith(runHeaderSchema, { ...header, mode: 'chatty' }), null);
    const hostile = parseWith(stepRecordSchema, {
      ...step,
      observation: { index: 0, attributes: JSON.parse('{"__proto__": {"polluted": true}, "ok": true}') },
    });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(hostile!.observation!.attributes), Object.prototype);
  });

  it('item summaries and control overlays: required fields decide, the optional threshold drops alone', () => {
    assert.equal(parseWith(itemSummarySchema, { item: -1 }), null);
    assert.deepEqual(parseWith(itemSummarySchema, { item: 2, label: 1.5 }), {
      item: 2,
      text: '',
      label: null,
      herdingStep: null,
      herdAction: null,
      finalPublicBelief: [],
      errors: 0,
    });
    // finalAction and wrongHerd: kept when well formed (null included); a malformed one reads as absent (an older run).
    const full = { item: 3, text: 't', label: 0, herdingStep: 2, herdAction: 1, finalPublicBelief: [0.4, 0.6], errors: 0 };
    assert.deepEqual(parseWith(itemSummarySchema, { ...full, finalAction: 1, wrongHerd: true }), {
      ...full,
      finalAction: 1,
      wrongHerd: true,
    });
    assert.deepEqual(parseWith(itemSummarySchema, { ...full, finalAction: null, wrongHerd: null }), {
      ...full,
      finalAction: null,
      wrongHerd: null,
    });
    assert.deepEqual(parseWith(itemSummarySchema, { ...full, finalAction: 0.5, wrongHerd: 'yes' }), {
      ...full,
      finalAction: undefined,
      wrongHerd: undefined,
    });
    const overlay = parseWith(controlOverlaySchema, { threshold: 0.3, stateIndex: 1, optimal: { threshold: 2 }, stopStep: 0 });
    assert.ok(overlay);
    assert.equal(overlay.optimal, undefined);
    assert.equal(overlay.stopStep, undefined);
    assert.equal(overlay.orientation, 'continue-below');
    assert.equal(parseWith(controlOverlaySchema, { threshold: 1.5, stateIndex: 1 }), null);
  });

  it('messages: the webview may send only the five known commands; host envelopes are checked by type', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'csv', path: '/etc/passwd' }), { type: 'export', format: 'csv' });
    for (const bad of [
      { type: 'export', format: 'exe' },
      { type: 'select-item', item: -1 },
      { type: 'simulate-control', threshold: 2 },
      { type: 'eval', code: '1' },
      {},
      null,
    ]) {
      assert.equal(parseWebviewMessage(bad), null, JSON.stringify(bad));
    }
    assert.ok(isHostMessage({ type: 'run/steps', runId: 'r', steps: [{}, 1] }));
    assert.ok(
      isHostMessage({ type: 'run/status', runId: 'r', status: 'completed', message: 7 }),
      'a bad message text does not drop the status',
    );
    assert.ok(!isHostMessage({ type: 'run/steps', runId: 'r', steps: 'all' }));
    assert.ok(!isHostMessage({ type: 'run/select-item', runId: 'r', item: 1.5 }));
  });
});
