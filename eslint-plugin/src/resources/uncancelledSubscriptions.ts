import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, someOwnReturn } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';

/**
 * A server stream opened by a `subscribe…` call and relayed to an `EventEmitter` the function makes and hands back,
 * where nothing can cancel the stream: `const sub = lnd.router.subscribeHtlcEvents({}); sub.on('data', (d) =>
 * emitter.emit('forward', …)); … return emitter;`. The caller holds only the emitter; when it takes its listeners off,
 * the stream (a gRPC call, a socket) stays open, relaying into an emitter nobody listens to, for the life of the
 * process. lightning 9.8.2 (and 5.16.6 for invoices) cancel the subscription when the emitter's last listener goes.
 *
 * Only when the stream comes from a call whose method is named `subscribe…` (as written, or through a `const` string,
 * `lnd[type][method]` with `method = 'subscribeHtlcEvents'`), gets a `'data'` listener, and is used for nothing but
 * listeners (`on`, `once`, `addListener`, `removeListener`, `removeAllListeners`, `listenerCount`): never cancelled,
 * destroyed, ended or closed, returned, stored or handed on. The function around it (or one around that) makes the
 * emitter with `new EventEmitter()` and returns it.
 */
export interface UncancelledSubscription {
  readonly call: TSESTree.CallExpression;
  /** The stream's variable (`sub`). */
  readonly stream: string;
  /** The emitter handed back (`emitter`). */
  readonly emitter: string;
}

const LISTENER_USES: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'removeListener', 'off', 'removeAllListeners', 'listenerCount', 'listeners']);

/** The cheap test of a file's text. */
export function maySubscribeWithoutCancel(text: string): boolean {
  return text.includes('subscribe') && text.includes("'data'") && text.includes('EventEmitter');
}

export function findUncancelledSubscription(sourceCode: SourceCode, call: TSESTree.CallExpression): UncancelledSubscription | null {
  if (!isSubscribeCall(sourceCode, call)) return null;
  const declarator = getOutermostWrapper(call).parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init !== getOutermostWrapper(call)) return null;
  const variable = findVariableOf(sourceCode, declarator.id);
  if (!variable) return null;
  let relaysData = false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const member = reference.identifier.parent;
    const use = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== member) return null;
    const method = getStaticPropertyName(member);
    if (method === null || !LISTENER_USES.has(method)) return null;
    if ((method === 'on' || method === 'addListener') && getStaticString(use.arguments[0]) === 'data') relaysData = true;
  }
  if (!relaysData) return null;
  const emitter = returnedEmitter(sourceCode, call);
  return emitter ? { call, stream: declarator.id.name, emitter } : null;
}

/** `x.subscribeInvoices(…)`, or `x[a][method](…)` with `method` a `const` string that starts so. */
function isSubscribeCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  let name = getStaticPropertyName(callee);
  if (name === null && callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) name = getStaticString(getConstInit(sourceCode, callee.property));
  return name !== null && /^subscribe[A-Z]/.test(name);
}

/** The name of a `new EventEmitter()` that a function around `node` makes and returns, or null. */
function returnedEmitter(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (!isFunctionNode(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    let emitter: string | null = null;
    someOwnReturn(fn.body, (statement) => {
      const value = statement.argument ? skipExpressionWrappers(statement.argument) : null;
      if (value?.type !== AST_NODE_TYPES.Identifier) return false;
      const init = getConstInit(sourceCode, value);
      if (init?.type === AST_NODE_TYPES.NewExpression && isEventEmitterName(init.callee)) emitter = value.name;
      return emitter !== null;
    });
    if (emitter !== null) return emitter;
  }
  return null;
}

/** `EventEmitter`, `events.EventEmitter`, `events_1.EventEmitter` as written. */
function isEventEmitterName(callee: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'EventEmitter';
  return node.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(node) === 'EventEmitter';
}
