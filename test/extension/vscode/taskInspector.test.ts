import assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { closeAllEditors, EXTENSION_ID, fixtureUri, openNewFile, rangeOf, ruleOf, showFile, suiteSetupServer, waitForDiagnostics, waitForEvent } from './helpers';

/** What the extension's `activate` returns, as far as these tests use it. */
interface TaskInspectorLike {
  readonly onDidChangeTreeData: vscode.Event<unknown>;
  readonly currentResult: { uri: string; version: number } | null;
  readonly message: string | undefined;
  readonly viewDescription: string | undefined;
  getChildren(item?: vscode.TreeItem): vscode.TreeItem[];
  refresh(): Promise<void>;
}

/** A row of the task inspector, with the outline node it shows. */
interface TreeItemWithNode extends vscode.TreeItem {
  readonly node?: { problem?: { ruleId: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } } | null;
}

function toVscodeRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function describeRange(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** A tree row as the tests write it: what the user reads, its icon, and its rows below. */
interface Row {
  label: string;
  description?: string;
  /** 1-based line of the node's range start (the summary line has none). */
  line?: number;
  icon: string;
  contextValue: string;
  children?: Row[];
}

const FILE = 'userService.js';
const ROUTES = 'routes.js';
/** The counts that fit the side bar are the summary's label; the rest is its description. */
const SUMMARY = '2 awaits · 1 fan-out';
const BLOCKING_CALL = 'fs.readFileSync("settings.json", "utf8")';
const FLOATING_CALL = 'service.load(req.query.next);';

/**
 * The outline of the fixture, written by hand from the analysis (eslint-plugin/src/outline): units
 * named as in the source, their awaits, the unbounded fan-out (its rule is strict-only, so no
 * problem), the blocking read (a problem of the recommended preset) and the floating prefetch (turned on
 * by the fixture workspace's .vscode/settings.json, since the rule is in the strict preset only).
 */
const EXPECTED_TREE: Row[] = [
  { label: SUMMARY, description: '1 detached · 1 blocking', icon: 'pulse', contextValue: 'loopguardSummary' },
  {
    label: 'UserService.load', description: 'async', line: 6, icon: 'symbol-method', contextValue: 'loopguard-unit',
    children: [
      { label: 'await fetch(`/users/${id}`)', description: '', line: 7, icon: 'watch', contextValue: 'loopguard-await' },
    ],
  },
  {
    label: 'UserService.loadAll', description: 'async', line: 11, icon: 'symbol-method', contextValue: 'loopguard-unit',
    children: [
      { label: 'Promise.all', description: 'one per element of ids, unbounded', line: 12, icon: 'warning', contextValue: 'loopguard-fan-out' },
      { label: 'calls UserService.load()', description: 'returned', line: 12, icon: 'call-outgoing', contextValue: 'loopguard-call' },
    ],
  },
  {
    label: 'UserService.readSettings', description: 'async', line: 15, icon: 'symbol-method', contextValue: 'loopguard-unit',
    children: [
      { label: 'blocks: fs.readFileSync', description: 'blocks the event loop · no-blocking-in-async', line: 16, icon: 'error', contextValue: 'loopguardProblem' },
    ],
  },
  {
    label: 'app.get("/x") handler', description: 'async', line: 24, icon: 'symbol-function', contextValue: 'loopguard-unit',
    children: [
      // one row per expression: the await names the unit it calls, the floating row the call it drops
      { label: 'await service.loadAll(…)', description: 'calls UserService.loadAll()', line: 25, icon: 'watch', contextValue: 'loopguard-await' },
      {
        label: 'floating: service.load(…)', description: 'its result and error are lost · no-floating-promises',
        line: 26, icon: 'error', contextValue: 'loopguardProblem',
      },
    ],
  },
];

const NEW_FUNCTION = '\nexport async function warmUp(ids) {\n  await service.loadAll(ids);\n}\n';

let inspector: TaskInspectorLike;

suite('task inspector', () => {
  suiteSetup(async function () {
    await suiteSetupServer.call(this);
    const extension = vscode.extensions.getExtension<{ taskInspector: TaskInspectorLike }>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    inspector = (await extension.activate()).taskInspector;
    // the view only asks the server while it is visible: show it the way the activity bar would
    await vscode.commands.executeCommand('loopguard.taskInspector.focus');
  });
  teardown(async () => {
    await vscode.commands.executeCommand('loopguard.taskInspector.showAll');
    await closeAllEditors();
  });

  test('shows the async structure of the fixture: units, awaits, fan-out, calls, and problems on their nodes', async () => {
    const editor = await showFile(fixtureUri(FILE));
    const roots = await treeOf(editor.document);
    assert.deepEqual(roots.map(rowOf), EXPECTED_TREE);
    assert.equal(inspector.message, undefined, 'no message above a non-empty tree');

    const handler = roots.find((item) => labelOf(item) === 'app.get("/x") handler')!;
    assert.equal(handler.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'units open to show their awaits');
    const floating = childrenOf(handler).find((item) => item.contextValue === 'loopguardProblem')!;
    assert.deepEqual(rangeOfItem(floating), rangeOf(editor.document, FLOATING_CALL), 'the problem node covers the statement the rule reports');
    assert.ok(floating.iconPath instanceof vscode.ThemeIcon && floating.iconPath.color?.id === 'problemsErrorIcon.foreground',
      'a problem node uses its severity colour');
    assert.equal(roots[0].command, undefined, 'the summary line leads nowhere');
  });

  test('a node\'s command reveals the document and selects the node\'s range', async () => {
    const editor = await showFile(fixtureUri(FILE));
    const roots = await treeOf(editor.document);
    const blocking = childrenOf(roots.find((item) => labelOf(item) === 'UserService.readSettings')!)[0];
    assert.deepEqual(rangeOfItem(blocking), rangeOf(editor.document, BLOCKING_CALL));
    // another editor is active, as when the user clicks the tree while looking at something else
    await showFile(fixtureUri('blocking.js'));
    await runCommandOf(blocking);
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), editor.document.uri.toString(), 'the node\'s document is shown');
    assert.deepEqual(active.selection, new vscode.Selection(rangeOfItem(blocking).start, rangeOfItem(blocking).end));
    assert.equal(active.document.getText(active.selection), BLOCKING_CALL);

    const handler = roots.find((item) => labelOf(item) === 'app.get("/x") handler')!;
    await runCommandOf(handler);
    const handlerRange = rangeOfItem(handler);
    assert.deepEqual(vscode.window.activeTextEditor?.selection, new vscode.Selection(handlerRange.start, handlerRange.end));
    assert.match(active.document.getText(handlerRange), /^async \(req, res\) => \{[^]*\n\}$/, 'a unit spans its whole function');
  });

  test('the tree follows an edit: a new async function appears with its await and call', async () => {
    const editor = await showFile(fixtureUri(FILE));
    const document = editor.document;
    await treeOf(document);
    const edit = new vscode.WorkspaceEdit();
    const end = document.lineAt(document.lineCount - 1).range.end;
    edit.insert(document.uri, end, NEW_FUNCTION);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const roots = await treeOf(document, (items) => items.some((item) => labelOf(item) === 'warmUp'));
    assert.equal(inspector.currentResult?.version, document.version, 'the tree describes the edited text');
    const rows = roots.map(rowOf);
    assert.deepEqual(rows[0], { ...EXPECTED_TREE[0], label: '3 awaits · 1 fan-out' });
    assert.deepEqual(rows.slice(1, -1), EXPECTED_TREE.slice(1), 'the other units did not change');
    assert.deepEqual(rows.at(-1), {
      label: 'warmUp', description: 'async', line: 30, icon: 'symbol-function', contextValue: 'loopguard-unit',
      children: [
        { label: 'await service.loadAll(ids)', description: 'calls UserService.loadAll()', line: 31, icon: 'watch', contextValue: 'loopguard-await' },
      ],
    });

    // removing it again removes the unit
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(end, document.lineAt(document.lineCount - 1).range.end));
    assert.ok(await vscode.workspace.applyEdit(undo));
    const restored = await treeOf(document, (items) => !items.some((item) => labelOf(item) === 'warmUp'));
    assert.deepEqual(restored.map(rowOf), EXPECTED_TREE);
  });

  test('"problems only" keeps the problem nodes and the units on the way to them', async () => {
    const editor = await showFile(fixtureUri(FILE));
    await treeOf(editor.document);
    await vscode.commands.executeCommand('loopguard.taskInspector.showProblemsOnly');
    const filtered = inspector.getChildren().map(rowOf);
    const [summary, , , readSettings, handler] = EXPECTED_TREE;
    assert.deepEqual(filtered, [
      summary,
      readSettings,
      { ...handler, children: handler.children!.filter((row) => row.contextValue === 'loopguardProblem') },
    ]);
    await vscode.commands.executeCommand('loopguard.taskInspector.showAll');
    assert.deepEqual(inspector.getChildren().map(rowOf), EXPECTED_TREE);
  });

  test('shows every Loopguard diagnostic of the route file as a node, "problems only" too, with no duplicate rows', async () => {
    const editor = await showFile(fixtureUri(ROUTES));
    const diagnostics = await waitForDiagnostics(editor.document.uri, (current) => current.length === 6);
    const roots = await treeOf(editor.document);
    const fromProblems = diagnostics.map((d) => `${ruleOf(d)} ${describeRange(d.range)}`).sort();
    const problemRows = (items: vscode.TreeItem[]): string[] => items.flatMap((item) => {
      const problem = (item as TreeItemWithNode).node?.problem;
      return [...(problem ? [`${problem.ruleId} ${describeRange(toVscodeRange(problem.range))}`] : []), ...problemRows(childrenOf(item))];
    });
    assert.deepEqual(problemRows(roots).sort(), fromProblems, 'the tree shows the Problems panel\'s problems');
    assert.equal(roots[0] && labelOf(roots[0]), '6 awaits · 1 detached', 'the summary');
    assert.equal(roots[0]?.description, '1 blocking · 4 misused', 'the summary counts every finding of no-misused-async-callback, the promise used as a condition too');

    await vscode.commands.executeCommand('loopguard.taskInspector.showProblemsOnly');
    const filtered = inspector.getChildren();
    assert.deepEqual(problemRows(filtered).sort(), fromProblems, '"problems only" keeps every problem');
    const labels = (items: vscode.TreeItem[]): string[] => items.flatMap((item) => [labelOf(item), ...labels(childrenOf(item))]);
    for (const label of labels(filtered)) assert.ok(label.length <= 30, `"${label}" fits the default side bar`);
  });

  test('keeps the last tree while the file does not parse, marked stale, and goes back to a fresh tree', async () => {
    const editor = await showFile(fixtureUri(FILE));
    const document = editor.document;
    const before = (await treeOf(document)).map(rowOf);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(26).range.end, ' +');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const message = await waitForTree(() => (inspector.currentResult?.version === document.version && inspector.message?.startsWith('Syntax error') ? inspector.message : undefined));
    assert.match(message, /^Syntax error at line 28: .* \(the tree is from the last version that parsed\)$/);
    assert.deepEqual(inspector.getChildren().map(rowOf), before, 'the last good tree stays');
    assert.equal(inspector.viewDescription, 'stale');
    await vscode.commands.executeCommand('undo');
    await waitForTree(() => (inspector.currentResult?.version === document.version && inspector.message === undefined ? true : undefined));
    assert.equal(inspector.viewDescription, undefined);
    assert.deepEqual(inspector.getChildren().map(rowOf), before);
  });

  test('says why it is empty: not a JavaScript file, or a syntax error', async () => {
    await openNewFile('notes.txt', 'async notes, not code\n');
    const message = await waitForTree(() => (inspector.message?.startsWith('Not a JavaScript') ? inspector.message : undefined));
    assert.equal(message, 'Not a JavaScript or TypeScript file (plaintext).');
    assert.equal(inspector.currentResult, null);
    assert.deepEqual(inspector.getChildren(), []);

    // a file that never parsed has no last tree to show
    const broken = await openNewFile('broken.js', 'export async function f() {\n  await g(;\n}\n');
    const syntax = await waitForTree(() => (inspector.message?.startsWith('Syntax error') ? inspector.message : undefined));
    assert.match(syntax, /^Syntax error at line 2: /);
    assert.equal(vscode.window.activeTextEditor?.document, broken.document);
    assert.deepEqual(inspector.getChildren(), []);
  });
});

