// Lint rules, including the layering: dependencies point inward only (core <- llm <- audit <- cli/extension; shared <- webview).
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Every Node built-in, bare or node:-prefixed, with any subpath (fs, fs/promises, node:fs/promises, node:test, …). */
const nodeBuiltins = {
  regex: `^(node:.+|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?)$`,
  message: 'no Node built-ins in this layer (pure code: no I/O, no network)',
};
const vscode = { group: ['vscode'], message: 'only src/extension may import vscode' };
const sdks = { group: ['openai', 'openai/**', '@mistralai/**'], message: 'provider SDKs belong in src/llm' };
const layer = (...names) => ({
  group: names.map((n) => `**/${n}/**`),
  message: `dependencies point inward: this layer may not import ${names.join(', ')}`,
});
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test-tools/**', 'test-artefacts/**', 'reproduce/out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Plain JavaScript (build scripts, test launchers): linted too, as Node code.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The host scripts also hand functions to the workbench page (page.evaluate), which run in the browser.
  { files: ['test/host/**/*.js'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(vscode, sdks, nodeBuiltins, layer('shared', 'llm', 'audit', 'cli', 'extension', 'webview')),
  },
  { files: ['src/llm/**/*.ts'], rules: restrict(vscode, layer('audit', 'cli', 'extension', 'webview')) },
  { files: ['src/audit/**/*.ts'], rules: restrict(vscode, layer('cli', 'extension', 'webview')) },
  { files: ['src/cli/**/*.ts'], rules: restrict(vscode, layer('extension', 'webview')) },
  { files: ['src/extension/**/*.ts'], rules: restrict(layer('cli', 'webview')) },
  // What host and webview share: pure, and nothing but core's types and itself.
  { files: ['src/shared/**/*.ts'], rules: restrict(vscode, sdks, nodeBuiltins, layer('llm', 'audit', 'cli', 'extension', 'webview')) },
  {
    files: ['webview/**/*.ts'],
    rules: restrict(vscode, sdks, nodeBuiltins, {
      regex: '^(\\.\\./)+src/(?!shared/)',
      message: 'the webview may import only src/shared/ (the protocol and the record types it shares with the host)',
    }),
  },
);
