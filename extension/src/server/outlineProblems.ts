import type { Linter } from 'eslint';

import { shortText } from '../../../eslint-plugin/src/core/ast';
import { MAX_LABEL_LENGTH } from '../../../eslint-plugin/src/outline/labels';
import type { OutlineNode, OutlineRange } from '../../../eslint-plugin/src/outline/types';
import type { InspectorNode, OutlineProblem } from '../shared/outlineMessages';

const RULE_PREFIX = 'loopguard/';

/** The row label of a diagnostic the outline has no node for: what kind of problem, and where. */
const PROBLEM_LABELS: Readonly<Record<string, string>> = {
  'no-blocking-in-async': 'blocks',
  'no-floating-promises': 'floating',
  'no-misused-async-callback': 'misused',
  'no-unbounded-concurrency': 'unbounded',
  'prefer-concurrent-awaits': 'sequential',
  'require-async-dispose': 'leak',
  'return-await-in-try': 'return',
  'no-race-across-await': 'race',
};

/**
 * Puts every Loopguard diagnostic of the lint on a node of the outline, so that the task inspector and
 * the Problems panel show the same problems. A diagnostic goes to the smallest free node of its rule
 * whose range overlaps it (a rule may report a statement where the outline shows its expression, or a
 * callback's head where the outline shows the whole callback); one diagnostic per node. A diagnostic no
 * node of its rule shows goes to a plain row for the same code (a call used as a condition), or else gets
 * a `problem` node of its own, in the innermost unit around it, in source order.
 */
export function attachProblems(
  units: readonly OutlineNode[],
  messages: readonly Linter.LintMessage[],
  docsUrlOf: (ruleId: string) => string | undefined,
  lineText: (line: number) => string,
): InspectorNode[] {
  const roots = units.map(copy);
  const candidates = flatten(roots).filter((node) => node.ruleId !== undefined);
  const used = new Set<InspectorNode>();
  const unplaced: Array<{ range: OutlineRange; problem: OutlineProblem }> = [];
  for (const message of messages) {
    if (!message.ruleId?.startsWith(RULE_PREFIX)) continue;
    const ruleId = message.ruleId.slice(RULE_PREFIX.length);
    const range = rangeOf(message);
    const docsUrl = docsUrlOf(ruleId);
    const problem: OutlineProblem = { ruleId, severity: message.severity === 2 ? 'error' : 'warning', message: message.message, range, ...(docsUrl ? { docsUrl } : {}) };
    const node = smallest(candidates.filter((candidate) => candidate.ruleId === ruleId && !used.has(candidate) && overlaps(candidate.range, range)));
    if (node) {
      used.add(node);
      node.problem = problem;
    } else {
      unplaced.push({ range, problem });
    }
  }
  const plain = flatten(roots).filter((node) => node.kind !== 'unit' && node.ruleId === undefined);
  for (const { range, problem } of unplaced) {
    const row = smallest(plain.filter((node) => !used.has(node) && (contains(node.range, range) || contains(range, node.range))));
    if (row) {
      used.add(row);
      row.problem = problem;
      continue;
    }
    insertInOrder(innermostUnit(roots, range)?.children ?? roots, problemNode(range, problem, lineText));
  }
  return roots;
}

function copy(node: OutlineNode): InspectorNode {
  const { children, ...rest } = node;
  return { ...rest, children: children.map(copy) };
}

function flatten(nodes: readonly InspectorNode[]): InspectorNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

function problemNode(range: OutlineRange, problem: OutlineProblem, lineText: (line: number) => string): InspectorNode {
  const line = lineText(range.start.line);
  const end = range.end.line === range.start.line ? range.end.character : line.length;
  const code = line.slice(range.start.character, end);
  const prefix = `${PROBLEM_LABELS[problem.ruleId] ?? problem.ruleId}: `;
  return {
    kind: 'problem',
    label: `${prefix}${shortText(code || line.trim(), MAX_LABEL_LENGTH - prefix.length)}`,
    description: firstSentence(problem.message),
    icon: 'warning',
    range,
    ruleId: problem.ruleId,
    problem,
    children: [],
  };
}

/** The message's first sentence without Markdown backticks, for a row's description. */
function firstSentence(message: string): string {
  const sentence = /^(.+?[.:])(\s|$)/.exec(message)?.[1] ?? message;
  return shortText(sentence.replace(/`/g, '').replace(/[.:]$/, ''), 80);
}

/** The deepest `unit` node whose range contains `range`. */
function innermostUnit(nodes: readonly InspectorNode[], range: OutlineRange): InspectorNode | undefined {
  for (const node of nodes) {
    if (node.kind !== 'unit' || !contains(node.range, range)) continue;
    return innermostUnit(node.children, range) ?? node;
  }
  return undefined;
}

function insertInOrder(list: InspectorNode[], node: InspectorNode): void {
  const index = list.findIndex((other) => before(node.range.start, other.range.start));
  if (index < 0) list.push(node);
  else list.splice(index, 0, node);
}

function smallest(nodes: readonly InspectorNode[]): InspectorNode | undefined {
  let best: InspectorNode | undefined;
  for (const node of nodes) if (!best || contains(best.range, node.range)) best = node;
  return best;
}

function rangeOf(message: Linter.LintMessage): OutlineRange {
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: (message.endLine ?? message.line) - 1, character: (message.endColumn ?? message.column) - 1 },
  };
}

type Position = OutlineRange['start'];

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(outer: OutlineRange, inner: OutlineRange): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

function overlaps(a: OutlineRange, b: OutlineRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
