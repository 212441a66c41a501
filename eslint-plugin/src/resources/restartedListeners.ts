import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { isGlobalName } from '../modules/moduleBindings';
import { resolveLocalCallables } from '../modules/localFunctions';
import { someMethodCallWithin } from './keptListeners';
import { EVENT_REMOVE_METHODS, LASTING_EMITTER_ADD_METHODS } from './listenerMethods';

/**
 * A listener added to `process` by a function that runs again and again: `function start() { process.on(
 * 'uncaughtException', (error) => restart()); … }` where `restart()` calls `start()`. Every restart adds one more
 * listener, each holding what it closes over, and one later failure then restarts once per listener
 * (@applitools/execution-grid-tunnel 3.x added its `unhandledRejection` and `uncaughtException` handlers on every
 * restart of its worker; the next version adds them once).
 */
export interface RestartedProcessListener {
  readonly call: TSESTree.CallExpression;
  readonly verb: string;
  readonly event: string;
  /** The function that adds it (`makeTunnelClientWorker`). */
  readonly adder: string;
  /** The call through which it runs again (`restartTunnelClientWorker(…)`), in the adder. */
  readonly via: TSESTree.CallExpression;
}

/** The cheap test of a file's text. */
export function mayRestartProcessListeners(text: string): boolean {
  return /\bprocess\.(?:on|addListener|prependListener)\(/.test(text);
}

/** The name of a function declared as `function f()` or `const f = function/arrow`. */
function declaredName(fn: FunctionNode): string | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name ?? null;
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null;
}

/** The calls of plain names in `root` (also in its nested functions: a listener's call of `restart()` counts). */
function namedCalls(root: TSESTree.Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(root, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && skipExpressionWrappers(node.callee).type === AST_NODE_TYPES.Identifier) calls.push(node);
    return true;
  });
  return calls;
}

/**
 * `process.on(event, listener)` (also `addListener`, `prependListener`) as a statement of a named function's own body
 * (not under an `if`, which may be the guard that adds it once), when that function is called again from its own
 * calls, through the file's functions (`start` → `restart` → `start`), and the file takes no listener of that event off
 * `process`.
 */
export function findRestartedProcessListener(sourceCode: SourceCode, call: TSESTree.CallExpression): RestartedProcessListener | null {
  const member = getCalleeMember(call);
  const verb = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(call.arguments[0]);
  if (!member || verb === null || !LASTING_EMITTER_ADD_METHODS.has(verb) || event === null || call.arguments.length < 2) return null;
  if (!isGlobalName(sourceCode, member.object, 'process')) return null;
  const adder = getEnclosingFunction(call);
  const name = adder ? declaredName(adder) : null;
  const statement = call.parent;
  if (!adder || name === null || statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== adder.body) return null;
  const via = findCallBack(sourceCode, adder);
  if (!via) return null;
  const removesEvent = (removal: TSESTree.CallExpression): boolean => removal.arguments.length === 0 || getStaticString(removal.arguments[0]) === event;
  if (someMethodCallWithin(sourceCode.ast, (removal, method, receiver) => EVENT_REMOVE_METHODS.has(method) && isGlobalName(sourceCode, receiver, 'process') && removesEvent(removal))) return null;
  return { call, verb, event, adder: name, via };
}

/** The call in `adder` through which the file's functions call `adder` again, looking at most 40 functions deep. */
function findCallBack(sourceCode: SourceCode, adder: FunctionNode): TSESTree.CallExpression | null {
  for (const first of namedCalls(adder.body)) {
    const seen = new Set<FunctionNode>();
    const queue: FunctionNode[] = resolveLocalCallables(sourceCode, first.callee).filter(isFunctionNode);
    while (queue.length > 0 && seen.size < 40) {
      const fn = queue.shift()!;
      if (fn === adder) return first;
      if (seen.has(fn)) continue;
      seen.add(fn);
      for (const next of namedCalls(fn.body)) queue.push(...resolveLocalCallables(sourceCode, next.callee).filter(isFunctionNode));
    }
  }
  return null;
}
