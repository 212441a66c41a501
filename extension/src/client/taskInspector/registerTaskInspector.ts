import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import type { RuleDocs } from '../ruleDocs';
import type { InspectorItem } from './inspectorItems';
import { ProblemsByRuleProvider } from './problemsByRuleProvider';
import { TaskInspectorProvider } from './taskInspectorProvider';

export const TASK_INSPECTOR_VIEW = 'loopguard.taskInspector';
export const PROBLEMS_BY_RULE_VIEW = 'loopguard.problemsByRule';

export interface TaskInspectorApi {
  readonly taskInspector: TaskInspectorProvider;
  readonly problemsByRule: ProblemsByRuleProvider;
}

/** The task inspector and "Problems by rule" views, with their commands. */
export function registerTaskInspector(context: vscode.ExtensionContext, client: LanguageClient, docs: RuleDocs): TaskInspectorApi {
  const taskInspector = new TaskInspectorProvider(client);
  const problemsByRule = new ProblemsByRuleProvider();
  const view = vscode.window.createTreeView(TASK_INSPECTOR_VIEW, { treeDataProvider: taskInspector, showCollapseAll: true });
  taskInspector.attach(view);
  void vscode.commands.executeCommand('setContext', 'loopguard.taskInspector.problemsOnly', false);

  context.subscriptions.push(
    taskInspector,
    problemsByRule,
    view,
    vscode.window.createTreeView(PROBLEMS_BY_RULE_VIEW, { treeDataProvider: problemsByRule, showCollapseAll: true }),
    vscode.commands.registerCommand('loopguard.taskInspector.reveal', revealRange),
    vscode.commands.registerCommand('loopguard.taskInspector.refresh', () => taskInspector.refresh()),
    vscode.commands.registerCommand('loopguard.taskInspector.showProblemsOnly', () => taskInspector.setProblemsOnly(true)),
    vscode.commands.registerCommand('loopguard.taskInspector.showAll', () => taskInspector.setProblemsOnly(false)),
    vscode.commands.registerCommand('loopguard.taskInspector.quickFix', async (item: InspectorItem) => {
      if (!item.node) return;
      // the diagnostic's own range, where the quick fixes are (the node may cover a whole statement or callback)
      const { start, end } = item.node.problem?.range ?? item.node.range;
      await revealRange(item.uri, new vscode.Range(start.line, start.character, end.line, end.character));
      await vscode.commands.executeCommand('editor.action.quickFix');
    }),
    vscode.commands.registerCommand('loopguard.taskInspector.showRuleDocumentation', async (item: InspectorItem) => {
      const ruleId = item.node?.problem?.ruleId;
      if (ruleId) await docs.show(ruleId);
    }),
  );
  return { taskInspector, problemsByRule };
}

/** Opens the document and selects the range: what a click on a row does. */
async function revealRange(uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false, preview: false });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
