// The shape every subcommand module exports.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Aborted on SIGINT; long commands stop and keep what they finished. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 failure (e.g. a gate not met), 2 bad input. */
  run(args: string[], io: CliIo): Promise<number>;
}
