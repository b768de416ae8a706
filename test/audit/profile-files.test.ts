// The files a profile may read: relative paths inside its root, symlinks resolved; errors never show a file's content.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfile } from '../../src/audit/profile-loader';
import { InputError } from '../../src/core/errors';
import { runHerdscope } from '../support/cli';
import { twoStateProfileJson } from './fixtures';

const SECRET_LINE = 'root:$6$SECRETHASH$abcdefgh:19000:0:99999:7:::';
const FIELD = 'profile.likelihood.estimateFrom.file';

/** A root folder holding profiles/p.json and data/; `outside` is a sibling folder with a "secret" file. */
function layout() {
  const top = mkdtempSync(path.join(tmpdir(), 'herdscope-profile-files-'));
  const root = path.join(top, 'workspace');
  const outside = path.join(top, 'outside');
  for (const dir of [path.join(root, 'profiles', 'labels'), path.join(root, 'data'), outside]) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(outside, 'shadow'), `${SECRET_LINE}\n`);
  writeFileSync(path.join(outside, 'shadow.jsonl'), `${SECRET_LINE}\n`);
  const good = 'state,is_toxic,is_polite\nclean,false,true\ntoxic,true,false\n';
  writeFileSync(path.join(root, 'profiles', 'labels', 'good.csv'), good);
  writeFileSync(path.join(root, 'data', 'good.csv'), good);
  const profile = (file: string, name = 'p.json') => {
    const target = path.join(root, 'profiles', name);
    writeFileSync(
      target,
      JSON.stringify(twoStateProfileJson({ likelihood: { estimateFrom: { file, stateColumn: 'state' }, smoothing: 1 } })),
    );
    return target;
  };
  return { root, outside, profile };
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.field, FIELD);
    assert.ok(!err.message.includes('SECRET') && !err.message.includes('root:'), `the message shows the file's content: ${err.message}`);
    return err;
  }
  return assert.fail('expected the profile to be refused');
}

describe('files a profile may read', () => {
  it('reads a relative file inside the profile folder by default, and inside a wider root when given', async () => {
    const { root, profile } = layout();
    assert.deepEqual((await loadProfile(profile('labels/good.csv'))).counts, [
      [1, 0],
      [0, 1],
    ]);
    await refusal(loadProfile(profile('../data/good.csv'))); // outside the profile's own folder
    assert.deepEqual((await loadProfile(profile('../data/good.csv'), '--profile', root)).counts, [
      [1, 0],
      [0, 1],
    ]);
  });

  it('refuses absolute paths and ../ escapes, naming the file', async () => {
    const { root, outside, profile } = layout();
    const absolute = await refusal(loadProfile(profile(path.join(outside, 'shadow')), '--profile', root));
    assert.match(absolute.message, /must be a path relative to the profile/);
    const escape = await refusal(loadProfile(profile('../../outside/shadow'), '--profile', root));
    assert.match(escape.message, /"\.\.\/\.\.\/outside\/shadow" is outside .*the folder this profile may read/);
    await refusal(loadProfile(profile('../../../../../../../../etc/passwd'), '--profile', root));
  });

  it('resolves symlinks: a link inside the root that points outside is refused', async () => {
    const { root, outside, profile } = layout();
    symlinkSync(path.join(outside, 'shadow'), path.join(root, 'data', 'innocent.csv'));
    symlinkSync(outside, path.join(root, 'data', 'linked-dir'));
    const link = await refusal(loadProfile(profile('../data/innocent.csv'), '--profile', root));
    assert.match(link.message, /is outside/);
    await refusal(loadProfile(profile('../data/linked-dir/shadow.jsonl'), '--profile', root));
  });

  it('format errors name the file and the problem, never a line of it', async () => {
    const { root, outside, profile } = layout();
    writeFileSync(path.join(root, 'data', 'copy.jsonl'), `${SECRET_LINE}\n`);
    writeFileSync(path.join(root, 'data', 'copy.csv'), `${SECRET_LINE}\n${SECRET_LINE}\n`);
    writeFileSync(path.join(root, 'data', 'quote.csv'), `state,is_toxic\n"clean"x${SECRET_LINE},true\n`);
    writeFileSync(path.join(root, 'data', 'cells.csv'), `state,is_toxic\n${SECRET_LINE.replace(/:/g, '_')},true\n`);
    writeFileSync(path.join(root, 'data', 'bools.csv'), `state,is_toxic\nclean,${SECRET_LINE.replace(/:/g, '_')}\n`);
    assert.match(
      (await refusal(loadProfile(profile('../data/copy.jsonl'), '--profile', root))).message,
      /malformed JSONL in copy\.jsonl at line 1: not valid JSON/,
    );
    assert.match(
      (await refusal(loadProfile(profile('../data/copy.csv'), '--profile', root))).message,
      /"\.\.\/data\/copy\.csv" has no column "state" \(its header has \d+ columns\)/,
    );
    assert.match((await refusal(loadProfile(profile('../data/quote.csv'), '--profile', root))).message, /malformed CSV in quote\.csv/);
    await assert.rejects(
      loadProfile(profile('../data/cells.csv'), '--profile', root),
      (e: Error) => /must be a state index/.test(e.message) && !e.message.includes('SECRET'),
    );
    await assert.rejects(
      loadProfile(profile('../data/bools.csv'), '--profile', root),
      (e: Error) => /must be true\/false/.test(e.message) && !e.message.includes('SECRET'),
    );
    void outside;
  });

  it('a profile that is not JSON is reported without quoting it; inherited names are not built-ins', async () => {
    const { outside } = layout();
    await assert.rejects(
      loadProfile(path.join(outside, 'shadow')),
      (e: Error) => e instanceof InputError && /is not valid JSON/.test(e.message) && !e.message.includes('root:'),
    );
    await assert.rejects(loadProfile('constructor'), (e: Error) => e instanceof InputError && /neither a built-in profile/.test(e.message));
  });

  it('report: a run.json symlinked to another file is refused without showing that file', async () => {
    const { outside } = layout();
    const runs = mkdtempSync(path.join(tmpdir(), 'herdscope-runs-'));
    mkdirSync(path.join(runs, 'run-1'));
    symlinkSync(path.join(outside, 'shadow'), path.join(runs, 'run-1', 'run.json'));
    const { code, stdout, stderr } = await runHerdscope(['report', 'run-1', '--runs', runs]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /run\.json is not valid JSON/);
    assert.ok(!stderr.includes('root:') && !stdout.includes('root:'), stderr);
  });
});
