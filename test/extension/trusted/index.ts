// Entry point of the integration suite that runs in a trusted workspace (code-server with workspace trust disabled).
import { runMochaIn } from '../mocha-in-host';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
