// A Runs view item shows run text (titles from selections, run files that may have been edited) literally: the
// tooltip is untrusted markdown without HTML, and no link, command link or heading can be smuggled in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunListing } from '../../../src/audit/run-types';
import { RunTreeItem } from '../../../src/extension/runs/run-tree-item';

const hostile = '[click me](command:herdscope.deleteRun?%22x%22) <img src=x onerror=alert(1)>\n\n# big https://evil.example/x?a=1&b=2';

function listing(): RunListing {
  return {
    header: {
      runId: 'r-1',
      kind: 'dataset',
      title: hostile,
      profileName: `p ${hostile}`,
      mode: 'sensor',
      states: ['a', 'b'],
      actions: ['a', 'b'],
      attributes: [],
      agents: 3,
      items: 2,
      startedAt: '2025-01-01T00:00:00Z',
      simulated: false,
      providerSummary: `openai ${hostile}`,
    },
    status: 'cancelled',
    updatedAt: '2025-01-01T00:00:00Z',
    itemsDone: 1,
    herdingRate: null,
    herdingStep: null,
    rp: null,
  };
}

describe('Runs view item', () => {
  it('puts hostile titles into an untrusted, HTML-free tooltip with every markdown character escaped', () => {
    const item = new RunTreeItem(listing());
    assert.equal(item.label, hostile, 'the label is plain text');
    const tooltip = item.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted, 'not trusted: command links never run');
    assert.ok(!tooltip.supportHtml, 'no HTML');
    const md = tooltip.value;
    const unescaped = (c: string) => new RegExp(`(^|[^\\\\])\\${c}`).test(md);
    for (const c of ['[', ']', '(', '<', '>']) assert.ok(!unescaped(c), `every ${c} is escaped`);
    assert.ok(!md.includes('https://'), 'no autolink survives');
    assert.ok(!/\n#/.test(md), 'no heading can start a line');
  });

  it('offers Resume only where the menus look for it: cancelled or failed dataset runs', () => {
    assert.equal(new RunTreeItem(listing()).contextValue, 'herdscope.run.cancelled.dataset');
    const selection = listing();
    selection.header.kind = 'selection';
    selection.status = 'completed';
    assert.equal(new RunTreeItem(selection).contextValue, 'herdscope.run.completed.selection');
  });
});
