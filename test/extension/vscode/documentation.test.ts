import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { applyCodeAction, closeAllEditors, EXTENSION_ID, openNewFile, quickFixes, singleDiagnostic, suiteSetupServer, waitForEvent } from './helpers';
import { BLOCKING_SOURCE, FULL_RULE, RULE } from './sample';

/** The Markdown preview tab of a rule's page, once one is open. */
function previewTab(rule: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label.includes(rule));
}

function waitForPreview(rule: string): Promise<vscode.Tab> {
  return waitForEvent((listener) => vscode.window.tabGroups.onDidChangeTabs(listener), () => previewTab(rule),
    () => JSON.stringify(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label))));
}

suite('rule documentation', () => {
  suiteSetup(suiteSetupServer);
  teardown(closeAllEditors);

  test('"Show documentation" opens the rule\'s page bundled in the extension, in the Markdown preview', async () => {
    const editor = await openNewFile('show-docs.js', BLOCKING_SOURCE);
    const diagnostic = await singleDiagnostic(editor.document.uri, RULE);
    const action = (await quickFixes(editor.document.uri, diagnostic.range)).find((candidate) => candidate.title === `Show documentation for ${FULL_RULE}`);
    assert.ok(action, 'the action is offered');
    await applyCodeAction(action);
    const tab = await waitForPreview(RULE);
    assert.match(tab.label, /no-blocking-in-async\.md/);
  });

  test('the rule\'s link in the hover and the Problems panel is the bundled page, shown as its preview', async () => {
    const editor = await openNewFile('docs-link.js', BLOCKING_SOURCE);
    const diagnostic = await singleDiagnostic(editor.document.uri, RULE);
    const code = diagnostic.code;
    assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(code.target.toString(), vscode.Uri.joinPath(extension.extensionUri, 'eslint-plugin', 'docs', 'rules', `${RULE}.md`).toString());
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(code.target));
    assert.match(page, /^# /, 'the page is there, offline');
    // what the link does: open the file; the extension turns it into the preview
    await vscode.commands.executeCommand('vscode.open', code.target);
    await waitForPreview(RULE);
    const textTab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === code.target.toString());
    assert.equal(textTab, undefined, 'the page is not left open as Markdown source');
  });
});
