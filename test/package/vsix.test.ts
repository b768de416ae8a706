// The .vsix users install: exactly the whitelisted files (.vscodeignore), production bundles without source maps,
// under 3 MB. Reads the package named by HERDSCOPE_VSIX (run-integration.sh builds it with `npm run package`), or
// builds one itself and then restores the development bundles.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listZip } from '../support/zip';

const root = path.resolve(__dirname, '..', '..', '..');
const MAX_BYTES = 3 * 1024 * 1024;

/** Every file the package may hold (vsce adds the manifest and content types; it renames LICENSE, README, CHANGELOG). */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/cli.js',
  'extension/dist/forecast-worker.js',
  'extension/dist/sdk/openai.js',
  'extension/dist/sdk/mistral.js',
  'extension/dist/sdk/highs.js',
  'extension/dist/highs.wasm',
  'extension/dist/webview/panel.js',
  'extension/dist/webview/report.js',
  'extension/media/herdscope.svg',
  'extension/media/icon.png',
  'extension/media/panel.css',
  ...fs.readdirSync(path.join(root, 'media', 'walkthrough')).map((f) => `extension/media/walkthrough/${f}`),
  ...fs
    .readdirSync(path.join(root, 'profiles'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `extension/profiles/${f}`),
  'extension/schemas/profile.schema.json',
  'extension/demo/profile.json',
  'extension/demo/texts.json',
  'extension/demo/cassette.jsonl',
].sort();

describe('the .vsix package', function () {
  this.timeout(300000);
  let vsix: string;
  let entries: Map<string, { compressed: number; size: number; read(): Promise<Buffer> }>;

  before(async () => {
    vsix = process.env.HERDSCOPE_VSIX ?? '';
    if (!vsix) {
      vsix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'herdscope-vsix-')), 'herdscope.vsix');
      try {
        execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root, stdio: 'ignore' });
      } finally {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' }); // back to the development bundles
      }
    }
    entries = await listZip(vsix);
  });

  it('holds exactly the whitelisted files', () => {
    assert.deepEqual([...entries.keys()].sort(), EXPECTED);
  });

  it(`is under ${MAX_BYTES / 1024 / 1024} MB`, () => {
    const size = fs.statSync(vsix).size;
    console.log(`      ${path.basename(vsix)}: ${(size / 1024 / 1024).toFixed(2)} MB, ${entries.size} files`);
    assert.ok(size < MAX_BYTES, `${size} bytes`);
  });

  it('ships minified production bundles that point to no source map', async () => {
    for (const name of [
      'extension/dist/extension.js',
      'extension/dist/cli.js',
      'extension/dist/webview/panel.js',
      'extension/dist/webview/report.js',
      'extension/dist/sdk/openai.js',
    ]) {
      const entry = entries.get(name);
      assert.ok(entry, name);
      const text = (await entry.read()).toString('utf8');
      assert.ok(!text.includes('sourceMappingURL'), `${name} names no source map`);
      const lines = text.split('\n').length;
      // the webview bundle keeps its multi-line CSS/HTML template strings, so only the Node bundles are held to this
      if (!name.includes('webview')) assert.ok(entry.size / lines > 500, `${name} is minified (${lines} lines for ${entry.size} bytes)`);
    }
  });

  it('keeps the provider SDKs and HiGHS out of the extension bundle (they load from dist/sdk/ on first use)', async () => {
    const extension = (await entries.get('extension/dist/extension.js')?.read())?.toString('utf8') ?? '';
    for (const sdk of ['openai', 'mistral', 'highs'])
      assert.ok(extension.includes(`require("./sdk/${sdk}.js")`), `extension.js requires ./sdk/${sdk}.js`);
    const sdkFiles = await Promise.all(
      ['openai', 'mistral', 'highs'].map(
        async (sdk) => (await entries.get(`extension/dist/sdk/${sdk}.js`)?.read())?.toString('utf8') ?? '',
      ),
    );
    // a marker of each library's own code: the openai SDK's X-Stainless headers, the Mistral SDK's speakeasy user agent, HiGHS's exports
    const markers = [/x-stainless/i, /speakeasy/, /_Highs_js_getColName/];
    markers.forEach((marker, i) => {
      assert.match(sdkFiles[i], marker, `the marker is in dist/sdk/${['openai', 'mistral', 'highs'][i]}.js`);
      assert.doesNotMatch(extension, marker, 'and not in extension.js');
    });
  });

  it('declares the manifest fields the Marketplace shows', async () => {
    const manifest = JSON.parse((await entries.get('extension/package.json')?.read())?.toString('utf8') ?? '{}');
    for (const field of ['repository', 'license', 'keywords', 'galleryBanner', 'icon', 'capabilities']) assert.ok(manifest[field], field);
    assert.equal(manifest.icon, 'media/icon.png');
    assert.ok(entries.has(`extension/${manifest.icon}`));
    assert.equal(manifest.contributes.walkthroughs[0].title, 'Get started with HerdScope');
  });
});
