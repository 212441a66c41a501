import * as path from 'node:path';

import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import type { InitializationOptions } from '../shared/customMessages';
import { RestartPolicy } from './restartPolicy';
import { DOCUMENT_SELECTOR } from './statusItem';

/** Port for `--inspect` when the extension runs in debug mode. */
const DEBUG_PORT = 6019;

/**
 * The LanguageClient for the bundled server (`dist/server.js` next to this bundle), over IPC,
 * with a debug variant that opens an inspector port. A crashed server is restarted (and the
 * user told once); after too many crashes it stays down.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  // Both bundles live in extension/dist/.
  const serverModule = path.join(__dirname, 'server.js');
  // In an untrusted workspace the server does not even start in the workspace folder.
  const cwd = () => (vscode.workspace.isTrusted ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath : undefined) ?? process.cwd();
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { cwd: cwd() } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { cwd: cwd(), execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    initializationOptions: (): InitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const decision = restarts.onCrash();
        if (!decision.restart) {
          void vscode.window.showErrorMessage(
            'The Loopguard server crashed 5 times in the last 3 minutes and will not be restarted. Run "Loopguard: Restart Server" to try again.',
          );
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (decision.announce) void vscode.window.showInformationMessage('The Loopguard server stopped unexpectedly and was restarted.');
        output.appendLine(`[client] server stopped unexpectedly; restarting`);
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  const client = new LanguageClient('loopguard', 'Loopguard', serverOptions, clientOptions);
  (client as LanguageClient & { loopguardRestarts?: RestartPolicy }).loopguardRestarts = restarts;
  return client;
}

export function resetRestartBudget(client: LanguageClient): void {
  (client as LanguageClient & { loopguardRestarts?: RestartPolicy }).loopguardRestarts?.reset();
}
