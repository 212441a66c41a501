import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { createRule } from '../core/createRule';
import { asyncKeywordAnchor, prefixWithUnaryOperator } from '../core/fix';
import { reportLocation } from '../core/reportLocation';
import { canBecomeAsync, findUnawaitedReturn, type SkippedGuard } from '../promises/unawaitedReturn';
import { getAwaitKeyword, isAsyncBody } from '../core/compiledAsync';
import { findPromiseAwaitedAfterTry } from '../promises/promisesAwaitedAfterTry';

export type Options = [];

type GuardMessageIds = 'returnSkipsCatch' | 'returnSkipsFinally' | 'returnSkipsCatchAndFinally' | 'returnSkipsDisposal';

/** The messages of an `async` function, and `plain…` for a function that returns the promise itself (not `async`). */
export type MessageIds = GuardMessageIds | `plain${Capitalize<GuardMessageIds>}` | 'suggestAsyncAndAwait' | 'awaitedAfterTry';

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
    hasSuggestions: true,
    messages: {
      returnSkipsCatch:
        'This promise is returned without `await`, so the function leaves the `try` before it settles and the `catch` on line {{line}} never sees its rejection. Write `return await` so the `catch` handles it.',
      returnSkipsFinally:
        'This promise is returned without `await`, so the `finally` on line {{line}} runs while it is still pending (its cleanup happens before the work is done). Write `return await` so the `finally` runs after it settles.',
      returnSkipsCatchAndFinally:
        'This promise is returned without `await`, so the function leaves the `try` before it settles: the `catch` never sees its rejection and the `finally` on line {{line}} runs while it is still pending. Write `return await` so both wait for it.',
      returnSkipsDisposal:
        'This promise is returned without `await`, so `{{name}}` (line {{line}}) is disposed while it is still pending and the work may use a released resource. Write `return await` so the disposal waits for it.',
      plainReturnSkipsCatch:
        'This function returns the promise itself, so it leaves the `try` before the promise settles and the `catch` on line {{line}} never sees its rejection (it only catches synchronous errors). Await it inside the `try` (in an `async` function) so the `catch` handles it.',
      plainReturnSkipsFinally:
        'This function returns the promise itself, so the `finally` on line {{line}} runs while it is still pending (its cleanup happens before the work is done). Await it inside the `try` (in an `async` function) so the `finally` runs after it settles.',
      plainReturnSkipsCatchAndFinally:
        'This function returns the promise itself, so it leaves the `try` before the promise settles: the `catch` never sees its rejection and the `finally` on line {{line}} runs while it is still pending. Await it inside the `try` (in an `async` function) so both wait for it.',
      plainReturnSkipsDisposal:
        'This function returns the promise itself, so `{{name}}` (line {{line}}) is disposed while it is still pending and the work may use a released resource. Await it in an `async` function so the disposal waits for it.',
      awaitedAfterTry:
        '`{{name}}` takes this promise inside the `try`, but it is awaited only after it (line {{line}}): the `catch` on line {{catchLine}} sees the call start, not fail, so a rejection comes out of that `await` instead. Await it inside the `try` (the `catch` then handles it), or handle the rejection where it is awaited.',
      suggestAsyncAndAwait: 'Make the function `async` and write `return await` (its declared type stays `Promise`; a synchronous throw becomes a rejection).',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      AssignmentExpression(node) {
        const found = findPromiseAwaitedAfterTry(context, node);
        if (!found) return;
        const data = { name: found.name, line: String(found.awaited.loc.start.line), catchLine: String(found.handler.loc.start.line) };
        context.report({ node: found.call, loc: reportLocation(sourceCode, found.call), messageId: 'awaitedAfterTry', data });
      },
      ReturnStatement(node) {
        const argument = node.argument;
        const guard = argument ? findUnawaitedReturn(context, node) : null;
        const fn = getEnclosingFunction(node);
        if (!argument || !guard || !fn) return;
        const isAsync = isAsyncBody(fn);
        const { messageId, data } = describe(guard, isAsync);
        // in a compiled `async` function (a generator handed to `__awaiter`) `return yield` is `return await`
        const awaitArgument = (fixer: TSESLint.RuleFixer) => prefixWithUnaryOperator(fixer, sourceCode, argument, getAwaitKeyword(fn));
        if (isAsync) {
          context.report({ node: argument, loc: reportLocation(sourceCode, argument), messageId, data, fix: awaitArgument });
          return;
        }
        // a function that returns the promise itself: `await` needs `async`, offered only when that keeps its type
        const anchor = canBecomeAsync(fn) ? asyncKeywordAnchor(sourceCode, fn) : null;
        context.report({
          node: argument,
          loc: reportLocation(sourceCode, argument),
          messageId,
          data,
          suggest: anchor ? [{ messageId: 'suggestAsyncAndAwait', fix: (fixer) => [fixer.insertTextBefore(anchor, 'async '), awaitArgument(fixer)].flat() }] : [],
        });
      },
    };
  },
});

function describe(guard: SkippedGuard, isAsync: boolean): { messageId: MessageIds; data: Record<string, string> } {
  const line = String(guard.node.loc.start.line);
  switch (guard.kind) {
    case 'catch':
      return { messageId: isAsync ? 'returnSkipsCatch' : 'plainReturnSkipsCatch', data: { line } };
    case 'finally':
      if (guard.alsoCatch) return { messageId: isAsync ? 'returnSkipsCatchAndFinally' : 'plainReturnSkipsCatchAndFinally', data: { line } };
      return { messageId: isAsync ? 'returnSkipsFinally' : 'plainReturnSkipsFinally', data: { line } };
    case 'using':
      return { messageId: isAsync ? 'returnSkipsDisposal' : 'plainReturnSkipsDisposal', data: { line, name: declaredNames(guard.node) } };
  }
}

function declaredNames(declaration: TSESTree.VariableDeclaration): string {
  return declaration.declarations.map((declarator) => (declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id.name : 'the resource')).join('`, `');
}
