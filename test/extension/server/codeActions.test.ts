import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';

import { ruleDocsUrl } from '../../../eslint-plugin/src/core/ruleDocsUrl';
import { FIXTURES, TestClient, applyTextEdits, fileUri } from './lspClient';

const folder = path.join(FIXTURES, 'plain');
const BLOCKING = 'import fs from "node:fs";\nasync function f() {\n  fs.readFileSync("x");\n}\n';
const DOCS = ruleDocsUrl('no-blocking-in-async');

function onlyEdit(action: CodeAction): TextDocumentEdit {
  const changes = action.edit?.documentChanges;
  assert.ok(changes && changes.length === 1, `${action.title} has one document change`);
  return changes[0] as TextDocumentEdit;
}

/** A `using` of an async-disposable FileHandle: require-async-dispose fixes it to `await using`. */
const USING_ASYNC = `import { open } from 'node:fs/promises';
export async function size(path) {
  using handle = await open(path);
  return (await handle.stat()).size;
}
`;

describe('server: code actions', function () {
  this.timeout(120_000);
  let client: TestClient;
  let counter = 0;
  const newUri = () => fileUri(path.join(folder, `actions-${++counter}.js`));

  before(async () => {
    client = await TestClient.start({ folders: [folder] });
  });
  after(async () => {
    await client.stop();
  });

  async function openWithProblem(text = BLOCKING): Promise<{ uri: string; diagnostics: Diagnostic[]; actions: CodeAction[] }> {
    const uri = newUri();
    const diagnostics = await client.open(uri, text);
    assert.equal(diagnostics.length, 1);
    const actions = (await client.codeActions(uri, diagnostics)) as CodeAction[];
    return { uri, diagnostics, actions };
  }

  it('offers the suggestions, disable-line, disable-file and documentation, in that order, titled in VS Code\'s style', async () => {
    const { actions } = await openWithProblem();
    assert.deepEqual(actions.map((action) => action.title), [
      "Replace with 'await fs.promises.readFile(…)'",
      'Disable loopguard/no-blocking-in-async for this line',
      'Disable loopguard/no-blocking-in-async for the entire file',
      'Show documentation for loopguard/no-blocking-in-async',
    ]);
    for (const action of actions) assert.equal(action.kind, CodeActionKind.QuickFix);
    // This rule has suggestions only: no preferred auto-fix and no "fix all" for it.
    assert.ok(!actions.some((action) => action.isPreferred));
  });

  it('applying a suggestion changes the text as expected and the problem goes away', async () => {
    const { uri, actions } = await openWithProblem();
    const suggestion = actions[0]!;
    const edit = onlyEdit(suggestion);
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    const fixed = applyTextEdits(BLOCKING, edit.edits as TextEdit[]);
    assert.equal(fixed, 'import fs from "node:fs";\nasync function f() {\n  await fs.promises.readFile("x");\n}\n');
    const version = await client.change(uri, fixed);
    assert.deepEqual((await client.nextDiagnostics(uri, version)).diagnostics, []);
  });

  it('the disable-line action inserts an eslint-disable-next-line comment that silences the rule', async () => {
    const { uri, actions } = await openWithProblem();
    const disable = actions.find((action) => action.title.endsWith('for this line'))!;
    const fixed = applyTextEdits(BLOCKING, onlyEdit(disable).edits as TextEdit[]);
    assert.equal(fixed, 'import fs from "node:fs";\nasync function f() {\n  // eslint-disable-next-line loopguard/no-blocking-in-async\n  fs.readFileSync("x");\n}\n');
    const version = await client.change(uri, fixed);
    assert.deepEqual((await client.nextDiagnostics(uri, version)).diagnostics, []);
  });

  it('the disable-file action puts an eslint-disable comment at the top that silences the rule', async () => {
    const { uri, actions } = await openWithProblem();
    const disable = actions.find((action) => action.title.endsWith('for the entire file'))!;
    const fixed = applyTextEdits(BLOCKING, onlyEdit(disable).edits as TextEdit[]);
    assert.equal(fixed, `/* eslint-disable loopguard/no-blocking-in-async */\n${BLOCKING}`);
    const version = await client.change(uri, fixed);
    assert.deepEqual((await client.nextDiagnostics(uri, version)).diagnostics, []);
  });

  it('the documentation action opens the rule docs through window/showDocument', async () => {
    const { actions } = await openWithProblem();
    const docs = actions.find((action) => action.title.startsWith('Show documentation'))!;
    assert.ok(docs.command);
    await client.executeCommand(docs.command.command, docs.command.arguments ?? []);
    assert.deepEqual(client.shownDocuments.at(-1), { uri: DOCS, external: true });
  });

  it('offers nothing from an outdated lint: fixes need the current version', async () => {
    const { uri, diagnostics } = await openWithProblem();
    await client.change(uri, `${BLOCKING}// edited\n`);
    // The diagnostics the client still shows belong to version 1; the document is at version 2.
    const actions = (await client.codeActions(uri, diagnostics)) as CodeAction[];
    assert.ok(!actions.some((action) => action.title.startsWith('Replace')), 'no suggestion from a stale record');
    await client.nextDiagnostics(uri, 2);
  });

  it('source.fixAll.loopguard re-lints with fixes: suggestions are never applied automatically', async () => {
    const { uri } = await openWithProblem();
    const actions = await client.codeActions(uri, [], ['source.fixAll.loopguard']);
    assert.deepEqual(actions, []);
    const generic = await client.codeActions(uri, [], [CodeActionKind.SourceFixAll]);
    assert.deepEqual(generic, []);
  });

  it('source.fixAll.loopguard applies the automatic fixes (using → await using) and leaves suggestions alone', async () => {
    const uri = newUri();
    await client.open(uri, USING_ASYNC);
    const actions = (await client.codeActions(uri, [], ['source.fixAll.loopguard'])) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.loopguard');
    const edit = onlyEdit(actions[0]!);
    assert.equal(edit.textDocument.version, 1);
    assert.equal(applyTextEdits(USING_ASYNC, edit.edits as TextEdit[]), USING_ASYNC.replace('  using handle', '  await using handle'));
  });

  it('the fix-all command refuses a stale version and applies nothing when nothing is fixable', async () => {
    const { uri } = await openWithProblem();
    assert.deepEqual(await client.executeCommand('loopguard.server.fixAll', [{ uri, version: 0 }]), { applied: false, reason: 'stale version' });
    assert.deepEqual(await client.executeCommand('loopguard.server.fixAll', [{ uri, version: 1 }]), { applied: false, reason: 'nothing to fix' });
    assert.deepEqual(await client.executeCommand('loopguard.server.fixAll', [{ uri: 'file:///not/open.js', version: 1 }]), { applied: false, reason: 'document not open' });
    assert.equal(client.appliedEdits.length, 0);
  });

  it('ignores diagnostics that are not its own', async () => {
    const { uri, diagnostics } = await openWithProblem();
    const foreign = { ...diagnostics[0]!, source: 'ts', code: 2304 };
    assert.deepEqual(await client.codeActions(uri, [foreign]), []);
  });
});
