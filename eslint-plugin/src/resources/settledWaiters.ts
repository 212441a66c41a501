import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { receiverKey } from '../core/thisBinding';
import { someMethodCallWithin } from './keptListeners';

/**
 * A queue of waiters (`this.queue`, served one at a time with `this.queue.shift()` elsewhere) that a lasting listener
 * settles all at once, `this.queue.forEach((resolve) => resolve(Promise.reject(err)))`, without emptying it: the
 * settled waiters stay queued, the next event settles them again (one more unhandled rejection or error log each
 * time, for good), and the code that serves the queue hands its next value to a waiter that has already given up.
 * apn 2.1.0 emptied the queue after rejecting its waiters on the endpoint manager's 'error'.
 *
 * Only for a field of `this` that the file serves with `shift()`, settled by a loop over it
 * (`forEach`, `for…of`) that calls each element, in a listener added with `on` (it runs again), which neither
 * empties the field (`= []`, `.length = 0`, `.splice(0…)`, `.clear()`) nor takes elements out (`shift`, `pop`).
 */
export interface WaitersSettledNotRemoved {
  /** The loop (the `forEach` call or the `for…of`). */
  readonly loop: TSESTree.Node;
  /** The queue, as written (`this.queue`). */
  readonly queue: string;
  readonly event: string;
  /** A `shift()` of the queue elsewhere: it is served one waiter at a time. */
  readonly served: TSESTree.CallExpression;
}

/** The cheap test of a file's text: a queue served with `shift()` and settled with a loop. */
export function maySettleWaitersWithoutRemoving(text: string): boolean {
  return text.includes('.shift()') && /\.forEach\(|\bfor\s*\(/.test(text);
}

export function findWaitersSettledNotRemoved(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.ForOfStatement): WaitersSettledNotRemoved | null {
  const loop = readLoop(node);
  if (!loop) return null;
  const queue = receiverKey(sourceCode, loop.queue);
  if (queue === null || !/^this\.[\w$]+$/.test(queue)) return null;
  const listener = getEnclosingFunction(node);
  const registration = listener ? getOutermostWrapper(listener).parent : null;
  if (!listener || registration?.type !== AST_NODE_TYPES.CallExpression || registration.arguments[1] !== getOutermostWrapper(listener)) return null;
  const registered = getCalleeMember(registration);
  const event = registration.arguments[0];
  if (!registered || getStaticPropertyName(registered) !== 'on' || event?.type !== AST_NODE_TYPES.Literal || typeof event.value !== 'string') return null;
  if (!callsElement(loop.body, loop.element)) return null;
  if (changesQueue(sourceCode, listener, queue)) return null;
  const shifts: TSESTree.CallExpression[] = [];
  someMethodCallWithin(sourceCode.ast, (candidate, method, receiver) => {
    if (method !== 'shift' || candidate.arguments.length > 0 || receiverKey(sourceCode, receiver) !== queue) return false;
    shifts.push(candidate);
    return true;
  });
  const served = shifts[0];
  return served ? { loop: node, queue: sourceCode.getText(loop.queue), event: event.value, served } : null;
}

/**
 * `queue.forEach((w) => …)` or `for (const w of queue) …`: the loop's queue, the element's name and the body that
 * runs per element (whether the body calls the element is asked last: it walks the body).
 */
function readLoop(node: TSESTree.CallExpression | TSESTree.ForOfStatement): { queue: TSESTree.Node; element: string; body: TSESTree.Node } | null {
  if (node.type === AST_NODE_TYPES.ForOfStatement) {
    const element = node.left.type === AST_NODE_TYPES.VariableDeclaration ? node.left.declarations[0]?.id : null;
    return element?.type === AST_NODE_TYPES.Identifier ? { queue: skipExpressionWrappers(node.right), element: element.name, body: node.body } : null;
  }
  const member = getCalleeMember(node);
  const callback = node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
  if (!member || getStaticPropertyName(member) !== 'forEach' || !callback || !isFunctionNode(callback)) return null;
  const element = callback.params[0];
  return element?.type === AST_NODE_TYPES.Identifier ? { queue: skipExpressionWrappers(member.object), element: element.name, body: callback.body } : null;
}

/** `name(…)` somewhere in `body`. */
function callsElement(body: TSESTree.Node, name: string): boolean {
  return someNodeWithin(
    body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === name;
    },
    () => true,
  );
}

/** Methods that take elements out of a list or empty it. */
const REMOVING_METHODS: ReadonlySet<string> = new Set(['shift', 'pop', 'splice', 'clear', 'filter']);

/** The listener empties the queue, replaces it, or takes elements out of it. */
function changesQueue(sourceCode: SourceCode, listener: TSESTree.Node, queue: string): boolean {
  if (someMethodCallWithin(listener, (_call, method, receiver) => REMOVING_METHODS.has(method) && receiverKey(sourceCode, receiver) === queue)) return true;
  return someNodeWithin(
    listener,
    (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression) return false;
      const target = skipExpressionWrappers(node.left);
      // `queue = []`, or `queue.length = 0`
      if (receiverKey(sourceCode, target) === queue) return true;
      return target.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(target) === 'length' && receiverKey(sourceCode, target.object) === queue;
    },
    () => true,
  );
}
