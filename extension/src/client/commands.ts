import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

import {
  ScanProgressNotification,
  ScanWorkspaceRequest,
  ServerCommands,
  type ScanProgressParams,
  type ScanWorkspaceResult,
} from '../shared/customMessages';
import { resetRestartBudget } from './languageClient';

const SUPPORTED_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);

/** The "Loopguard: …" commands. */
export function registerCommands(client: LanguageClient, output: vscode.LogOutputChannel, onRestart: () => void): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('loopguard.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !SUPPORTED_LANGUAGES.has(editor.document.languageId)) {
        void vscode.window.showInformationMessage('Loopguard: open a JavaScript or TypeScript file to fix its problems.');
        return;
      }
      const doc = editor.document;
      const result = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.fixAll,
        arguments: [{ uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version }],
      })) as { applied?: boolean; reason?: string } | null;
      if (result?.reason === 'nothing to fix') {
        void vscode.window.showInformationMessage('Loopguard: nothing to fix automatically here. Suggestions are in the quick-fix menu (Ctrl+.).');
      }
    }),
    vscode.commands.registerCommand('loopguard.restartServer', async () => {
      output.appendLine('[client] restarting the server on request');
      resetRestartBudget(client);
      onRestart();
      await client.restart();
    }),
    vscode.commands.registerCommand('loopguard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('loopguard.scanWorkspace', () => scanWorkspace(client)),
  ];
}

/** Scans the workspace with a progress notification and says how it went; resolves with the server's result. */
async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Loopguard: open a folder to scan it.');
    return undefined;
  }
  let cancelled = false;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Loopguard: scanning the workspace', cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const listener = client.onNotification(ScanProgressNotification.method, ({ done, total }: ScanProgressParams) => {
        if (total === 0) return;
        const percent = Math.floor((done / total) * 100);
        progress.report({ message: `${done} of ${total} files`, increment: Math.max(0, percent - reported) });
        reported = Math.max(reported, percent);
      });
      token.onCancellationRequested(() => { cancelled = true; });
      try {
        return (await client.sendRequest(ScanWorkspaceRequest.method, {}, token)) as ScanWorkspaceResult;
      } catch (error) {
        if (cancelled) return undefined;
        void vscode.window.showErrorMessage(`Loopguard: the workspace scan failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      } finally {
        listener.dispose();
      }
    },
  );
  if (!result) {
    if (cancelled) void vscode.window.showInformationMessage('Loopguard: scan cancelled.');
    return undefined;
  }
  const summary = `${result.filesLinted} file(s) linted, ${result.filesSkipped} skipped, ${result.problems} problem(s) in ${(result.durationMs / 1000).toFixed(1)} s`;
  void vscode.window.showInformationMessage(result.cancelled ? `Loopguard: scan cancelled (${summary}).` : `Loopguard: ${summary}.`);
  return result;
}
