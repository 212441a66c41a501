import * as vscode from 'vscode';

/**
 * "Problems by rule": every Loopguard diagnostic VS Code knows of (after "Scan workspace", the whole
 * workspace), grouped rule → file → problem, with counts.
 */
export class ProblemsByRuleProvider implements vscode.TreeDataProvider<ProblemTreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProblemTreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private timer: NodeJS.Timeout | null = null;

  constructor() {
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.changed.fire(undefined);
      }, 200);
    });
  }

  getTreeItem(item: ProblemTreeItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: ProblemTreeItem): ProblemTreeItem[] {
    if (!item) return groupByRule(vscode.languages.getDiagnostics());
    return item.children;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export class ProblemTreeItem extends vscode.TreeItem {
  constructor(
    label: string,
    readonly children: ProblemTreeItem[],
    state: vscode.TreeItemCollapsibleState,
  ) {
    super(label, state);
  }
}

function ruleOf(diagnostic: vscode.Diagnostic): string | null {
  if (diagnostic.source !== 'loopguard') return null;
  const code = diagnostic.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return null;
}

function groupByRule(all: ReadonlyArray<[vscode.Uri, vscode.Diagnostic[]]>): ProblemTreeItem[] {
  const byRule = new Map<string, Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>>();
  for (const [uri, diagnostics] of all) {
    for (const diagnostic of diagnostics) {
      const rule = ruleOf(diagnostic);
      if (!rule) continue;
      const files = byRule.get(rule) ?? new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
      byRule.set(rule, files);
      const entry = files.get(uri.toString()) ?? { uri, diagnostics: [] };
      files.set(uri.toString(), entry);
      entry.diagnostics.push(diagnostic);
    }
  }
  return [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, files]) => {
      const fileItems = [...files.values()]
        .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath))
        .map(({ uri, diagnostics }) => fileItem(uri, diagnostics));
      const count = fileItems.reduce((sum, item) => sum + item.children.length, 0);
      const item = new ProblemTreeItem(rule, fileItems, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${count} problem${count === 1 ? '' : 's'} in ${fileItems.length} file${fileItems.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('law');
      item.contextValue = 'loopguardRule';
      item.id = `rule:${rule}`;
      return item;
    });
}

function fileItem(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): ProblemTreeItem {
  const problems = [...diagnostics]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((diagnostic) => {
      const item = new ProblemTreeItem(diagnostic.message, [], vscode.TreeItemCollapsibleState.None);
      item.description = `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
      item.iconPath = new vscode.ThemeIcon(diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning');
      item.command = { command: 'loopguard.taskInspector.reveal', title: 'Reveal in Editor', arguments: [uri, diagnostic.range] };
      return item;
    });
  const item = new ProblemTreeItem(vscode.workspace.asRelativePath(uri), problems, vscode.TreeItemCollapsibleState.Collapsed);
  item.resourceUri = uri;
  item.description = `${problems.length}`;
  return item;
}
