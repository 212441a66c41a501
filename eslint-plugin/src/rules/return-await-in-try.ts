import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { createRule } from '../core/createRule';
import { prefixWithUnaryOperator } from '../core/fix';
import { reportLocation } from '../core/reportLocation';
import { findUnawaitedReturn, type SkippedGuard } from '../promises/unawaitedReturn';

export type Options = [];

export type MessageIds = 'returnSkipsCatch' | 'returnSkipsFinally' | 'returnSkipsCatchAndFinally' | 'returnSkipsDisposal';

export default createRule<Options, MessageIds>({
  name: 'return-await-in-try',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `return await` for promises returned inside `try`/`catch`/`finally` or a `using` scope',
      strict: true,
      requiresTypeChecking: false,
    },
    fixable: 'code',
    messages: {
      returnSkipsCatch:
        'This promise is returned without `await`, so the function leaves the `try` before it settles and the `catch` on line {{line}} never sees its rejection. Write `return await` so the `catch` handles it.',
      returnSkipsFinally:
        'This promise is returned without `await`, so the `finally` on line {{line}} runs while it is still pending (its cleanup happens before the work is done). Write `return await` so the `finally` runs after it settles.',
      returnSkipsCatchAndFinally:
        'This promise is returned without `await`, so the function leaves the `try` before it settles: the `catch` never sees its rejection and the `finally` on line {{line}} runs while it is still pending. Write `return await` so both wait for it.',
      returnSkipsDisposal:
        'This promise is returned without `await`, so `{{name}}` (line {{line}}) is disposed while it is still pending and the work may use a released resource. Write `return await` so the disposal waits for it.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ReturnStatement(node) {
        const argument = node.argument;
        const guard = argument ? findUnawaitedReturn(context, node) : null;
        if (!argument || !guard) return;
        context.report({
          node: argument,
          loc: reportLocation(sourceCode, argument),
          ...describe(guard),
          fix: (fixer) => prefixWithUnaryOperator(fixer, sourceCode, argument, 'await'),
        });
      },
    };
  },
});

function describe(guard: SkippedGuard): { messageId: MessageIds; data: Record<string, string> } {
  const line = String(guard.node.loc.start.line);
  switch (guard.kind) {
    case 'catch':
      return { messageId: 'returnSkipsCatch', data: { line } };
    case 'finally':
      return { messageId: guard.alsoCatch ? 'returnSkipsCatchAndFinally' : 'returnSkipsFinally', data: { line } };
    case 'using':
      return { messageId: 'returnSkipsDisposal', data: { line, name: declaredNames(guard.node) } };
  }
}

function declaredNames(declaration: TSESTree.VariableDeclaration): string {
  return declaration.declarations.map((declarator) => (declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id.name : 'the resource')).join('`, `');
}
