// Entry point of the integration suite that runs with workspace trust on: the test folder opens restricted.
import { runMochaIn } from '../mocha-in-host';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
