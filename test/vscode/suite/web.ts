/**
 * The in-host suite for the web worker extension host (the extension's `browser` entry): bundled
 * for the browser to out/test/suite-web.js, inside the extension folder, as that host requires.
 */
import { runSuite } from './tests';

export function run(): Promise<void> {
  return runSuite('browser');
}
