// Names and placeholders that collide with what every JavaScript object inherits.
import assert from 'node:assert/strict';
import { agentSettings, parseProfile } from '../../src/audit/profile';
import { renderMessages } from '../../src/audit/prompt';
import { InputError } from '../../src/core/errors';
import { attributesJsonSchema } from '../../src/llm/attribute-schema';
import { twoStateProfileJson } from './fixtures';

const attribute = (name: string) => ({ name, type: 'boolean', description: 'x' });

describe('hostile names in a profile', () => {
  for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`rejects an attribute named ${name}, naming the field`, () => {
      // Built by JSON.parse as a profile file would be: "__proto__" is then an own key, not the prototype.
      const raw = JSON.parse(JSON.stringify(twoStateProfileJson({ attributes: [attribute('is_toxic'), attribute(name)] })));
      assert.throws(
        () => parseProfile(raw),
        (e: unknown) => e instanceof InputError && e.field === 'profile.attributes[1].name' && /reserved/.test(e.message),
      );
    });
  }

  it('an ordinary identifier is still accepted, and every attribute reaches the answer schema', () => {
    const profile = parseProfile(
      twoStateProfileJson({ attributes: [attribute('is_toxic'), attribute('proto_'), attribute('constructor_kind')] }),
    );
    const schema = attributesJsonSchema(profile.attributes) as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(Object.keys(schema.properties), ['is_toxic', 'proto_', 'constructor_kind']);
    assert.deepEqual(schema.required, ['is_toxic', 'proto_', 'constructor_kind']);
  });

  it('placeholders fill from the template values only: {{constructor}} and {{toString}} stay as written', () => {
    const profile = parseProfile(
      twoStateProfileJson({
        agents: { count: 1, model: 'm', promptTemplate: 'A {{constructor}} B {{toString}} C {{__proto__}} D {{states}} E {{text}}' },
      }),
    );
    const [message] = renderMessages(profile, agentSettings(profile, 1), { text: 'hello {{states}}' });
    assert.equal(message.content, 'A {{constructor}} B {{toString}} C {{__proto__}} D "clean", "toxic" E hello {{states}}');
  });
});
