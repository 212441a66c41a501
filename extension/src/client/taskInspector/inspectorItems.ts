import * as vscode from 'vscode';

import type { OutlineSummary } from '../../../../eslint-plugin/src/outline/types';
import type { InspectorNode } from '../../shared/outlineMessages';

/** A row of the task inspector: an outline node of one document, or the file's summary line. */
export class InspectorItem extends vscode.TreeItem {
  constructor(
    readonly node: InspectorNode | null,
    readonly uri: vscode.Uri,
    readonly children: InspectorItem[],
    label: string,
  ) {
    super(label, children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  }
}

export function createNodeItem(node: InspectorNode, uri: vscode.Uri, children: InspectorItem[]): InspectorItem {
  const item = new InspectorItem(node, uri, children, node.label);
  item.description = node.problem ? [node.description, node.problem.ruleId].filter(Boolean).join(' · ') : node.description;
  item.iconPath = new vscode.ThemeIcon(node.problem ? (node.problem.severity === 'error' ? 'error' : 'warning') : node.icon, colourOf(node));
  item.tooltip = tooltipOf(node);
  item.contextValue = node.problem ? 'loopguardProblem' : `loopguard-${node.kind}`;
  item.id = `${uri.toString()}#${node.kind}@${node.range.start.line}:${node.range.start.character}-${node.range.end.line}:${node.range.end.character}/${node.label}`;
  item.command = {
    command: 'loopguard.taskInspector.reveal',
    title: 'Reveal in Editor',
    arguments: [uri, toRange(node)],
  };
  return item;
}

/** The summary row's label: the counts that are not zero, as many as fit the default side bar; the rest is its description. */
const MAX_SUMMARY_LABEL = 30;

export function createSummaryItem(summary: OutlineSummary, uri: vscode.Uri): InspectorItem {
  const all = [
    plural(summary.awaits, 'await'),
    plural(summary.fanOuts, 'fan-out'),
    `${summary.detached} detached`,
    `${summary.blocking} blocking`,
    plural(summary.leaks, 'leak'),
    `${summary.misused} misused`,
  ];
  const shown = all.filter((part) => !part.startsWith('0 '));
  const label: string[] = [];
  while (shown.length > 0 && [...label, shown[0]].join(' · ').length <= MAX_SUMMARY_LABEL) label.push(shown.shift()!);
  const item = new InspectorItem(null, uri, [], label.length > 0 ? label.join(' · ') : plural(summary.asyncUnits, 'async unit'));
  if (shown.length > 0) item.description = shown.join(' · ');
  item.iconPath = new vscode.ThemeIcon('pulse');
  item.tooltip = `${plural(summary.asyncUnits, 'async unit')} in this file: ${all.join(', ')}`;
  item.contextValue = 'loopguardSummary';
  item.id = `${uri.toString()}#summary`;
  return item;
}

export function toRange(node: InspectorNode): vscode.Range {
  return new vscode.Range(node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character);
}

function colourOf(node: InspectorNode): vscode.ThemeColor | undefined {
  if (!node.problem) return undefined;
  return new vscode.ThemeColor(node.problem.severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground');
}

function tooltipOf(node: InspectorNode): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(`**${escape(node.label)}**`);
  if (node.description) tooltip.appendMarkdown(`\n\n${escape(node.description)}`);
  if (node.problem) tooltip.appendMarkdown(`\n\n$(${node.problem.severity}) ${escape(node.problem.message)} (loopguard/${node.problem.ruleId})`);
  tooltip.supportThemeIcons = true;
  return tooltip;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