/**
 * The tree's roots once it shows the outline of `document`'s current version (and `accept` agrees),
 * re-checked on every change of the tree, never by sleeping.
 */
async function treeOf(document: vscode.TextDocument, accept: (roots: vscode.TreeItem[]) => boolean = () => true): Promise<vscode.TreeItem[]> {
  await inspector.refresh();
  return waitForTree(() => {
    const result = inspector.currentResult;
    if (result?.uri !== document.uri.toString() || result.version !== document.version) return undefined;
    const roots = inspector.getChildren();
    return roots.length > 0 && accept(roots) ? roots : undefined;
  });
}

function waitForTree<T>(probe: () => T | undefined): Promise<T> {
  return waitForEvent(
    (listener) => inspector.onDidChangeTreeData(listener),
    probe,
    () => JSON.stringify({ result: inspector.currentResult && { uri: inspector.currentResult.uri, version: inspector.currentResult.version },
      message: inspector.message, tree: inspector.getChildren().map(rowOf) }),
  );
}

function childrenOf(item: vscode.TreeItem): vscode.TreeItem[] {
  return inspector.getChildren(item);
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function rowOf(item: vscode.TreeItem): Row {
  const range = item.command ? rangeOfItem(item) : undefined;
  const children = childrenOf(item);
  return {
    label: labelOf(item),
    ...(item.description !== undefined ? { description: String(item.description) } : {}),
    ...(range ? { line: range.start.line + 1 } : {}),
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : String(item.iconPath),
    contextValue: item.contextValue ?? '',
    ...(children.length > 0 ? { children: children.map(rowOf) } : {}),
  };
}

/** The range a row reveals: the second argument of its `loopguard.taskInspector.reveal` command. */
function rangeOfItem(item: vscode.TreeItem): vscode.Range {
  assert.equal(item.command?.command, 'loopguard.taskInspector.reveal');
  const range = item.command.arguments?.[1] as unknown;
  assert.ok(range instanceof vscode.Range, `${labelOf(item)} reveals a range`);
  return range;
}

/** Runs a row's command the way a click on it does. */
async function runCommandOf(item: vscode.TreeItem): Promise<void> {
  assert.ok(item.command);
  await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
}
