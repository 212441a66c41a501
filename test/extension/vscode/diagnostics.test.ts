import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import {
  closeAllEditors, describe, fixtureUri, loopguardDiagnostics, rangeOf, ruleOf, showFile, singleDiagnostic, suiteSetupServer, waitForDiagnostics,
} from './helpers';
import { BLOCKING_CALL, RULE } from './sample';

suite('diagnostics', () => {
  suiteSetup(suiteSetupServer);
  teardown(closeAllEditors);

  test('a blocking call in an async function of a fixture file is reported on the call, and nothing else is', async () => {
    const editor = await showFile(fixtureUri('blocking.js'));
    const diagnostic = await singleDiagnostic(editor.document.uri, RULE);
    assert.deepEqual(loopguardDiagnostics(editor.document.uri).map(describe), [describe(diagnostic)],
      'the sync read in the non-async function is not reported');
    assert.deepEqual(diagnostic.range, rangeOf(editor.document, BLOCKING_CALL));
    assert.equal(diagnostic.source, 'loopguard');
    assert.equal(ruleOf(diagnostic), RULE);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error, 'the recommended preset sets the rule to error');
    assert.match(diagnostic.message, /readFileSync/);
    const code = diagnostic.code;
    assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, 'the code links to the rule documentation');
    assert.match(code.target.toString(), /no-blocking-in-async/);
  });

  test('diagnostics follow edits', async () => {
    const editor = await showFile(fixtureUri('blocking.js'));
    const uri = editor.document.uri;
    await singleDiagnostic(uri, RULE);
    // make the function synchronous: the call no longer blocks async code
    const declaration = rangeOf(editor.document, 'async function loadConfig');
    const asyncKeyword = new vscode.Range(declaration.start, declaration.start.translate(0, 'async '.length));
    assert.ok(await editor.edit((edit) => edit.delete(asyncKeyword)));
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
    assert.ok(await editor.edit((edit) => edit.insert(asyncKeyword.start, 'async ')));
    await singleDiagnostic(uri, RULE);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('squiggles cover the smallest code that names the problem: a callback\'s head, never its body', async () => {
    const editor = await showFile(fixtureUri('routes.js'));
    const diagnostics = await waitForDiagnostics(editor.document.uri, (current) => current.length === 6);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.range.start.line, diagnostic.range.end.line, `${describe(diagnostic)} stays on one line`);
    }
    const heads = diagnostics.filter((d) => ruleOf(d) === 'no-misused-async-callback').map((d) => editor.document.getText(d.range)).sort();
    assert.deepEqual(heads, ['async () =>', 'async (row) =>', 'async (user) =>', 'service.exists(rows[0].id)']);
  });
});
