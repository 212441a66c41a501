// The classic @vscode/test-electron entry point (`npx tsx test/extension/runner/testElectron.ts`).
// Offline it hands test-electron the code shim as the VS Code executable; with
// LOOPGUARD_VSCODE=download, test-electron downloads a desktop VS Code as usual.
import path from 'node:path';

import { runTests } from '@vscode/test-electron';

import { COMPILED_SUITES, copyFixtureWorkspace, REPO_ROOT } from './paths';

async function main(): Promise<void> {
  const workspace = copyFixtureWorkspace();
  try {
    await runTests({
      ...(process.env.LOOPGUARD_VSCODE === 'download' ? {} : { vscodeExecutablePath: path.join(__dirname, 'code-shim.cjs') }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(COMPILED_SUITES, 'index.js'),
      launchArgs: [workspace.folder, '--disable-extensions'],
    });
  } finally {
    workspace.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
