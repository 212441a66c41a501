import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { isAsyncFunction } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';
import { isInTestCode } from '../roles/testCode';
import { getExecutorPromise } from './executors';

/**
 * A function handler called the way AWS Lambda calls one, `handler(event, context, callback)`, its value dropped: the
 * code runs a handler it does not know (a user's module, `lambdaFunc[name]`), and a handler may be `async`, so the
 * promise it returns, its result and its rejection are lost. Local Lambda runners did exactly this: node-lambda
 * 0.11.7's `run`, lambda-local 1.4.6 and @architect/sandbox 4.0.1 (which chained only when the handler was declared
 * `async`, so a plain function returning a promise lost it); each fix keeps the value and chains on it when it is a
 * thenable.
 *
 * The call's arguments say it: an event (`event`, `evt`), a context (`context`, `ctx`) and a completion callback
 * (`callback`, `cb`, `done`, `context.done`), all three, in that order. Not when the callee is a function of this file
 * that is not async (it is known and returns no promise), in a promise's executor (`new Promise((resolve, reject) =>
 * handler(event, context, (error, value) => …))`: the code takes the handler for a callback-style one and makes the
 * promise itself; netlify-cli's function templates call apollo-server-lambda 2's callback handler so), nor in test
 * code (a test calls the handler it tests and checks the callback).
 */
export function isDroppedLambdaHandlerCall(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  if (call.arguments.length !== 3) return false;
  const [event, handlerContext, callback] = call.arguments;
  if (!isNamed(event, EVENT_NAMES) || !isNamed(handlerContext, CONTEXT_NAMES) || !isCompletionCallback(callback)) return false;
  const callables = resolveLocalCallables(context.sourceCode, call.callee);
  if (callables.some((callable) => isFunctionNode(callable) && !isAsyncFunction(callable))) return false;
  const fn = getEnclosingFunction(call);
  if (fn && getExecutorPromise(context.sourceCode, fn)) return false;
  return !isInTestCode(context, call);
}

const EVENT_NAMES: ReadonlySet<string> = new Set(['event', 'evt']);
const CONTEXT_NAMES: ReadonlySet<string> = new Set(['context', 'ctx']);
const CALLBACK_NAMES: ReadonlySet<string> = new Set(['callback', 'cb', 'done']);

function isNamed(node: TSESTree.Node | undefined, names: ReadonlySet<string>): boolean {
  const value = node ? skipExpressionWrappers(node) : null;
  return value?.type === AST_NODE_TYPES.Identifier && names.has(value.name);
}

/** `callback`, `cb`, `done`, or the context's own `context.done`. */
function isCompletionCallback(node: TSESTree.Node | undefined): boolean {
  if (isNamed(node, CALLBACK_NAMES)) return true;
  const value = node ? skipExpressionWrappers(node) : null;
  return value?.type === AST_NODE_TYPES.MemberExpression && !value.computed && getStaticPropertyName(value) === 'done' && isNamed(value.object, CONTEXT_NAMES);
}
