/**
 * The in-host suite for VS Code's Node extension host (code-server's, or @vscode/test-electron's):
 * bundled to out/test/suite.js. The tests are in tests.ts; web.ts runs them in the web worker host.
 */
import { runSuite } from './tests';

export function run(): Promise<void> {
  return runSuite('node');
}
