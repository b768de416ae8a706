// First run: the "Get started with HerdScope" walkthrough is a valid contribution (its media ship, its buttons run
// registered commands) and opens on the first activation for a user, once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openWalkthroughOnFirstInstall, WALKTHROUGH_SHOWN_KEY } from '../../../src/extension/first-run';
import { EXTENSION_ID, WALKTHROUGH_ID } from '../../../src/extension/ids';
import { herdscope } from '../host-helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  steps: Step[];
}

describe('first run: the walkthrough', () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const walkthroughs = (ext?.packageJSON as { contributes: { walkthroughs: Walkthrough[]; commands: Array<{ command: string }> } })
    .contributes.walkthroughs;

  it('contributes "Get started with HerdScope" with the five steps, whose markdown ships with the extension', () => {
    assert.ok(ext);
    assert.equal(walkthroughs.length, 1);
    const [walkthrough] = walkthroughs;
    assert.equal(`${EXTENSION_ID}#${walkthrough.id}`, WALKTHROUGH_ID);
    assert.equal(walkthrough.title, 'Get started with HerdScope');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['provider', 'demo', 'selection', 'dataset', 'panel'],
    );
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown, `${step.id} has markdown media`);
      const file = path.join(ext.extensionUri.fsPath, step.media.markdown);
      assert.ok(fs.existsSync(file), `${step.media.markdown} exists`);
      assert.match(fs.readFileSync(file, 'utf8'), /^# \S/, `${step.media.markdown} starts with a heading`);
    }
    const panel = fs.readFileSync(path.join(ext.extensionUri.fsPath, walkthrough.steps[4].media.markdown ?? ''), 'utf8');
    for (const term of ['Cascade', 'NIAS', 'NIAC']) assert.ok(panel.includes(term), `the panel step explains ${term}`);
  });

  it("links only to registered commands, and completes on the steps' own commands", async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthroughs[0].steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.id} offers a button`);
      for (const command of links) assert.ok(registered.has(command), `${step.id}: ${command} is registered`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(links.includes(command), `${step.id} completes on a command it links to: ${command}`);
      }
    }
    const provider = walkthroughs[0].steps[0].description;
    for (const way of ['herdscope.setApiKey', 'herdscope.useLocalServer', 'herdscope.useLanguageModels'])
      assert.ok(provider.includes(`command:${way}`), way);
  });

  it('opened on the first activation for this user, and the opener does not fire again', async () => {
    const api = await herdscope();
    assert.equal(await api.walkthroughOpened, true, 'this profile is fresh: the first activation opened the walkthrough');
    assert.equal(api.globalState.get(WALKTHROUGH_SHOWN_KEY), true);
    let opened = 0;
    assert.equal(
      await openWalkthroughOnFirstInstall(api.globalState, async () => {
        opened++;
      }),
      false,
    );
    assert.equal(opened, 0, 'a later activation does not open it');
    const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    console.log(`    open tabs: ${labels.join(' | ')}`);
  });

  it('opens with workbench.action.openWalkthrough under its full id', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  });
});
