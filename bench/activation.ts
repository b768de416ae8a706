// The extension's start-up cost, measured outside VS Code: the time to `require` dist/extension.js and to run its
// activate() against a stub of the `vscode` module (injected through Module._load — here in the bench only; the tests
// use the real host), the modules it loaded, and the size of every bundle.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Anything not stubbed explicitly: callable, constructible, every property another such value; never a thenable. */
function anything(): unknown {
  const target = function stub() {} as unknown as Record<PropertyKey, unknown>;
  const proxy: unknown = new Proxy(target, {
    get: (_t, prop) => {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => 'stub';
      if (prop === Symbol.iterator) return function* () {};
      return anything();
    },
    apply: () => anything(),
    construct: () => anything() as object,
  });
  return proxy;
}

/** The names HerdScope reads from `vscode` (esbuild's interop copies only a module's own properties). */
const API_NAMES = [
  'CancellationError',
  'CancellationTokenSource',
  'ConfigurationTarget',
  'Disposable',
  'EventEmitter',
  'LanguageModelChatMessage',
  'LanguageModelError',
  'MarkdownString',
  'ProgressLocation',
  'QuickPickItemKind',
  'RelativePattern',
  'ThemeIcon',
  'TreeItem',
  'TreeItemCollapsibleState',
  'ViewColumn',
  'commands',
  'lm',
  'window',
];

function fakeVscode(): unknown {
  const uri = (fsPath: string) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}` });
  const explicit: Record<string, unknown> = {
    ...Object.fromEntries(API_NAMES.map((name) => [name, anything()])),
    version: '1.139.0-bench',
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    env: { appName: 'bench' },
    Uri: { file: uri, joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(join(base.fsPath, ...parts)) },
    workspace: new Proxy(
      {
        workspaceFolders: undefined,
        isTrusted: true,
        getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }),
      } as Record<PropertyKey, unknown>,
      {
        get: (t, p) => (p in t ? t[p] : anything()),
      },
    ),
  };
  return new Proxy(explicit, { get: (t, p) => (p in t ? t[p as string] : anything()) });
}

function memento(): unknown {
  const values = new Map<string, unknown>([['herdscope.walkthroughShown', true]]);
  return {
    get: (k: string, d?: unknown) => (values.has(k) ? values.get(k) : d),
    update: async (k: string, v: unknown) => void values.set(k, v),
    keys: () => [...values.keys()],
  };
}

export interface ActivationCost {
  requireMs: number;
  activateMs: number;
  modulesLoaded: string[];
}

/** Runs in a fresh process (a warm module cache would hide the cost): see measureInChild. */
export function measureHere(bundle: string, root: string): ActivationCost {
  const vscode = fakeVscode();
  const original = (Module as unknown as { _load: Loader })._load;
  (Module as unknown as { _load: Loader })._load = function (request, parent, isMain) {
    return request === 'vscode' ? vscode : original.call(this, request, parent, isMain);
  };
  const before = new Set(Object.keys(require.cache));
  let t = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle) as { activate(context: unknown): unknown };
  const requireMs = Number(process.hrtime.bigint() - t) / 1e6;
  const storage = mkdtempSync(join(tmpdir(), 'herdscope-bench-activate-'));
  const context = {
    subscriptions: [],
    extensionMode: 1,
    extensionUri: { scheme: 'file', fsPath: root, path: root },
    globalStorageUri: { scheme: 'file', fsPath: storage, path: storage },
    logUri: { scheme: 'file', fsPath: storage, path: storage },
    globalState: memento(),
    workspaceState: memento(),
    secrets: anything(),
  };
  t = process.hrtime.bigint();
  extension.activate(context);
  const activateMs = Number(process.hrtime.bigint() - t) / 1e6;
  return {
    requireMs,
    activateMs,
    modulesLoaded: Object.keys(require.cache)
      .filter((f) => !before.has(f))
      .map((f) => relative(root, f)),
  };
}

/** Every .js/.wasm file under dist/, with its size. */
export function bundleSizes(dist: string): Array<{ file: string; bytes: number }> {
  const out: Array<{ file: string; bytes: number }> = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|wasm)$/.test(e.name)) out.push({ file: relative(dist, p), bytes: statSync(p).size });
    }
  };
  walk(dist);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

export function isProductionBuild(bundle: string): boolean {
  return !readFileSync(bundle, 'utf8').includes('sourceMappingURL');
}

// `node out/bench/activation.js <bundle> <root>`: one measurement in this fresh process, as JSON.
if (require.main === module) {
  const [bundle, root] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(measureHere(bundle, root)));
}
