import * as vscode from 'vscode';

import type { StatusParams } from '../shared/customMessages';
import { describeStatus, type StatusText } from './statusText';

export const DOCUMENT_SELECTOR: Array<{ scheme: string; language: string }> = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].flatMap(
  (language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }],
);

/**
 * The "Loopguard" language status item: mode (syntactic / type-aware, or "loading project…" while the
 * first type-aware lint of a project loads it), the time of the last lint of the active document, and a
 * warning when it was skipped or slow. The detail stays one short line; when the server said more, the
 * whole text goes to the output (once per text) and to the link's tooltip.
 */
export class LoopguardStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('loopguard.status', DOCUMENT_SELECTOR);
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<StatusParams>();
  /** Fires after the item took in a status from the server (for the integration tests). */
  readonly onDidUpdate = this.updated.event;
  private lastLogged: string | undefined;

  constructor(
    private readonly trusted: () => boolean,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.item.name = 'Loopguard';
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.subscriptions.push(vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())));
    this.render();
  }

  /** What the item shows now (for the integration tests). */
  get current(): StatusText {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return this.textOf(uri === undefined ? undefined : this.byUri.get(normalise(uri)));
  }

  /** What the item shows for a status while its document is the active one. */
  textOf(status: StatusParams | undefined): StatusText {
    return describeStatus(status, this.trusted(), (iso) => new Date(iso).toLocaleTimeString());
  }

  update(status: StatusParams): void {
    this.byUri.set(normalise(status.uri), status);
    this.render();
    this.updated.fire(status);
  }

  clear(): void {
    this.byUri.clear();
    this.render();
  }

  dispose(): void {
    this.item.dispose();
    this.updated.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private render(): void {
    const shown = this.current;
    this.item.text = shown.text;
    this.item.detail = shown.detail;
    this.item.busy = shown.busy;
    this.item.severity = SEVERITIES[shown.severity];
    this.item.command = { title: 'Show Output', command: 'loopguard.showOutput', ...(shown.full ? { tooltip: shown.full } : {}) };
    if (shown.full && shown.full !== this.lastLogged) {
      this.lastLogged = shown.full;
      this.log(`[status] ${vscode.window.activeTextEditor?.document.uri.fsPath ?? ''}: ${shown.full}`);
    }
  }
}

const SEVERITIES: Record<StatusText['severity'], vscode.LanguageStatusSeverity> = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

function normalise(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}
