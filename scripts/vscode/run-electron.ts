/**
 * Runs the same in-host suite (out/test/suite.js) under @vscode/test-electron, for machines that
 * can download VS Code. Here, with no internet, `npm test` runs it in code-server instead.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.join(__dirname, '..', '..');

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-electron-'));
  for (const name of fs.readdirSync(path.join(root, 'examples'))) fs.copyFileSync(path.join(root, 'examples', name), path.join(workspace, name));
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
