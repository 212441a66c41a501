import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { AsyncOutlineRequest, type AsyncOutlineParams, type AsyncOutlineResult, type InspectorNode } from '../../shared/outlineMessages';
import { createNodeItem, createSummaryItem, type InspectorItem } from './inspectorItems';

const JS_TS_LANGUAGES: ReadonlySet<string> = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
const UPDATE_DELAY_MS = 300;

/**
 * The task inspector: the async outline of the active editor's document. It follows the active
 * editor, asks the language server again (debounced, the stale request cancelled) as the user types,
 * and says plainly why it is empty.
 */
export class TaskInspectorProvider implements vscode.TreeDataProvider<InspectorItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InspectorItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private roots: InspectorItem[] = [];
  private problemsOnly = false;
  private stale = false;
  private result: AsyncOutlineResult | null = null;
  private pending: vscode.CancellationTokenSource | null = null;
  private timer: NodeJS.Timeout | null = null;
  private view: vscode.TreeView<InspectorItem> | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** Why the tree is empty (shown above it); undefined while it shows an outline. */
  private emptyMessage: string | undefined;
  /** Callers of `refresh()` waiting for the tree to show the latest request's outline. */
  private waiters: (() => void)[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule(UPDATE_DELAY_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.schedule(UPDATE_DELAY_MS);
      }),
    );
  }

  attach(view: vscode.TreeView<InspectorItem>): void {
    this.view = view;
    this.disposables.push(view.onDidChangeVisibility(({ visible }) => visible && this.stale && this.schedule(0)));
    this.schedule(0);
  }

  get currentResult(): AsyncOutlineResult | null {
    return this.result;
  }

  /** The view's description next to its title: "stale" while the tree is from an older version that parsed. */
  get viewDescription(): string | undefined {
    return this.view?.description;
  }

  /** The message the view shows above the tree (why it is empty), as the user reads it. */
  get message(): string | undefined {
    return this.emptyMessage;
  }

  setProblemsOnly(value: boolean): void {
    this.problemsOnly = value;
    void vscode.commands.executeCommand('setContext', 'loopguard.taskInspector.problemsOnly', value);
    this.render();
  }

  /**
   * Refreshes now and resolves when the tree shows the result of the latest request (a newer
   * edit or editor switch while this one runs is waited for too; a hidden view resolves at once).
   */
  refresh(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule(0);
    });
  }

  getTreeItem(item: InspectorItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: InspectorItem): InspectorItem[] {
    return item ? item.children : this.roots;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.pending?.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.releaseWaiters();
    for (const disposable of this.disposables) disposable.dispose();
    this.changed.dispose();
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.update().finally(() => {
        // a newer update is scheduled or running: the waiters want its result
        if (this.timer === null && this.pending === null) this.releaseWaiters();
      });
    }, delay);
  }

  private releaseWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async update(): Promise<void> {
    this.pending?.cancel();
    // A hidden view costs nothing: it asks again when it is shown.
    this.stale = this.view !== null && !this.view.visible;
    if (this.stale) return;
    const editor = vscode.window.activeTextEditor;
    if (!editor) return this.showEmpty('Open a JavaScript or TypeScript file to see its async structure.');
    const document = editor.document;
    if (!JS_TS_LANGUAGES.has(document.languageId)) {
      return this.showEmpty(`Not a JavaScript or TypeScript file (${document.languageId}).`);
    }
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    try {
      const params: AsyncOutlineParams = { textDocument: { uri: document.uri.toString() } };
      const result = await this.client.sendRequest<AsyncOutlineResult | null>(AsyncOutlineRequest.method, params, source.token);
      if (source.token.isCancellationRequested) return;
      if (!result) return this.showEmpty('The language server has not opened this document yet.');
      this.result = result;
      this.render();
    } catch (error) {
      if (source.token.isCancellationRequested) return;
      this.showEmpty(`The language server could not build the outline: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (this.pending === source) this.pending = null;
      source.dispose();
    }
  }

  private showEmpty(message: string): void {
    this.result = null;
    this.roots = [];
    if (this.view) this.view.description = undefined;
    this.setMessage(message);
    this.changed.fire(undefined);
  }

  private setMessage(message: string | undefined): void {
    this.emptyMessage = message;
    if (this.view) this.view.message = message;
  }

  private render(): void {
    const result = this.result;
    if (!result) return;
    const uri = vscode.Uri.parse(result.uri);
    if (result.emptyReason) return this.showEmpty(result.emptyReason);
    const units = this.problemsOnly ? filterProblems(result.units) : result.units;
    this.roots = [
      ...(result.summary ? [createSummaryItem(result.summary, uri)] : []),
      ...units.map((node) => toItem(node, uri)),
    ];
    // While the text does not parse, the last tree that did stays, marked stale.
    const stale = result.stale ? `${result.stale.reason} (the tree is from the last version that parsed)` : undefined;
    this.setMessage(
      stale ??
        (units.length > 0
          ? undefined
          : this.problemsOnly
            ? 'No Loopguard problems in this file.'
            : 'No async code in this file: no async functions and no event-loop callbacks.'),
    );
    if (this.view) this.view.description = result.stale ? 'stale' : undefined;
    this.changed.fire(undefined);
  }
}

function toItem(node: InspectorNode, uri: vscode.Uri): InspectorItem {
  return createNodeItem(node, uri, node.children.map((child) => toItem(child, uri)));
}

/** Keeps the nodes with a problem and the units on the way to them. */
function filterProblems(nodes: readonly InspectorNode[]): InspectorNode[] {
  const kept: InspectorNode[] = [];
  for (const node of nodes) {
    const children = filterProblems(node.children);
    if (node.problem || children.length > 0) kept.push({ ...node, children });
  }
  return kept;
}
