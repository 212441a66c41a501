import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { EXTENSION_ID, workspaceFolder } from './helpers';

suite('the test environment', () => {
  test('runs in a Node extension host with the fixture workspace open', () => {
    assert.equal(typeof process.versions.node, 'string');
    assert.ok(workspaceFolder().fsPath.length > 0);
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}), Node ${process.versions.node}, remote ${vscode.env.remoteName ?? 'none'}`);
  });

  test('the Loopguard extension is loaded from the development path', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  });
});
