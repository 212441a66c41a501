import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { getCompiledBody, isAsyncFunction } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';

/**
 * Async work started in an immediately called async function and not waited for, before the function around it
 * tells its caller it is done: `(async () => { await writeJson(…).catch(log); })(); …; callback(true);`. The work
 * cannot reject (so nothing is lost as an error), but the caller is told the work is over while it still runs, and
 * goes on, or lets the process exit, before it ends (wdio-html-nice-reporter 8.0.0 wrote its JSON report this way
 * and the runner could stop before it was written; 8.0.2 awaits the write before calling back).
 */
export interface WorkDetachedBeforeDone {
  /** The call of the caller's callback after the work was started (`callback(true)`). */
  readonly done: TSESTree.CallExpression;
  readonly callback: string;
}

/** Names of a parameter that is the caller's completion callback. */
const COMPLETION_CALLBACK = /^(?:cb|callback|done|next|finish|finished|complete|onDone|onComplete|onFinish)$/;

/**
 * The statement is a call of an async function expression (`(async () => …)()`, or its compiled form `(() =>
 * __awaiter(…))()`) that awaits something, in a function with a completion-callback parameter (`COMPLETION_CALLBACK`,
 * also with a default value) that the function calls after the statement, not from a nested function.
 */
export function findWorkDetachedBeforeDone(statement: TSESTree.ExpressionStatement): WorkDetachedBeforeDone | null {
  const call = skipExpressionWrappers(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length > 0) return null;
  const work = skipExpressionWrappers(call.callee);
  if (!isFunctionNode(work) || !isAsyncFunction(work) || !awaitsSomething(work)) return null;
  const owner = getEnclosingFunction(statement);
  const callback = owner ? completionCallback(owner) : null;
  if (!owner || callback === null) return null;
  let done: TSESTree.CallExpression | null = null;
  someNodeWithin(
    owner.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression || node.range[0] < statement.range[1]) return false;
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== callback) return false;
      done = node;
      return true;
    },
    (node) => node === owner.body || !isFunctionNode(node),
  );
  return done ? { done, callback } : null;
}

/** The name of the function's completion-callback parameter, if it has one. */
function completionCallback(fn: FunctionNode): string | null {
  for (const parameter of fn.params) {
    const name = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (name.type === AST_NODE_TYPES.Identifier && COMPLETION_CALLBACK.test(name.name)) return name.name;
  }
  return null;
}

/** Whether the async function (or its compiled generator) awaits anything of its own. */
function awaitsSomething(fn: FunctionNode): boolean {
  const body = getCompiledBody(fn) ?? fn;
  const root = isFunctionNode(body) ? body.body : body;
  return someNodeWithin(
    root,
    (node) => node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression,
    (node) => node === root || !isFunctionNode(node),
  );
}
