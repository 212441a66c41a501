import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { closeAllEditors, EXTENSION_ID, fixtureUri, openNewFile, showFile, suiteSetupServer, waitForEvent, withWorkspaceSetting } from './helpers';
import { RULE } from './sample';

/** What the language status item shows, and the status it came from (see extension/src/client/statusItem.ts). */
interface StatusText {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  full?: string;
}
interface StatusParamsLike {
  uri: string;
  mode: string;
  loadingProject?: string;
  budgetExceeded?: boolean;
  state: string;
}
interface StatusLike {
  readonly current: StatusText;
  readonly onDidUpdate: vscode.Event<StatusParamsLike>;
  textOf(status: StatusParamsLike): StatusText;
}

let status: StatusLike;

suite('language status item', () => {
  suiteSetup(async function () {
    await suiteSetupServer.call(this);
    const extension = vscode.extensions.getExtension<{ status: StatusLike }>(EXTENSION_ID);
    assert.ok(extension);
    status = (await extension.activate()).status;
  });
  teardown(closeAllEditors);

  test('the first type-aware lint of a project says "loading project…" with its name, then the mode, with no time-budget warning; a syntax error keeps the mode', async function () {
    this.timeout(300_000); // loading a TypeScript program on a busy machine
    const seen: Array<{ mode: string; loadingProject?: string; budgetExceeded?: boolean; state: string; shown: StatusText }> = [];
    // a project of its own, which no other test (nor the workspace scan) has loaded yet
    const project = fixtureUri('generated/first-project');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(project, 'tsconfig.json'), Buffer.from('{ "compilerOptions": { "strict": true, "noEmit": true, "types": [] }, "include": ["src"] }\n'));
    const uri = vscode.Uri.joinPath(project, 'src', 'main.ts');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('export async function load(): Promise<string> {\n  return "ok";\n}\n'));
    const subscription = status.onDidUpdate((params) => {
      // what the item shows for it (the editor may not be the active one yet when the first status comes)
      if (params.uri === uri.toString()) seen.push({ ...params, shown: status.textOf(params) });
    });
    try {
      await showFile(uri);
      await waitForEvent((listener) => status.onDidUpdate(listener), () => (seen.some((s) => s.mode === 'typeAware') ? true : undefined),
        () => JSON.stringify(seen), 240_000);
    } finally {
      subscription.dispose();
    }
    const loading = seen[0]!;
    assert.equal(loading.loadingProject, 'first-project');
    assert.deepEqual({ text: loading.shown.text, detail: loading.shown.detail, busy: loading.shown.busy, severity: loading.shown.severity },
      { text: 'Loopguard: loading project…', detail: 'first-project: first type-aware lint', busy: true, severity: 'information' });
    const typed = seen.at(-1)!;
    assert.equal(typed.mode, 'typeAware');
    assert.equal(typed.budgetExceeded, undefined, 'the first type-aware lint of a project is never held against the time budget');
    assert.equal(typed.shown.text, 'Loopguard: type-aware');
    assert.equal(typed.shown.severity, 'information');
    assert.equal(typed.shown.busy, false);

    // a syntax error does not flip the mode label to "syntactic"
    const editor = vscode.window.activeTextEditor!;
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '  const broken = ;\n')));
    const broken = await waitForEvent((listener) => status.onDidUpdate(listener), () => (status.current.severity === 'warning' ? status.current : undefined),
      () => JSON.stringify(status.current));
    assert.equal(broken.text, 'Loopguard: type-aware');
    assert.match(broken.detail, /^could not parse \(line 2\)/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a long message is cut to one short line; the whole text is in the link\'s tooltip and the output', async () => {
    await withWorkspaceSetting('loopguard', 'rules', { [RULE]: ['error', { noSuchOption: true }] }, async () => {
      await openNewFile('broken-status.js', 'export async function f() {\n  await g(;\n}\n');
      const shown = await waitForEvent((listener) => status.onDidUpdate(listener), () => (status.current.full?.includes('invalid options') && status.current.full.includes('could not parse') ? status.current : undefined),
        () => JSON.stringify(status.current));
      assert.equal(shown.severity, 'warning');
      assert.ok(shown.detail.length <= 64, `"${shown.detail}" fits the hover`);
      assert.match(shown.detail, /^invalid options for loopguard\/no-blocking-in-async .*… \(\+2\)$/);
      assert.match(shown.full ?? '', /^invalid options for loopguard\/no-blocking-in-async \(defaults used\); could not parse \(line 2\): .*expected.*; syntactic: no tsconfig\.json/);
    });
  });
});
