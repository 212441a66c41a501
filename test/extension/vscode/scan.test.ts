import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { closeAllEditors, EXTENSION_ID, fixtureUri, loopguardDiagnostics, showFile, suiteSetupServer, waitForDiagnostics, waitForEvent } from './helpers';
import { BLOCKING_CALL } from './sample';

interface ProblemsByRuleLike {
  getChildren(item?: vscode.TreeItem): vscode.TreeItem[];
}

/** The number of problems "Problems by Rule" shows: the rows under its file rows. */
function problemsShown(view: ProblemsByRuleLike): number {
  return view.getChildren().reduce((sum, rule) => sum + view.getChildren(rule).reduce((inRule, file) => inRule + view.getChildren(file).length, 0), 0);
}

suite('scan workspace', () => {
  suiteSetup(suiteSetupServer);
  teardown(closeAllEditors);

  test('the count the scan reports is what "Problems by Rule" shows, open files (with unsaved problems) included', async function () {
    this.timeout(240_000);
    const extension = vscode.extensions.getExtension<{ problemsByRule: ProblemsByRuleLike }>(EXTENSION_ID)!;
    const view = (await extension.activate()).problemsByRule;
    const editor = await showFile(fixtureUri('blocking.js'));
    // an unsaved second problem: the scan must count the buffer, not the file on disk
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), `\nexport async function again() {\n  return ${BLOCKING_CALL};\n}\n`)));
    await waitForDiagnostics(editor.document.uri, (diagnostics) => diagnostics.length === 2);
    const result = await vscode.commands.executeCommand<{ problems: number; filesLinted: number; cancelled: boolean }>('loopguard.scanWorkspace');
    assert.ok(result && !result.cancelled, 'the scan ran to the end');
    assert.ok(result.filesLinted >= 3, `${result.filesLinted} files linted`);
    const shown = await waitForEvent((listener) => vscode.languages.onDidChangeDiagnostics(listener), () => (problemsShown(view) === result.problems ? result.problems : undefined),
      () => `the scan counted ${result.problems}, Problems by Rule shows ${problemsShown(view)}`);
    assert.ok(shown >= 8, `${shown} problems in the fixture workspace`);
    assert.equal(loopguardDiagnostics(editor.document.uri).length, 2, 'the open file keeps its buffer\'s problems');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
