import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { closeAllEditors, EXTENSION_ID, openNewFile, singleDiagnostic, suiteSetupServer, waitForDiagnostics, waitForEvent, withWorkspaceSetting } from './helpers';
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

  test('loopguard.maxFileSize takes a size with a unit ("1 MB" by default) and the status says it in the same unit', async () => {
    assert.equal(vscode.workspace.getConfiguration('loopguard').inspect('maxFileSize')?.defaultValue, '1 MB');
    const padding = `// ${'x'.repeat(1500)}\n`;
    const editor = await openNewFile('large.js', `${padding}${BLOCKING_SOURCE}`);
    const uri = editor.document.uri;
    await singleDiagnostic(uri, RULE);
    const extension = vscode.extensions.getExtension<{ status: { current: { detail: string }; onDidUpdate: vscode.Event<unknown> } }>(EXTENSION_ID)!;
    const status = (await extension.activate()).status;
    await withWorkspaceSetting('loopguard', 'maxFileSize', '1 KB', async () => {
      await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
      const detail = await waitForEvent((listener) => status.onDidUpdate(listener), () => (status.current.detail.startsWith('skipped') ? status.current.detail : undefined),
        () => status.current.detail);
      assert.equal(detail, 'skipped: larger than loopguard.maxFileSize (1 KB)');
    });
    await singleDiagnostic(uri, RULE);
  });

  test('loopguard.rules lists every rule with its description, for completion in settings.json', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, { markdownDescription?: string }> }> } };
    };
    const listed = manifest.contributes.configuration.properties['loopguard.rules']?.properties ?? {};
    assert.deepEqual(Object.keys(listed).sort(), [
      'no-blocking-in-async', 'no-floating-promises', 'no-misused-async-callback', 'no-race-across-await', 'no-unbounded-concurrency',
      'prefer-concurrent-awaits', 'require-async-dispose', 'return-await-in-try',
    ]);
    for (const [rule, schema] of Object.entries(listed)) assert.ok((schema.markdownDescription ?? '').length > 20, `${rule} has a description`);
  });
});
