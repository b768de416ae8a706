import assert from 'node:assert/strict';
import { escapeControls, quoteUntrusted } from '../../src/core/untrusted-text';

describe('core/untrusted-text', () => {
  it('escapes C0 and C1 controls (ANSI escapes, bell, CSI) JSON-style and leaves other text alone', () => {
    assert.equal(escapeControls('\u001b[31mred\u001b[0m'), '\\u001b[31mred\\u001b[0m');
    assert.equal(escapeControls('a\nb\rc\td\u0007e\u009bf\u007f'), 'a\\nb\\rc\\td\\u0007e\\u009bf\\u007f');
    assert.equal(escapeControls('grüße, 日本, emoji 🙂'), 'grüße, 日本, emoji 🙂');
    assert.doesNotMatch(
      escapeControls(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i), 0x7f, 0x85, 0x9f)),
      /[\u0000-\u001f\u007f-\u009f]/,
    );
  });

  it('quotes, escapes quotes and backslashes, and truncates long values', () => {
    assert.equal(quoteUntrusted('say "hi"\\'), '"say \\"hi\\"\\\\"');
    assert.equal(quoteUntrusted('x'.repeat(200), 10), `"${'x'.repeat(10)}…"`);
    assert.equal(quoteUntrusted(42), '"42"');
    assert.equal(JSON.parse(quoteUntrusted('tab\there\u001b[2J')), 'tab\there\u001b[2J', 'reads back as the original value');
  });
});
