import type { TSESTree } from '@typescript-eslint/utils';

import { shortText } from '../core/ast';
import { getIndependentAwaitRuns } from '../concurrency/awaitDependencies';
import { createRule } from '../core/createRule';
import { buildPromiseAllRewrite } from '../concurrency/promiseAllRewrite';

export type Options = [];

export type MessageIds = 'sequentialAwaits' | 'suggestPromiseAll';

export default createRule<Options, MessageIds>({
  name: 'prefer-concurrent-awaits',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce starting independent consecutive awaited operations together with `Promise.all`',
      strict: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      sequentialAwaits:
        '`{{later}}` does not depend on `{{earlier}}`, yet it only starts once `{{earlier}}` has finished{{more}}, so their times add up. Start them together with `Promise.all`, which takes as long as the slowest one.',
      suggestPromiseAll: 'Start these {{count}} operations together with `Promise.all`.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const check = (block: TSESTree.Node): void => {
      for (const run of getIndependentAwaitRuns(context, block)) {
        const [earlier, later] = run.steps;
        if (!earlier || !later) continue;
        const rewrite = buildPromiseAllRewrite(sourceCode, run.steps);
        const count = String(run.steps.length);
        context.report({
          node: later.awaitExpression,
          messageId: 'sequentialAwaits',
          data: {
            earlier: shortText(sourceCode.getText(earlier.operation)),
            later: shortText(sourceCode.getText(later.operation)),
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
    };
  },
});
