import type { Linter } from 'eslint';

import type { OutlineNode } from '../../../eslint-plugin/src/outline/types';
import type { InspectorNode, OutlineProblem } from '../shared/outlineMessages';

const RULE_PREFIX = 'loopguard/';

interface Span {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/**
 * Puts each Loopguard diagnostic on the outline node that shows the same finding: same rule, and
 * ranges that overlap (a rule may report a statement where the outline shows its expression). The
 * outline and the diagnostics come from one lint pass, so an unmatched node means the rule is off.
 */
export function attachProblems(
  units: readonly OutlineNode[],
  messages: readonly Linter.LintMessage[],
  docsUrlOf: (ruleId: string) => string | undefined,
): InspectorNode[] {
  const candidates = messages.filter((message) => message.ruleId?.startsWith(RULE_PREFIX));
  const attach = (node: OutlineNode): InspectorNode => {
    const { children, ...rest } = node;
    const problem = node.ruleId ? findProblem(node, candidates, docsUrlOf) : undefined;
    return { ...rest, ...(problem ? { problem } : {}), children: children.map(attach) };
  };
  return units.map(attach);
}

function findProblem(
  node: OutlineNode,
  messages: readonly Linter.LintMessage[],
  docsUrlOf: (ruleId: string) => string | undefined,
): OutlineProblem | undefined {
  const ruleId = `${RULE_PREFIX}${node.ruleId}`;
  const nodeSpan: Span = {
    startLine: node.range.start.line,
    startCharacter: node.range.start.character,
    endLine: node.range.end.line,
    endCharacter: node.range.end.character,
  };
  const message = messages.find((candidate) => candidate.ruleId === ruleId && overlaps(nodeSpan, spanOf(candidate)));
  if (!message || !node.ruleId) return undefined;
  const docsUrl = docsUrlOf(node.ruleId);
  return {
    ruleId: node.ruleId,
    severity: message.severity === 2 ? 'error' : 'warning',
    message: message.message,
    ...(docsUrl ? { docsUrl } : {}),
  };
}

function spanOf(message: Linter.LintMessage): Span {
  return {
    startLine: message.line - 1,
    startCharacter: message.column - 1,
    endLine: (message.endLine ?? message.line) - 1,
    endCharacter: (message.endColumn ?? message.column) - 1,
  };
}

function before(lineA: number, characterA: number, lineB: number, characterB: number): boolean {
  return lineA < lineB || (lineA === lineB && characterA < characterB);
}

function overlaps(a: Span, b: Span): boolean {
  return !before(a.endLine, a.endCharacter, b.startLine, b.startCharacter) && !before(b.endLine, b.endCharacter, a.startLine, a.startCharacter);
}
