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

import { ServerCommands, type InitializationOptions } from '../shared/customMessages';
import { RestartPolicy } from './restartPolicy';
import { RuleDocs } from './ruleDocs';
import { DOCUMENT_SELECTOR } from './statusItem';

/** Port for `--inspect` when the extension runs in debug mode. */
const DEBUG_PORT = 6019;

/**
 * The LanguageClient for the bundled server (`dist/server.js` next to this bundle), over IPC,
 * with a debug variant that opens an inspector port. A crashed server is restarted (and the
 * user told once); after too many crashes it stays down.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, docs: RuleDocs): LanguageClient {
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
    // Documentation opens the page bundled in the extension (offline, the installed version), never a web page.
    middleware: {
      executeCommand: async (command, args, next) => {
        if (command !== ServerCommands.showDocumentation) return next(command, args);
        const ruleId = ruleIdOfDocsArguments(args);
        return ruleId ? docs.show(ruleId) : false;
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        for (const diagnostic of diagnostics) {
          if (diagnostic.source === 'loopguard' && typeof diagnostic.code === 'object' && typeof diagnostic.code.value === 'string') {
            diagnostic.code = { value: diagnostic.code.value, target: docs.pageOf(diagnostic.code.value) };
          }
        }
        next(uri, diagnostics);
      },
    },
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

/** `[url, { ruleId }]` (this server) or `[url]` (the rule id read from the page's name). */
function ruleIdOfDocsArguments(args: unknown[]): string | undefined {
  const options = args[1] as { ruleId?: unknown } | undefined;
  if (typeof options?.ruleId === 'string') return options.ruleId;
  return typeof args[0] === 'string' ? RuleDocs.ruleIdOfUrl(args[0]) : undefined;
}

export function resetRestartBudget(client: LanguageClient): void {
  (client as LanguageClient & { loopguardRestarts?: RestartPolicy }).loopguardRestarts?.reset();
}
