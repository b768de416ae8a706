import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtinProfileNames, builtinProfiles } from '../../src/audit/builtin-profiles';
import { agentSettings, parseProfile, profileModel, profileObservationCount } from '../../src/audit/profile';
import { loadProfile } from '../../src/audit/profile-loader';
import { profileJsonSchemaText } from '../../src/audit/profile-schema';
import { InputError } from '../../src/core/errors';
import { MISTRAL_BINARY_COUNTS, MISTRAL_Y6_COUNTS } from '../../src/core/paper-data';
import { repoRoot } from '../support/cli';
import { twoStateProfileJson } from './fixtures';

const schemaFile = path.join(repoRoot, 'schemas', 'profile.schema.json');

/** The structural part of JSON Schema the profile schema uses: type, required, additionalProperties, enum, anyOf, items. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema is walked structurally
function schemaErrors(schema: any, value: unknown, at = '$'): string[] {
  if (schema.anyOf)
    return schema.anyOf.some((s: unknown) => schemaErrors(s, value, at).length === 0) ? [] : [`${at}: matches no anyOf branch`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: not in enum`];
  const type = schema.type;
  if (type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
    const obj = value as Record<string, unknown>;
    const errors = (schema.required ?? []).filter((k: string) => !(k in obj)).map((k: string) => `${at}.${k}: required`);
    for (const [k, v] of Object.entries(obj)) {
      if (schema.properties?.[k]) errors.push(...schemaErrors(schema.properties[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${k}: not allowed`);
    }
    return errors;
  }
  if (type === 'array')
    return Array.isArray(value) ? value.flatMap((v, i) => schemaErrors(schema.items ?? {}, v, `${at}[${i}]`)) : [`${at}: not an array`];
  if (type === 'string') return typeof value === 'string' ? [] : [`${at}: not a string`];
  if (type === 'number' || type === 'integer') return typeof value === 'number' ? [] : [`${at}: not a number`];
  if (type === 'boolean') return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
  return [];
}

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    return err.field;
  }
  assert.fail('expected an InputError');
}

describe('profiles', () => {
  it('schemas/profile.schema.json is the schema generated from the zod profile schema', () => {
    assert.equal(
      readFileSync(schemaFile, 'utf8'),
      profileJsonSchemaText(),
      'out of date: regenerate it with the command in src/audit/profile-schema.ts',
    );
  });

  it('every built-in profile (and the demo profile) validates against zod and the JSON Schema', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const demo = JSON.parse(readFileSync(path.join(repoRoot, 'demo', 'profile.json'), 'utf8'));
    for (const [name, raw] of [...Object.entries(builtinProfiles), ['demo', demo] as const]) {
      assert.deepEqual(schemaErrors(schema, raw), [], name);
      parseProfile(raw);
    }
    assert.deepEqual(builtinProfileNames.sort(), ['hate-speech', 'hate-speech-binary', 'product-quality']);
  });

  it('the JSON Schema catches a missing required key and an unknown key', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const noAgents = twoStateProfileJson();
    delete noAgents.agents;
    assert.ok(schemaErrors(schema, noAgents).includes('$.agents: required'));
    assert.ok(schemaErrors(schema, { ...twoStateProfileJson(), colour: 'red' }).includes('$.colour: not allowed'));
  });

  it('hate-speech: 6 states, 6-level index, B = (counts + 1) / (40 + 6), identity utility', async () => {
    const { profile, model, counts } = await loadProfile('hate-speech');
    assert.equal(profileObservationCount(profile), 6);
    assert.deepEqual(counts, MISTRAL_Y6_COUNTS);
    assert.equal(model.likelihood[0][0], 36 / 46);
    assert.equal(model.likelihood[5][4], 25 / 46);
    assert.deepEqual(model.prior, [1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6]);
    assert.deepEqual(model.utility[2], [0, 0, 1, 0, 0, 0]);
  });

  it('hate-speech-binary pools intensities 1..5 of the spec §2.4 binary counts; product-quality has 8 observations', async () => {
    const binary = await loadProfile('hate-speech-binary');
    const pooled = MISTRAL_BINARY_COUNTS.slice(1).reduce((a, row) => [a[0] + row[0], a[1] + row[1]], [0, 0]);
    assert.deepEqual(binary.counts, [MISTRAL_BINARY_COUNTS[0], pooled]);
    assert.equal(binary.model.likelihood[1][1], 189 / 202);
    const product = await loadProfile('product-quality');
    assert.equal(product.model.likelihood[0].length, 8);
    assert.match(product.profile.description, /ILLUSTRATIVE/);
  });

  it('bad profiles fail with the field named', () => {
    const p = twoStateProfileJson;
    assert.equal(
      fieldOf(() => parseProfile(p({ agents: { model: 'm', promptTemplate: '{{text}}' } }))),
      'profile.agents.count',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ likelihood: { matrix: [[0.7, 0.3]] } }))),
      'profile.likelihood.matrix',
    );
    assert.equal(
      fieldOf(() =>
        parseProfile(
          p({
            likelihood: {
              matrix: [
                [0.7, 0.3],
                [0.3, 0.6],
              ],
            },
          }),
        ),
      ),
      'profile.likelihood.matrix[1]',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ indexing: { kind: 'any', attributes: ['is_rude'] } }))),
      'profile.indexing.attributes[0]',
    );
    assert.equal(
      fieldOf(() =>
        parseProfile(
          p({
            cost: [
              [0, 1],
              [1, 0],
            ],
          }),
        ),
      ),
      'profile.utility',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ prior: [0.5, 0.6] }))),
      'profile.prior',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ mode: 'chatty' }))),
      'profile.mode',
    );
    assert.equal(
      fieldOf(() => parseProfile({ ...p(), agents: { ...(p().agents as object), promptTemplate: 'no placeholder' } })),
      'profile.agents.promptTemplate',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ attributes: [{ name: 'is_toxic', type: 'enum', description: 'x' }] }))),
      'profile.attributes[0].values',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ states: ['a', 'a'] }))),
      'profile.states[1]',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ likelihood: { estimateFrom: { file: 3, stateColumn: 's' } } }))),
      'profile.likelihood.estimateFrom.file',
    );
    assert.equal(
      fieldOf(() => parseProfile(p({ likelihood: { matrix: 'x' } }))),
      'profile.likelihood.matrix',
    );
  });

  it('per-agent overrides replace only the fields they give', () => {
    const profile = parseProfile(
      twoStateProfileJson({
        agents: { count: 3, model: 'base', promptTemplate: '{{text}}', overrides: [{ agent: 2, model: 'other', temperature: 0 }] },
      }),
    );
    assert.equal(agentSettings(profile, 1).model, 'base');
    assert.equal(agentSettings(profile, 2).model, 'other');
    assert.equal(agentSettings(profile, 2).temperature, 0);
    assert.equal(agentSettings(profile, 2).maxTokens, 512);
  });

  it('estimates B from a labelled file next to the profile (attribute columns indexed by the scheme)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herdscope-profile-'));
    writeFileSync(
      path.join(dir, 'labelled.csv'),
      'state,is_toxic,is_polite\nclean,false,true\nclean,0,1\ntoxic,true,false\n1,TRUE,false\n0,true,false\n',
    );
    writeFileSync(
      path.join(dir, 'p.json'),
      JSON.stringify(twoStateProfileJson({ likelihood: { estimateFrom: { file: 'labelled.csv', stateColumn: 'state' }, smoothing: 1 } })),
    );
    const loaded = await loadProfile(path.join(dir, 'p.json'));
    assert.deepEqual(loaded.counts, [
      [2, 1],
      [0, 2],
    ]);
    assert.deepEqual(loaded.model.likelihood, [
      [3 / 5, 2 / 5],
      [1 / 4, 3 / 4],
    ]);
    const model = profileModel(loaded.profile, loaded.counts!);
    assert.deepEqual(model.likelihood, loaded.model.likelihood);
  });

  it('names the built-ins when a profile is neither a built-in nor a file', async () => {
    await assert.rejects(loadProfile('no-such-profile'), /hate-speech, hate-speech-binary, product-quality/);
  });
});
