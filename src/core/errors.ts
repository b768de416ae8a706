/** Bad input: names the offending field so the CLI and UI can print one clear line (exit code 2 in the CLI). */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InputError';
  }
}
