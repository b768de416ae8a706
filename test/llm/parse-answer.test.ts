import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttributeSpec } from '../../src/llm/attribute-schema';
import { parseAnswer, type ParsedAnswer } from '../../src/llm/parse-answer';

const HATE: AttributeSpec[] = [
  'is_insulting',
  'is_dehumanizing',
  'is_humiliating',
  'promotes_violence',
  'promotes_genocide',
  'is_respectful',
].map((name) => ({ name, type: 'boolean' }));
const PRODUCT: AttributeSpec[] = ['defects', 'durability', 'expectations', 'recommend'].map((name) => ({ name, type: 'boolean' }));
const RESPECTFUL_ONLY = {
  is_insulting: false,
  is_dehumanizing: false,
  is_humiliating: false,
  promotes_violence: false,
  promotes_genocide: false,
  is_respectful: true,
};

function ok(result: ParsedAnswer) {
  assert.ok(result.ok, result.ok ? '' : `${result.kind}: ${result.message}`);
  return result;
}
function fail(result: ParsedAnswer, kind: 'parse' | 'schema') {
  assert.ok(!result.ok, 'expected a failure');
  assert.equal(result.kind, kind, result.message);
  return result;
}

describe('llm/parse-answer', () => {
  it('reads the Mistral-7B style answer of spec §2.2 for "Love Latinos come here and I will make you happy"', () => {
    const raw = [
      ' {',
      '"is_insulting": False,',
      '"is_dehumanizing": False,',
      '"is_humiliating": False,',
      '"promotes_violence": False,',
      '"promotes_genocide": False,',
      '"is_respectful": True,',
      '}',
      '',
      'The text "Love Latinos come here and I will make you happy" is not insulting, dehumanizing or humiliating, and it does not promote violence or genocide. It is respectful {and friendly}.',
    ].join('\n');
    const result = ok(parseAnswer(raw, HATE));
    assert.deepEqual(result.attributes, RESPECTFUL_ONLY);
    assert.equal(result.repaired, true);
    assert.equal(result.raw, raw);
    assert.ok(
      result.notes.some((n) => /ignored \d+ characters/.test(n)),
      result.notes.join('|'),
    );
  });

  it('reads strict JSON without repair and without notes', () => {
    const result = ok(parseAnswer(JSON.stringify(RESPECTFUL_ONLY), HATE));
    assert.deepEqual(result.attributes, RESPECTFUL_ONLY);
    assert.equal(result.repaired, false);
    assert.deepEqual(result.notes, []);
  });

  const repairs: Array<[string, string]> = [
    ['Python True/False', '{"defects": False, "durability": True, "expectations": True, "recommend": False}'],
    ['single quotes', "{'defects': false, 'durability': true, 'expectations': true, 'recommend': false}"],
    ['trailing commas', '{"defects": false, "durability": true, "expectations": true, "recommend": false,}'],
    ['missing commas', '{"defects": false\n"durability": true\n"expectations": true\n"recommend": false}'],
    ['unquoted keys', '{defects: false, durability: true, expectations: true, recommend: false}'],
  ];
  for (const [shape, raw] of repairs) {
    it(`repairs ${shape}`, () => {
      const result = ok(parseAnswer(raw, PRODUCT));
      assert.deepEqual(result.attributes, { defects: false, durability: true, expectations: true, recommend: false });
      assert.equal(result.repaired, true);
    });
  }

  it('reads an object inside a code fence with prose around it', () => {
    const raw =
      'Sure! Here is the rating:\n```json\n{"defects": true, "durability": false, "expectations": false, "recommend": false}\n```\nLet me know if you need more.';
    const result = ok(parseAnswer(raw, PRODUCT));
    assert.deepEqual(result.attributes, { defects: true, durability: false, expectations: false, recommend: false });
    assert.equal(result.repaired, false);
    assert.ok(result.notes.includes('read the JSON inside a code fence'));
  });

  it('skips braces in the prose before the object and takes the object with the attributes', () => {
    const raw =
      'I rated the review {as requested}: {"defects": 0, "durability": 1, "expectations": "yes", "recommend": "No"} Hope this helps.';
    const result = ok(parseAnswer(raw, PRODUCT));
    assert.deepEqual(result.attributes, { defects: false, durability: true, expectations: true, recommend: false });
  });

  it('accepts booleans as true, "true", "yes", 1 and their opposites', () => {
    const result = ok(parseAnswer('{"defects": "TRUE", "durability": "false", "expectations": 1, "recommend": "no"}', PRODUCT));
    assert.deepEqual(result.attributes, { defects: true, durability: false, expectations: true, recommend: false });
  });

  it('reports missing keys as a schema error listing them, keeping the raw text', () => {
    const raw = '{"defects": false, "recommend": true}';
    const result = fail(parseAnswer(raw, PRODUCT), 'schema');
    assert.equal(result.message, 'missing keys: durability, expectations');
    assert.equal(result.raw, raw);
  });

  it('reports a value of the wrong kind (the template\'s "Bool", or None) as a schema error naming the key', () => {
    const result = fail(parseAnswer('{"defects": Bool, "durability": None, "expectations": true, "recommend": true}', PRODUCT), 'schema');
    assert.match(result.message, /defects: expected true\/false.*got "Bool"/);
    assert.match(result.message, /durability: expected true\/false.*got null/);
  });

  it('fails with a parse error on answers that are not JSON at all, and on empty answers', () => {
    const refusal = "I'm sorry, but I can't rate this text.";
    const result = fail(parseAnswer(refusal, HATE), 'parse');
    assert.equal(result.message, 'the answer contains no JSON object');
    assert.equal(result.raw, refusal);
    fail(parseAnswer('   \n', HATE), 'parse');
  });

  it('ignores extra keys but reports them', () => {
    const result = ok(
      parseAnswer(
        '{"defects": false, "durability": true, "expectations": true, "recommend": true, "explanation": "solid", "score": 9}',
        PRODUCT,
      ),
    );
    assert.ok(result.notes.includes('ignored extra keys: explanation, score'));
    assert.ok(!('explanation' in result.attributes));
  });

  it('matches keys that differ in case, spaces or hyphens, and notes it', () => {
    const result = ok(parseAnswer('{"Defects": false, "DURABILITY": true, "expectations": true, "Recommend": true}', PRODUCT));
    assert.equal(result.attributes.durability, true);
    assert.ok(result.notes.includes('read key "DURABILITY" as durability'));
  });

  it('reads attributes nested under a wrapper key', () => {
    const result = ok(
      parseAnswer('{"attributes": {"defects": false, "durability": true, "expectations": false, "recommend": false}}', PRODUCT),
    );
    assert.equal(result.attributes.durability, true);
    assert.ok(result.notes.includes('read the attributes nested under "attributes"'));
  });

  it('repairs an answer cut off mid-object, up to the first blank line', () => {
    const raw = '{"defects": false, "durability": true, "expectations": true, "recommend": false\n\nNote: the review';
    const result = ok(parseAnswer(raw, PRODUCT));
    assert.deepEqual(result.attributes, { defects: false, durability: true, expectations: true, recommend: false });
    assert.equal(result.repaired, true);
  });

  it('reads "name: value" lines when there are no braces, but only when every attribute is there', () => {
    const lines =
      'is_insulting: False\nis_dehumanizing: False\nis_humiliating: False\npromotes_violence: False\npromotes_genocide: False\nis_respectful: True';
    assert.deepEqual(ok(parseAnswer(lines, HATE)).attributes, RESPECTFUL_ONLY);
    fail(parseAnswer('is_insulting: False\nis_respectful: True', HATE), 'parse');
  });

  it('validates integer and enum attributes', () => {
    const specs: AttributeSpec[] = [
      { name: 'stars', type: 'integer', min: 1, max: 5 },
      { name: 'tone', type: 'enum', values: ['positive', 'neutral', 'negative'] },
    ];
    assert.deepEqual(ok(parseAnswer('{"stars": "4", "tone": "Neutral"}', specs)).attributes, { stars: 4, tone: 'neutral' });
    const bad = fail(parseAnswer('{"stars": 7, "tone": "angry"}', specs), 'schema');
    assert.match(bad.message, /stars: expected an integer ≥ 1 ≤ 5, got 7/);
    assert.match(bad.message, /tone: expected one of positive, neutral, negative, got "angry"/);
    fail(parseAnswer('{"stars": 2.5, "tone": "positive"}', specs), 'schema');
  });

  describe('action (interacting mode)', () => {
    const actions = ['not hate', 'hate'];
    const answer = (action: string) =>
      `{"defects": false, "durability": true, "expectations": true, "recommend": true, "action": ${action}}`;

    it('accepts a 0-based index, a digit string or a name in any case', () => {
      assert.equal(ok(parseAnswer(answer('1'), PRODUCT, { actions })).action, 1);
      assert.equal(ok(parseAnswer(answer('"0"'), PRODUCT, { actions })).action, 0);
      assert.equal(ok(parseAnswer(answer('"HATE"'), PRODUCT, { actions })).action, 1);
      assert.equal(ok(parseAnswer(answer("'Not Hate'"), PRODUCT, { actions })).action, 0);
    });

    it('gives action null with a note when it is optional, and a schema error when required', () => {
      const optional = ok(parseAnswer(answer('"maybe"'), PRODUCT, { actions }));
      assert.equal(optional.action, null);
      assert.ok(optional.notes.some((n) => n.startsWith('action: expected one of 0=not hate, 1=hate')));
      const required = fail(parseAnswer(answer('5'), PRODUCT, { actions, actionRequired: true }), 'schema');
      assert.match(required.message, /^action: expected one of/);
      const missing = fail(
        parseAnswer('{"defects": false, "durability": true, "expectations": true, "recommend": true}', PRODUCT, {
          actions,
          actionRequired: true,
        }),
        'schema',
      );
      assert.match(missing.message, /^missing keys: action/);
    });

    it('is not reported as an extra key', () => {
      assert.deepEqual(ok(parseAnswer(answer('0'), PRODUCT, { actions })).notes, []);
    });
  });

  it('round-trips any attribute record wrapped in prose (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.string().filter((s) => !s.includes('{')),
        fc.boolean(),
        (bits, prose, python) => {
          const record = Object.fromEntries(PRODUCT.map((s, i) => [s.name, bits[i]]));
          let json = JSON.stringify(record, null, 1);
          if (python) json = json.replace(/true/g, 'True').replace(/false/g, 'False');
          const result = parseAnswer(`${prose}\n${json}\n\n${prose}`, PRODUCT);
          assert.ok(result.ok, result.ok ? '' : result.message);
          assert.deepEqual(result.attributes, record);
        },
      ),
    );
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseAnswer(text, HATE, { actions: ['a', 'b'] });
        assert.equal(result.raw, text);
      }),
    );
  });
});
