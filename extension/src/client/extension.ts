import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { StatusNotification, type StatusParams } from '../shared/customMessages';
import { registerCommands } from './commands';
import { registerLive } from './live';
import { registerTaskInspector, type TaskInspectorApi } from './taskInspector/registerTaskInspector';
import { createLanguageClient } from './languageClient';
import { RuleDocs } from './ruleDocs';
import { LoopguardStatus } from './statusItem';

let client: LanguageClient | undefined;

/** What the extension exports, for other extensions and for the integration tests. */
export interface LoopguardApi extends TaskInspectorApi {
  readonly client: LanguageClient;
  readonly status: LoopguardStatus;
  readonly docs: RuleDocs;
}

export async function activate(context: vscode.ExtensionContext): Promise<LoopguardApi> {
  const output = vscode.window.createOutputChannel('Loopguard', { log: true });
  const status = new LoopguardStatus(() => vscode.workspace.isTrusted, (line) => output.appendLine(line));
  const docs = new RuleDocs(context.extensionUri);
  client = createLanguageClient(context, output, docs);
  const languageClient = client;

  context.subscriptions.push(
    output,
    status,
    docs,
    languageClient.onNotification(StatusNotification.method, (params: StatusParams) => status.update(params)),
    ...registerCommands(languageClient, output, () => status.clear()),
    // Trust changes what the server may read: start it again with the new trust state.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('[client] workspace trusted: restarting the server with workspace configs and type information');
      status.clear();
      void languageClient.restart();
    }),
  );
  const inspector = registerTaskInspector(context, languageClient, docs);
  registerLive(context, output);
  await languageClient.start();
  return { client: languageClient, status, docs, ...inspector };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
