import * as vscode from 'vscode';

import { closeAllEditors, openNewFile, singleDiagnostic, suiteSetupServer, waitForDiagnostics, withWorkspaceSetting } from './helpers';
import { BLOCKING_SOURCE, RULE } from './sample';

suite('settings', () => {
  suiteSetup(suiteSetupServer);
  teardown(closeAllEditors);

  test('loopguard.rules can turn a rule off, and back on', async () => {
    const editor = await openNewFile('rule-off.js', BLOCKING_SOURCE);
    const uri = editor.document.uri;
    await singleDiagnostic(uri, RULE);
    await withWorkspaceSetting('loopguard', 'rules', { [RULE]: 'off' }, async () => {
      await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
    });
    await singleDiagnostic(uri, RULE);
  });

  test('loopguard.rules can lower a rule to a warning', async () => {
    const editor = await openNewFile('rule-warn.js', BLOCKING_SOURCE);
    const uri = editor.document.uri;
    await singleDiagnostic(uri, RULE);
    await withWorkspaceSetting('loopguard', 'rules', { [RULE]: 'warn' }, async () => {
      await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 1 && diagnostics[0].severity === vscode.DiagnosticSeverity.Warning);
    });
  });

  test('loopguard.enable false clears the diagnostics', async () => {
    const editor = await openNewFile('disabled.js', BLOCKING_SOURCE);
    const uri = editor.document.uri;
    await singleDiagnostic(uri, RULE);
    await withWorkspaceSetting('loopguard', 'enable', false, async () => {
      await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
    });
    await singleDiagnostic(uri, RULE);
  });
});
