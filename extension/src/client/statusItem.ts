import * as vscode from 'vscode';

import type { StatusParams } from '../shared/customMessages';

export const DOCUMENT_SELECTOR: Array<{ scheme: string; language: string }> = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].flatMap(
  (language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }],
);

/**
 * The "Loopguard" language status item: mode (syntactic / type-aware), the time of the last lint
 * of the active document, and a warning when it was skipped or slow.
 */
export class LoopguardStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('loopguard.status', DOCUMENT_SELECTOR);
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly trusted: () => boolean) {
    this.item.name = 'Loopguard';
    this.item.command = { title: 'Show output', command: 'loopguard.showOutput' };
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.subscriptions.push(vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())));
    this.render();
  }

  update(status: StatusParams): void {
    this.byUri.set(normalise(status.uri), status);
    this.render();
  }

  clear(): void {
    this.byUri.clear();
    this.render();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri === undefined ? undefined : this.byUri.get(normalise(uri));
    if (!status) {
      this.item.text = 'Loopguard';
      this.item.detail = this.trusted() ? 'waiting for the first lint' : 'restricted mode: syntactic only';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.busy = false;
      return;
    }
    const mode = status.mode === 'typeAware' ? 'type-aware' : 'syntactic';
    this.item.text = status.skipped ? 'Loopguard: skipped' : `Loopguard: ${mode}`;
    const time = new Date(status.lintedAt).toLocaleTimeString();
    const took = status.durationMs === undefined ? '' : ` in ${status.durationMs} ms`;
    const source = status.configSource === 'eslintConfig' ? ', rules from eslint.config' : '';
    this.item.detail = status.message ? `${status.message} (${time})` : `linted at ${time}${took}${source}`;
    this.item.severity =
      status.state === 'error' ? vscode.LanguageStatusSeverity.Error
        : status.state === 'warn' ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }
}

function normalise(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}
