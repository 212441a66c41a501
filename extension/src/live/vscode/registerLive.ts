/** Wires the Live view, its commands and the tracker injection into the extension. */
import * as vscode from 'vscode';
import { formatAwaitTree } from '../heap/formatTree';
import { registerTrackerInjection } from './debugProvider';
import type { AwaitTree } from '../heap/awaitTree';
import type { LiveMetrics } from '../metrics';
import { LiveController, type CaptureState } from './liveController';
import { LiveTreeProvider, OPEN_LOCATION_COMMAND, type LiveElement } from './liveTreeProvider';

export const LIVE_VIEW_ID = 'loopguard.live';

export function registerLiveView(context: vscode.ExtensionContext, log: (line: string) => void): LiveController {
  const controller = new LiveController(log);
  const provider = new LiveTreeProvider(controller);
  const view = vscode.window.createTreeView<LiveElement>(LIVE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  controller.setVisible(view.visible);
  context.subscriptions.push(
    controller,
    view,
    view.onDidChangeVisibility((e) => controller.setVisible(e.visible)),
    view.onDidExpandElement((e) => {
      if (e.element.kind === 'await' && e.element.node.kind === 'task') void controller.resolveLocation(e.element.session, e.element.node.heapId);
    }),
    vscode.commands.registerCommand('loopguard.live.capture', () => controller.capture()),
    vscode.commands.registerCommand('loopguard.live.copyTree', async () => {
      const c = controller.current?.capture;
      if (c?.kind !== 'done') return void vscode.window.showInformationMessage('Loopguard: capture a task tree first.');
      await vscode.env.clipboard.writeText(formatAwaitTree(c.tree));
    }),
    // Not in the command palette: the state as plain data, for integration tests and bug reports.
    vscode.commands.registerCommand('loopguard.live.inspect', () => describeLiveState(controller)),
    vscode.commands.registerCommand(OPEN_LOCATION_COMMAND, async (uri: vscode.Uri, line: number, column: number) => {
      const pos = new vscode.Position(Math.max(0, line), Math.max(0, column));
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
    }),
    ...registerTrackerInjection(context, log),
  );
  return controller;
}

export interface LiveStateSummary {
  session?: { id: string; name: string; type: string; paused: boolean };
  metrics?: LiveMetrics;
  metricsNote?: string;
  capture: CaptureState['kind'];
  captureError?: string;
  tree?: AwaitTree;
  treeText?: string;
  /** Where tasks are suspended, as "url:line" (1-based), for those looked up so far. */
  suspendedAt: string[];
}

export function describeLiveState(controller: LiveController): LiveStateSummary {
  const live = controller.current;
  if (!live) return { capture: 'none', suspendedAt: [] };
  const c = live.capture;
  return {
    session: { id: live.session.id, name: live.session.name, type: live.session.type, paused: live.paused },
    metrics: live.metrics,
    metricsNote: live.metricsNote,
    capture: c.kind,
    captureError: c.kind === 'failed' ? c.message : undefined,
    tree: c.kind === 'done' ? c.tree : undefined,
    treeText: c.kind === 'done' ? formatAwaitTree(c.tree) : undefined,
    suspendedAt: [...live.locations.values()].flatMap((l) => (l.kind === 'known' ? [`${l.url}:${l.location.lineNumber + 1}`] : [])),
  };
}
