// Entry module of the smoke suite, run against the extension installed from its .vsix
// (`npm run package`, then `npm run test:smoke`: run-integration.mjs --installed), not against the checkout.
import { runTestsIn } from '../integration/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
