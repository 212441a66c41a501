import * as vscode from 'vscode';

/** Where the rules' documentation pages sit inside the extension (the same path in the repository and the .vsix). */
const DOCS_FOLDER = ['eslint-plugin', 'docs', 'rules'];
const RULE_PREFIX = 'loopguard/';

/**
 * The rules' documentation as bundled in the extension: the pages of the installed version, readable
 * offline. Shown in VS Code's Markdown preview.
 */
export class RuleDocs implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    // A page opened as text (the rule's link in a hover or the Problems panel opens the file) is shown as
    // its preview instead.
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && this.isDocPage(editor.document.uri)) void this.replaceWithPreview(editor.document.uri);
    });
  }

  /** The bundled page of a rule (`no-floating-promises` or `loopguard/no-floating-promises`). */
  pageOf(ruleId: string): vscode.Uri {
    const id = ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
    return vscode.Uri.joinPath(this.extensionUri, ...DOCS_FOLDER, `${id}.md`);
  }

  /** Opens the rule's page in the Markdown preview; false when the extension has no page for it. */
  async show(ruleId: string): Promise<boolean> {
    const page = this.pageOf(ruleId);
    try {
      await vscode.workspace.fs.stat(page);
    } catch {
      void vscode.window.showWarningMessage(`Loopguard: no documentation page for ${ruleId} in this version of the extension.`);
      return false;
    }
    await vscode.commands.executeCommand('markdown.showPreview', page);
    return true;
  }

  /** The rule id of a documentation link (the diagnostic's `codeDescription`), whatever host it names. */
  static ruleIdOfUrl(url: string): string | undefined {
    return /\/([a-z][a-z-]*)(?:\.md|\.html)?(?:[?#].*)?$/.exec(url)?.[1];
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private isDocPage(uri: vscode.Uri): boolean {
    const folder = vscode.Uri.joinPath(this.extensionUri, ...DOCS_FOLDER).toString();
    return uri.toString().startsWith(`${folder}/`) && uri.path.endsWith('.md');
  }

  private async replaceWithPreview(page: vscode.Uri): Promise<void> {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    await vscode.commands.executeCommand('markdown.showPreview', page);
    if (tab && tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === page.toString()) await vscode.window.tabGroups.close(tab);
  }
}
