// Builds the three bundles: the extension (Node, CJS), the CLI (Node, CJS, executable) and the webview (browser, IIFE).
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

const builds = [
  {
    ...common,
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
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { __HERDSCOPE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  },
  {
    ...common,
    entryPoints: ['webview/panel/main.ts'],
    outfile: 'dist/webview/panel.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => b.entryPoints.every((e) => existsSync(e)));

mkdirSync('dist', { recursive: true });
// The LP solver's WebAssembly sits beside the bundles that load it.
copyFileSync('node_modules/highs/build/highs.wasm', 'dist/highs.wasm');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
