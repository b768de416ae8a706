// The extension's logger: one LogOutputChannel ("HerdScope"), a component tag per line, and redaction of every
// secret the extension has seen, so an API key never reaches the log even if an error message echoes it.
import * as vscode from 'vscode';
import { redact } from '../llm/redact';

export interface Logger {
  info(component: string, message: string): void;
  warn(component: string, message: string): void;
  error(component: string, message: string | Error): void;
  debug(component: string, message: string): void;
  /** Registers a value that must never be written (an API key); every later line is scrubbed of it. */
  addSecret(value: string): void;
  show(): void;
}

export function createLogger(channel: vscode.LogOutputChannel): Logger {
  const secrets = new Set<string>();
  const scrub = (text: string): string => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('***');
    return redact(out); // bearer tokens and URL credentials (https://user:pass@host) too
  };
  const line = (component: string, message: string | Error): string =>
    scrub(`[${component}] ${message instanceof Error ? message.message : message}`);
  return {
    info: (c, m) => channel.info(line(c, m)),
    warn: (c, m) => channel.warn(line(c, m)),
    error: (c, m) => channel.error(line(c, m)),
    debug: (c, m) => channel.debug(line(c, m)),
    addSecret: (value) => {
      if (value.length >= 4) secrets.add(value);
    },
    show: () => channel.show(true),
  };
}
