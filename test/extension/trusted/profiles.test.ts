// New Profile scaffolds a schema-validated *.herdscope.json file; Select Profile accepts it and rejects broken ones.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/extension/ids';
import { herdscope, workspaceFolder } from '../host-helpers';

describe('profiles', () => {
  before(async () => {
    await herdscope();
  });

  it('New Profile writes <name>.herdscope.json from a built-in, with a $schema that resolves to the shipped schema', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.newProfile, {
      name: 'kettles',
      base: 'product-quality',
      open: false,
    });
    assert.ok(uri);
    assert.equal(path.basename(uri.fsPath), 'kettles.herdscope.json');
    const profile = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8'));
    assert.equal(profile.name, 'kettles');
    assert.deepEqual(profile.states, ['good product', 'bad product']);
    const schemaPath = path.resolve(path.dirname(uri.fsPath), profile.$schema);
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    assert.ok(schema.properties.agents, 'the copy is the profile schema');
  });

  it('New Profile refuses to overwrite and refuses bad names', async () => {
    assert.equal(
      await vscode.commands.executeCommand(Commands.newProfile, { name: 'kettles', base: 'product-quality', open: false }),
      undefined,
    );
    assert.equal(
      await vscode.commands.executeCommand(Commands.newProfile, { name: '../escape', base: 'product-quality', open: false }),
      undefined,
    );
    assert.equal(fs.existsSync(path.join(workspaceFolder().fsPath, '..', 'escape.herdscope.json')), false);
  });

  it('Select Profile accepts a valid workspace profile (relative path) and a built-in', async () => {
    const selected = await vscode.commands.executeCommand<string>(Commands.selectProfile, { profile: 'kettles.herdscope.json' });
    assert.equal(selected, path.join(workspaceFolder().fsPath, 'kettles.herdscope.json'));
    assert.equal(
      await vscode.commands.executeCommand<string>(Commands.selectProfile, { profile: 'hate-speech-binary' }),
      'hate-speech-binary',
    );
  });

  it('Select Profile rejects a profile that fails validation', async () => {
    const bad = path.join(workspaceFolder().fsPath, 'broken.herdscope.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'broken', states: ['only one'] }));
    assert.equal(await vscode.commands.executeCommand(Commands.selectProfile, { profile: bad }), undefined);
    fs.rmSync(bad);
  });

  it('a workspace profile reads its likelihood file anywhere in the workspace folder, and nothing outside it', async () => {
    const root = workspaceFolder().fsPath;
    const profile = (file: string) => ({
      name: 'reads a file',
      states: ['clean', 'toxic'],
      actions: ['pass', 'flag'],
      attributes: [{ name: 'is_toxic', type: 'boolean', description: 'The text is toxic.' }],
      indexing: { kind: 'any', attributes: ['is_toxic'] },
      likelihood: { estimateFrom: { file, stateColumn: 'state' }, smoothing: 1 },
      utility: [
        [1, 0],
        [0, 1],
      ],
      prior: [0.5, 0.5],
      agents: { count: 2, provider: 'openai', model: 'm', promptTemplate: '{{format}} {{text}}' },
    });
    fs.mkdirSync(path.join(root, 'seams-profiles'), { recursive: true });
    fs.mkdirSync(path.join(root, 'seams-data'), { recursive: true });
    fs.writeFileSync(path.join(root, 'seams-data', 'labels.csv'), 'state,is_toxic\nclean,false\ntoxic,true\n');
    const outside = path.join(path.dirname(root), 'seams-outside.csv');
    fs.writeFileSync(outside, 'state,is_toxic\nclean,false\n');
    const inside = path.join(root, 'seams-profiles', 'inside.herdscope.json');
    const escape = path.join(root, 'seams-profiles', 'escape.herdscope.json');
    fs.writeFileSync(inside, JSON.stringify(profile('../seams-data/labels.csv')));
    fs.writeFileSync(escape, JSON.stringify(profile(`../../${path.basename(outside)}`)));
    try {
      assert.equal(await vscode.commands.executeCommand<string>(Commands.selectProfile, { profile: inside }), inside);
      assert.equal(await vscode.commands.executeCommand(Commands.selectProfile, { profile: escape }), undefined);
    } finally {
      fs.rmSync(path.join(root, 'seams-profiles'), { recursive: true, force: true });
      fs.rmSync(path.join(root, 'seams-data'), { recursive: true, force: true });
      fs.rmSync(outside, { force: true });
    }
  });

  after(async () => {
    // back to the folder's setting for the suites that follow
    await vscode.commands.executeCommand(Commands.selectProfile, { profile: 'product-quality' });
  });
});
