import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { closeAllEditors, openNewFile, singleDiagnostic, suiteSetupServer, waitForText, withWorkspaceSetting } from './helpers';
import { BLOCKING_SOURCE, RULE } from './sample';

suite('source.fixAll.loopguard on save', () => {
  suiteSetup(suiteSetupServer);
  teardown(closeAllEditors);

  test('saving with codeActionsOnSave applies the automatic fixes: `using` of an async disposable becomes `await using`', async () => {
    await withWorkspaceSetting('editor', 'codeActionsOnSave', { 'source.fixAll.loopguard': 'explicit' }, async () => {
      const source = "import { open } from 'node:fs/promises';\nexport async function size(path) {\n  using handle = await open(path);\n  return (await handle.stat()).size;\n}\n";
      const fixed = source.replace('  using handle', '  await using handle');
      const editor = await openNewFile('fix-all-using.js', source);
      const uri = editor.document.uri;
      await singleDiagnostic(uri, 'require-async-dispose');
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// edited\n')));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitForText(editor.document, (text) => text === `// edited\n${fixed}`);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), `// edited\n${fixed}`);
    });
  });

  test('saving with codeActionsOnSave never applies a suggestion (only safe automatic fixes)', async () => {
    await withWorkspaceSetting('editor', 'codeActionsOnSave', { 'source.fixAll.loopguard': 'explicit' }, async () => {
      const editor = await openNewFile('fix-all-on-save.js', BLOCKING_SOURCE);
      const uri = editor.document.uri;
      await singleDiagnostic(uri, RULE);
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// edited\n')));
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(editor.document.isDirty, false);
      assert.equal(editor.document.getText(), `// edited\n${BLOCKING_SOURCE}`);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), `// edited\n${BLOCKING_SOURCE}`);
      await singleDiagnostic(uri, RULE);
    });
  });
});
