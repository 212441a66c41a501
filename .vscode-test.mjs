// @vscode/test-cli configuration (`npx vscode-test`) for the integration suites in
// test/extension/vscode (compile them first: `npx tsc -p test/extension/vscode`).
// Offline, as here and in CI, the "VS Code installation" is test/extension/runner/code-shim.cjs,
// which runs the suites in code-server opened by headless Chromium. With LOOPGUARD_VSCODE=download
// test-cli downloads a desktop VS Code instead, the usual way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from '@vscode/test-cli';

const root = path.dirname(fileURLToPath(import.meta.url));

// the suites create files and change workspace settings: give them a throw-away copy
const workspaceParent = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-workspace-'));
const workspace = path.join(workspaceParent, 'workspace');
fs.cpSync(path.join(root, 'test/extension/fixtures/workspace'), workspace, { recursive: true });
process.on('exit', () => fs.rmSync(workspaceParent, { recursive: true, force: true }));

export default defineConfig({
  label: 'integration',
  files: 'out/test/extension/vscode/*.test.js',
  extensionDevelopmentPath: root,
  workspaceFolder: workspace,
  mocha: { ui: 'tdd', timeout: 120_000 },
  ...(process.env.LOOPGUARD_VSCODE === 'download'
    ? {}
    : { useInstallation: { fromPath: path.join(root, 'test/extension/runner/code-shim.cjs') } }),
});
