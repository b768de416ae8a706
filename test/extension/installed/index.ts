// Entry point of the integration suite that drives HerdScope installed from the built .vsix (code-server
// --install-extension), as users get it: production bundles, activated in ExtensionMode.Production.
import { runMochaIn } from '../mocha-in-host';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
