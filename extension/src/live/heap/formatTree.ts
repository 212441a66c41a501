/** Plain-text rendering of an await tree, pstree style (used for "Copy as text" and in tests). */
import type { AwaitNode, AwaitTree } from './awaitTree';

export interface FormatOptions {
  /** Turns a script URL into what is shown (default: as is). */
  showUrl?: (url: string) => string;
}

export function formatAwaitTree(tree: AwaitTree, options: FormatOptions = {}): string {
  const lines: string[] = [];
  const walk = (node: AwaitNode, prefix: string, last: boolean, top: boolean): void => {
    lines.push(`${top ? '' : prefix + (last ? '└─ ' : '├─ ')}${describeNode(node, options)}`);
    const childPrefix = top ? '' : prefix + (last ? '   ' : '│  ');
    node.children.forEach((c, i) => walk(c, childPrefix, i === node.children.length - 1, false));
  };
  for (const root of tree.roots) walk(root, '', true, true);
  return lines.join('\n');
}

export function describeNode(node: AwaitNode, options: FormatOptions = {}): string {
  const parts = [node.label];
  if (node.location) {
    const url = options.showUrl ? options.showUrl(node.location.url) : node.location.url;
    parts.push(`${url}:${node.location.line + 1}`);
  }
  if (node.holder) parts.push(`held by ${node.holder}`);
  if (node.running) parts.push('running');
  if (node.cycle) parts.push('await cycle');
  if (node.neverSettles) parts.push('never settles');
  return parts.join('  ');
}
