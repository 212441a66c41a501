/** The live task inspector (issue 9): the "Live" view, its commands and the tracker injection. */
import type * as vscode from 'vscode';
import { registerLiveView } from '../live/vscode/registerLive';

export function registerLive(context: vscode.ExtensionContext, output?: vscode.OutputChannel): void {
  registerLiveView(context, (line) => output?.appendLine(line));
}
