// Parses the subcommand, runs it, and turns bad input into one line on stderr with exit code 2 (never a stack trace).
import { InputError } from '../core/errors';
import { escapeControls } from '../core/untrusted-text';
import type { CliCommand, CliIo } from './command';
import { commands } from './commands';

export async function runCli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`herdscope: unknown command '${name}' (try: ${commands.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`herdscope ${command.name}: ${oneLine(err.message)}\n`);
      return 2;
    }
    if (isArgError(err)) {
      io.stderr(`herdscope ${command.name}: ${oneLine((err as Error).message)}\n`);
      return 2;
    }
    throw err;
  }
}

/** package.json's version, defined by esbuild.mjs; absent only when the sources run unbundled (tests of out/). */
declare const __HERDSCOPE_VERSION__: string | undefined;
const VERSION = typeof __HERDSCOPE_VERSION__ === 'string' ? __HERDSCOPE_VERSION__ : 'unbundled';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: herdscope <command> [options]',
    '',
    ...commands.map((c: CliCommand) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'herdscope <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** node:util parseArgs errors carry a code starting with ERR_PARSE_ARGS. */
function isArgError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** One line, with any control character a value smuggled in (ANSI escapes) shown escaped rather than obeyed. */
const oneLine = (s: string) => escapeControls(s.replace(/\s*\n\s*/g, ' ').trim());

function defaultIo(): CliIo {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    signal: controller.signal,
  };
}
