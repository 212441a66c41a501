import type { TSESTree } from '@typescript-eslint/utils';

import { distinctShortTexts, shortText } from '../core/ast';
import { getIndependentAwaitRuns } from '../concurrency/awaitDependencies';
import { findIndependentLoopAwait } from '../concurrency/loopAwaits';
import { createRule } from '../core/createRule';
import { reportLocation } from '../core/reportLocation';
import { buildPromiseAllRewrite } from '../concurrency/promiseAllRewrite';
import { isTestFile } from '../roles/testCode';

export type Options = [{ checkTests?: boolean }];

export type MessageIds = 'sequentialAwaits' | 'suggestPromiseAll' | 'sequentialLoopAwaits';

export default createRule<Options, MessageIds>({
  name: 'prefer-concurrent-awaits',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce starting independent awaited operations of one block together with `Promise.all`',
      strict: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      sequentialAwaits:
        '`{{later}}` does not depend on `{{earlier}}`, yet it only starts once `{{earlier}}` has finished{{more}}, so their times add up. Start them together with `Promise.all`, which takes as long as the slowest one.',
      suggestPromiseAll: 'Start these {{count}} operations together with `Promise.all`.',
      sequentialLoopAwaits:
        'Each iteration waits for `{{operation}}` to finish before the next one starts, though no iteration depends on another, so their times add up. Start them together (`await Promise.all(items.map(async (item) => …))`, with a concurrency limit when the collection can be large).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkTests: { type: 'boolean', description: 'Also report in test code, where the order of the steps is usually the point.' },
        },
      },
    ],
    defaultOptions: [{ checkTests: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // A test's awaits are its steps: their order is the point, and its speed matters little.
    if (!options.checkTests && isTestFile(context)) return {};
    const check = (block: TSESTree.Node): void => {
      for (const run of getIndependentAwaitRuns(context, block)) {
        const [earlier, later] = run.steps;
        if (!earlier || !later) continue;
        // Steps with code between them, or each in its own `try`, are reported without a rewrite: one statement
        // cannot replace them without moving that code or changing how each failure is handled.
        const rewrite = run.contiguous ? buildPromiseAllRewrite(sourceCode, run.steps) : null;
        const count = String(run.steps.length);
        const [earlierText, laterText] = distinctShortTexts(sourceCode.getText(earlier.operation), sourceCode.getText(later.operation));
        context.report({
          node: later.awaitExpression,
          loc: reportLocation(sourceCode, later.awaitExpression),
          messageId: 'sequentialAwaits',
          data: {
            earlier: earlierText,
            later: laterText,
            more: run.steps.length > 2 ? ` (and ${run.steps.length - 2} more after it wait the same way)` : '',
          },
          suggest: rewrite
            ? [{ messageId: 'suggestPromiseAll', data: { count }, fix: (fixer) => fixer.replaceTextRange(rewrite.range, rewrite.text) }]
            : [],
        });
      }
    };
    return {
      BlockStatement: check,
      Program: check,
      SwitchCase: check,
      ForOfStatement(loop) {
        const found = findIndependentLoopAwait(context, loop);
        if (!found) return;
        context.report({
          node: found.awaitExpression,
          loc: reportLocation(sourceCode, found.awaitExpression),
          messageId: 'sequentialLoopAwaits',
          data: { operation: shortText(sourceCode.getText(found.operation)) },
        });
      },
    };
  },
});
