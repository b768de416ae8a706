// Observation indexing schemes of spec §2.3, checked on the §2.4 examples.
import assert from 'node:assert/strict';
import {
  HATE_SPEECH_ATTRIBUTES,
  PAPER_SCHEMES,
  describeObservation,
  observationCount,
  observationIndex,
  parseIndexingScheme,
  type AttributeRecord,
} from '../../src/core/observation-index';
import { MISTRAL_BINARY_COUNTS, MISTRAL_Y6_COUNTS } from '../../src/core/paper-data';

const record = (trueNames: string[], names = HATE_SPEECH_ATTRIBUTES): AttributeRecord =>
  Object.fromEntries(names.map((n) => [n, trueNames.includes(n)]));
const allRecords = (names: string[]) =>
  Array.from({ length: 2 ** names.length }, (_, m) => Object.fromEntries(names.map((n, i) => [n, Math.floor(m / 2 ** i) % 2 === 1])));

describe('observation index: the paper schemes', () => {
  it('counts: 64, 6, 2 and 8 symbols', () => {
    assert.deepEqual(Object.values(PAPER_SCHEMES).map(observationCount), [64, 6, 2, 8]);
  });

  it('64-symbol: insulting is bit 0, respectful is bit 5', () => {
    assert.equal(observationIndex(PAPER_SCHEMES.hate64, record([])), 0);
    assert.equal(observationIndex(PAPER_SCHEMES.hate64, record(['is_insulting'])), 1);
    assert.equal(observationIndex(PAPER_SCHEMES.hate64, record(['is_respectful'])), 32);
    assert.equal(observationIndex(PAPER_SCHEMES.hate64, record(['is_insulting', 'is_humiliating', 'promotes_genocide'])), 1 + 4 + 16);
    const seen = new Set(allRecords(HATE_SPEECH_ATTRIBUTES).map((r) => observationIndex(PAPER_SCHEMES.hate64, r)));
    assert.equal(seen.size, 64);
  });

  it('max severity: 0 if none of v0..v4, else 1 + the most severe; respectful ignored', () => {
    const hate6 = PAPER_SCHEMES.hate6;
    assert.equal(observationIndex(hate6, record([])), 0);
    assert.equal(observationIndex(hate6, record(['is_respectful'])), 0);
    assert.equal(observationIndex(hate6, record(['is_insulting'])), 1);
    assert.equal(observationIndex(hate6, record(['is_insulting', 'is_dehumanizing'])), 2);
    assert.equal(observationIndex(hate6, record(['is_insulting', 'is_humiliating', 'is_respectful'])), 3);
    assert.equal(observationIndex(hate6, record(['promotes_violence', 'is_dehumanizing'])), 4);
    assert.equal(observationIndex(hate6, record(['promotes_genocide', 'is_insulting'])), 5);
    // The LLM's raw example "Love Latinos come here ...": only respectful -> y6 = 0.
    assert.equal(describeObservation(hate6, 0), 'max severity: none');
    assert.equal(describeObservation(hate6, 3), 'max severity: is_humiliating');
  });

  it('binary any-harm is 1 exactly when max severity is > 0, and reproduces the §2.4 binary counts', () => {
    for (const r of allRecords(HATE_SPEECH_ATTRIBUTES)) {
      assert.equal(observationIndex(PAPER_SCHEMES.hate2, r), observationIndex(PAPER_SCHEMES.hate6, r) > 0 ? 1 : 0);
    }
    // Each y6 cell stands for a record whose most severe attribute is y6 (y6 = 0: nothing harmful).
    const severity = ['', ...HATE_SPEECH_ATTRIBUTES.slice(0, 5)];
    const derived = MISTRAL_Y6_COUNTS.map((row) => {
      const counts = [0, 0];
      row.forEach((n, y6) => {
        const r = record(y6 === 0 ? ['is_respectful'] : severity.slice(1, y6 + 1));
        assert.equal(observationIndex(PAPER_SCHEMES.hate6, r), y6);
        counts[observationIndex(PAPER_SCHEMES.hate2, r)] += n;
      });
      return counts;
    });
    assert.deepEqual(derived, MISTRAL_BINARY_COUNTS);
  });

  it('product 8-way: 4·durability + 2·expectations + recommend; defects ignored', () => {
    const names = ['defects', 'durability', 'expectations', 'recommend'];
    const p = PAPER_SCHEMES.product8;
    assert.equal(observationIndex(p, record(['durability'], names)), 4);
    assert.equal(observationIndex(p, record(['expectations', 'recommend', 'defects'], names)), 3);
    assert.equal(observationIndex(p, record(['durability', 'expectations', 'recommend'], names)), 7);
    assert.equal(describeObservation(p, 5), 'durability + recommend');
    assert.equal(describeObservation(p, 0), 'none true');
  });
});

describe('observation index: configurable schemes and input hygiene', () => {
  it('accepts 0/1 and "true"/"false" strings', () => {
    const s = { kind: 'bits' as const, attributes: ['a', 'b'] };
    assert.equal(observationIndex(s, { a: 1, b: 'true' }), 3);
    assert.equal(observationIndex(s, { a: 0, b: 'False' }), 0);
  });

  it('names a missing or non-boolean attribute', () => {
    const s = { kind: 'any' as const, attributes: ['a', 'b'] };
    assert.throws(() => observationIndex(s, { a: true }), /attributes\.b: is missing/);
    assert.throws(() => observationIndex(s, { a: true, b: 2 }), /attributes\.b: must be a boolean \(or 0\/1\), got 2/);
  });

  it('max-severity also takes its order as attributes', () => {
    const s = { kind: 'max-severity' as const, attributes: ['low', 'high'] };
    assert.equal(observationCount(s), 3);
    assert.equal(observationIndex(s, { low: true, high: false }), 1);
  });

  it('parseIndexingScheme validates kind and names', () => {
    assert.deepEqual(parseIndexingScheme({ kind: 'max-severity', order: ['x', 'y'] }), { kind: 'max-severity', order: ['x', 'y'] });
    assert.deepEqual(parseIndexingScheme({ kind: 'bits', attributes: ['x'] }), { kind: 'bits', attributes: ['x'] });
    assert.throws(() => parseIndexingScheme({ kind: 'sum', attributes: ['x'] }), /indexing\.kind: must be one of/);
    assert.throws(() => parseIndexingScheme({ kind: 'any', attributes: [] }), /indexing\.attributes: must be a non-empty array/);
    assert.throws(() => parseIndexingScheme({ kind: 'any', attributes: ['x', 'x'] }), /indexing\.attributes\[1\]: duplicate attribute "x"/);
    assert.throws(
      () => parseIndexingScheme({ kind: 'bits', attributes: Array.from({ length: 21 }, (_, i) => `a${i}`) }),
      /at most 20 attributes/,
    );
  });

  it('describeObservation rejects an index out of range', () => {
    assert.throws(() => describeObservation(PAPER_SCHEMES.hate6, 6), /y: must be an integer in 0\.\.5, got 6/);
  });
});
