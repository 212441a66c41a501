import * as assert from 'node:assert/strict';

import type { Linter } from 'eslint';

import type { OutlineNode } from '../../../eslint-plugin/src/outline/types';
import { attachProblems } from '../../../extension/src/server/outlineProblems';
import type { InspectorNode } from '../../../extension/src/shared/outlineMessages';

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

function node(kind: OutlineNode['kind'], label: string, r: OutlineNode['range'], ruleId?: string, children: OutlineNode[] = []): OutlineNode {
  return { kind, label, description: '', icon: 'x', range: r, ...(ruleId ? { ruleId } : {}), children };
}

/** An ESLint message with 1-based positions, as the lint returns it. */
function message(ruleId: string, line: number, column: number, endLine: number, endColumn: number, severity: 1 | 2 = 2): Linter.LintMessage {
  return { ruleId: `loopguard/${ruleId}`, severity, message: `\`x\` is wrong. More text.`, line, column, endLine, endColumn };
}

const LINES = ['async function main() {', '  if (ready()) go();', '  rows.forEach(save);', '  await a();', '}'];
const lineText = (line: number) => LINES[line] ?? '';

function brief(nodes: readonly InspectorNode[]): unknown[] {
  return nodes.map((n) => ({ label: n.label, ...(n.problem ? { problem: `${n.problem.ruleId}@${n.problem.range.start.line}:${n.problem.range.start.character}` } : {}), ...(n.children.length ? { children: brief(n.children) } : {}) }));
}

describe('attachProblems: every diagnostic on a node of the task inspector', () => {
  const units = [
    node('unit', 'main', range(0, 0, 4, 1), undefined, [
      node('await', 'await a()', range(3, 2, 3, 11), 'prefer-concurrent-awaits'),
      node('await', 'await a()', range(3, 2, 3, 11), 'prefer-concurrent-awaits'),
    ]),
  ];

  it('puts a diagnostic on the smallest free node of its rule that overlaps it, one per node', () => {
    const result = attachProblems(units, [message('prefer-concurrent-awaits', 4, 3, 4, 12), message('prefer-concurrent-awaits', 4, 3, 4, 12)], () => undefined, lineText);
    assert.deepEqual(brief(result), [
      { label: 'main', children: [{ label: 'await a()', problem: 'prefer-concurrent-awaits@3:2' }, { label: 'await a()', problem: 'prefer-concurrent-awaits@3:2' }] },
    ]);
  });

  it('gives a diagnostic no node shows a problem node in the innermost unit, in source order, named after its code', () => {
    const result = attachProblems(units, [message('no-misused-async-callback', 3, 16, 3, 20), message('no-misused-async-callback', 2, 7, 2, 14, 1)], () => 'https://docs', lineText);
    assert.deepEqual(brief(result), [
      {
        label: 'main',
        children: [
          { label: 'misused: ready()', problem: 'no-misused-async-callback@1:6' },
          { label: 'misused: save', problem: 'no-misused-async-callback@2:15' },
          { label: 'await a()' },
          { label: 'await a()' },
        ],
      },
    ]);
    const added = result[0]!.children[0]!;
    assert.equal(added.kind, 'problem');
    assert.equal(added.description, 'x is wrong');
    assert.deepEqual(added.problem && { severity: added.problem.severity, docsUrl: added.problem.docsUrl }, { severity: 'warning', docsUrl: 'https://docs' });
  });

  it('puts a diagnostic outside every unit at the top level', () => {
    const result = attachProblems(units, [message('no-floating-promises', 6, 1, 6, 5)], () => undefined, (line) => (line === 5 ? 'go();' : ''));
    assert.deepEqual(brief(result).at(-1), { label: 'floating: go()', problem: 'no-floating-promises@5:0' });
  });

  it('does not change the outline it was given', () => {
    attachProblems(units, [message('prefer-concurrent-awaits', 4, 3, 4, 12)], () => undefined, lineText);
    assert.equal((units[0]!.children[0] as InspectorNode).problem, undefined);
  });
});
