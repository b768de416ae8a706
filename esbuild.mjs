// Builds the bundles: the extension (Node, CJS), the CLI (Node, CJS, executable), the webviews (browser, IIFE: the
// audit panel and the report view's state script), and dist/sdk/{openai,mistral,highs}.js, the large libraries both
// Node bundles load on first use (not at activation).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, chmodSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
};

// In the Node bundles, the lazy requires of src/llm/sdk/load.ts and solver.ts stay requires of the files in dist/sdk/.
const lazySdks = {
  name: 'lazy-sdks',
  setup(build) {
    build.onResolve({ filter: /^\.\/(openai|mistral)$/ }, (args) =>
      args.importer.endsWith(`src/llm/sdk/load.ts`) ? { path: `./sdk/${args.path.slice(2)}.js`, external: true } : undefined,
    );
    build.onResolve({ filter: /^highs$/ }, () => ({ path: './sdk/highs.js', external: true }));
  },
};

const sdk = (name, entry) => ({
  ...common,
  ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: '.', loader: 'js' } }),
  outfile: `dist/sdk/${name}.js`,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
});

const builds = [
  {
    ...common,
    plugins: [lazySdks],
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    plugins: [lazySdks],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { __HERDSCOPE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  },
  {
    ...common,
    // The extension computes a run's forecast in a worker thread started from this file (src/audit/forecast-compute.ts).
    entryPoints: ['src/audit/forecast-worker.ts'],
    outfile: 'dist/forecast-worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['webview/panel/main.ts'],
    outfile: 'dist/webview/panel.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['webview/report/main.ts'],
    outfile: 'dist/webview/report.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  sdk('openai', 'src/llm/sdk/openai.ts'),
  sdk('mistral', 'src/llm/sdk/mistral.ts'),
  sdk('highs', { contents: "module.exports = require('highs');" }),
].filter((b) => !b.entryPoints || b.entryPoints.every((e) => existsSync(e)));

mkdirSync('dist', { recursive: true });
// The LP solver's WebAssembly sits beside the bundles that load it.
copyFileSync('node_modules/highs/build/highs.wasm', 'dist/highs.wasm');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
