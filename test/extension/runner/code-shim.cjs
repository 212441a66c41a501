#!/usr/bin/env node
// A "VS Code executable" for @vscode/test-electron's `vscodeExecutablePath` and @vscode/test-cli's
// `useInstallation.fromPath`: runs the requested extension tests in code-server opened by headless
// Chromium (see shim.ts) and exits with the tests' exit code.
require('tsx/cjs');
const { shimMain } = require('./shim.ts');

shimMain(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
