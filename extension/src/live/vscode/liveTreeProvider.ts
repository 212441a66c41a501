/** The "Live" view: header rows with the tracker's numbers, then the captured task tree. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwaitNode } from '../heap/awaitTree';
import { formatBytes } from '../metrics';
import type { LiveController, LiveSession } from './liveController';

export type LiveElement =
  | { kind: 'row'; id: string; label: string; description?: string; tooltip?: string; icon?: vscode.ThemeIcon; children?: LiveElement[] }
  | { kind: 'capture'; session: LiveSession }
  | { kind: 'await'; id: string; node: AwaitNode; session: LiveSession };

export const OPEN_LOCATION_COMMAND = 'loopguard.live.openLocation';

export class LiveTreeProvider implements vscode.TreeDataProvider<LiveElement> {
  private readonly changed = new vscode.EventEmitter<LiveElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly controller: LiveController) {
    controller.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: LiveElement): LiveElement[] {
    if (!element) return this.rootRows();
    if (element.kind === 'row') return element.children ?? [];
    if (element.kind === 'capture') {
      const c = element.session.capture;
      if (c.kind !== 'done') return [];
      if (c.tree.roots.length === 0) return [{ kind: 'row', id: 'capture/empty', label: 'No suspended async functions' }];
      return c.tree.roots.map((node, i) => ({ kind: 'await', id: `await/${i}`, node, session: element.session }));
    }
    return element.node.children.map((node, i) => ({ kind: 'await', id: `${element.id}/${i}`, node, session: element.session }));
  }

  getTreeItem(element: LiveElement): vscode.TreeItem {
    if (element.kind === 'row') {
      const item = new vscode.TreeItem(element.label, element.children?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = element.id;
      item.description = element.description;
      item.tooltip = element.tooltip;
      item.iconPath = element.icon;
      return item;
    }
    if (element.kind === 'capture') return this.captureItem(element.session);
    return this.awaitItem(element);
  }

  private rootRows(): LiveElement[] {
    const live = this.controller.current;
    if (!live) return [];
    const threshold = vscode.workspace.getConfiguration('loopguard.live').get<number>('delayThreshold', 100);
    const m = live.metrics;
    const state = live.paused ? 'paused' : 'running';
    const rows: LiveElement[] = [
      { kind: 'row', id: 'session', label: live.session.name, description: live.metricsNote ? `${state} · ${live.metricsNote}` : state, icon: new vscode.ThemeIcon(live.paused ? 'debug-pause' : 'debug-start') },
    ];
    if (m) {
      const slow = m.delay.max > threshold;
      rows.push(
        {
          kind: 'row',
          id: 'delay',
          label: 'Event-loop delay',
          description: `p50 ${ms(m.delay.p50)} · p99 ${ms(m.delay.p99)} · max ${ms(m.delay.max)}`,
          tooltip: `Over the last ${(m.intervalMs / 1000).toFixed(1)} s (sampling interval of ${m.resolutionMs} ms subtracted).${slow ? ` Max above the ${threshold} ms threshold (loopguard.live.delayThreshold): something blocked the event loop.` : ''}`,
          icon: new vscode.ThemeIcon(slow ? 'warning' : 'pulse', slow ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined),
        },
        { kind: 'row', id: 'elu', label: 'Event-loop utilisation', description: `${Math.round(m.utilization * 100)}%`, icon: new vscode.ThemeIcon('dashboard') },
        { kind: 'row', id: 'heap', label: 'Heap used', description: `${formatBytes(m.heapUsed)} of ${formatBytes(m.heapTotal)}`, icon: new vscode.ThemeIcon('database') },
        {
          kind: 'row',
          id: 'pending',
          label: 'Pending async tasks',
          description: String(m.pending),
          tooltip: 'Promises created since the tracker started that have not settled. Creation stacks are off (they cost ~3 µs per promise).',
          icon: new vscode.ThemeIcon('watch'),
        },
      );
    }
    rows.push({ kind: 'capture', session: live });
    return rows;
  }

  private captureItem(live: LiveSession): vscode.TreeItem {
    const c = live.capture;
    const item = new vscode.TreeItem('Task tree', vscode.TreeItemCollapsibleState.None);
    item.id = 'capture';
    item.contextValue = 'liveCapture';
    switch (c.kind) {
      case 'none':
        item.description = 'not captured (title bar: Capture Task Tree)';
        item.iconPath = new vscode.ThemeIcon('type-hierarchy');
        break;
      case 'capturing':
        item.description = 'capturing…';
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        break;
      case 'failed':
        item.description = `capture failed: ${c.message}`;
        item.tooltip = c.message;
        item.iconPath = new vscode.ThemeIcon('error');
        break;
      case 'done':
        item.id = `capture/${c.at.getTime()}`; // a new id per capture, so it opens expanded
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        item.description = `${c.tree.taskCount} suspended async functions · captured ${c.at.toLocaleTimeString()} in ${(c.tookMs / 1000).toFixed(1)} s`;
        item.iconPath = new vscode.ThemeIcon('type-hierarchy');
        break;
    }
    return item;
  }

  private awaitItem(element: Extract<LiveElement, { kind: 'await' }>): vscode.TreeItem {
    const { node, session } = element;
    const item = new vscode.TreeItem(node.label, node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `${session.session.id}/${element.id}`;
    item.contextValue = `live.${node.kind}`;
    const parts: string[] = [];
    const tooltip: string[] = [];
    const suspended = node.kind === 'task' ? session.locations.get(node.heapId) : undefined;
    const where = suspended?.kind === 'known' ? { url: suspended.url, line: suspended.location.lineNumber, column: suspended.location.columnNumber } : node.location;
    if (suspended?.kind === 'known') parts.push(`suspended at ${shortUrl(suspended.url)}:${suspended.location.lineNumber + 1}`);
    else if (node.location) parts.push(`${node.kind === 'task' ? 'defined at ' : ''}${shortUrl(node.location.url)}:${node.location.line + 1}`);
    if (node.holder) parts.push(`held by ${node.holder}`);
    if (node.running) parts.push('running');
    if (node.cycle) parts.push('await cycle');
    if (node.neverSettles) {
      parts.push('can never settle');
      tooltip.push(node.kind === 'promise' ? 'Nothing alive outside the tasks waiting on it can resolve this promise: a deadlock.' : 'What this waits on can never settle.');
    }
    const uri = where ? toUri(where.url) : undefined;
    const diagnostics = uri && where ? diagnosticsAt(uri, where.line) : [];
    if (diagnostics.length) {
      parts.push(`⚠ ${diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code ?? 'loopguard')).join(', ')}`);
      tooltip.push(...diagnostics.map((d) => d.message));
    }
    item.description = parts.join(' · ');
    item.tooltip = tooltip.length ? tooltip.join('\n') : undefined;
    item.iconPath = iconFor(node);
    if (uri && where) item.command = { command: OPEN_LOCATION_COMMAND, title: 'Open', arguments: [uri, where.line, where.column] };
    return item;
  }
}

function iconFor(node: AwaitNode): vscode.ThemeIcon {
  if (node.neverSettles && node.kind === 'promise') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  switch (node.kind) {
    case 'task':
      return new vscode.ThemeIcon('symbol-method');
    case 'promise':
      return new vscode.ThemeIcon('circle-outline');
    case 'then':
      return new vscode.ThemeIcon('arrow-small-right');
    default:
      return new vscode.ThemeIcon('split-horizontal');
  }
}

function ms(n: number): string {
  return `${n >= 10 ? Math.round(n) : Math.round(n * 10) / 10} ms`;
}

function shortUrl(url: string): string {
  if (url.startsWith('node:')) return url;
  const uri = toUri(url);
  return uri ? vscode.workspace.asRelativePath(uri) : path.basename(url);
}

/** Script URLs as V8 names them: absolute paths or file: URLs are openable; node: ones are not. */
export function toUri(url: string): vscode.Uri | undefined {
  if (url.startsWith('file:')) return vscode.Uri.parse(url);
  if (path.isAbsolute(url) || /^[a-zA-Z]:[\\/]/.test(url)) return vscode.Uri.file(url);
  return undefined;
}

function diagnosticsAt(uri: vscode.Uri, line: number): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loopguard' && d.range.start.line <= line && d.range.end.line >= line);
}
