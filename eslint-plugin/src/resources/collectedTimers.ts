import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit } from '../core/scope';
import { isGlobalCall } from './timerCalls';
import { enclosingInstanceMethod, findInstanceStopMethods, findTeardowns, type InstanceCode, isThisReceiver, methodsRunBy } from './teardownPaths';

/**
 * `const id = setTimeout(cb, ms); this.timeoutIds.push(id);` in a method, where the instance's teardown clears the
 * handles it collects (`this.timeoutIds.forEach(clearTimeout)`) and nothing takes a handle out when its timer fires:
 * the list grows with every call, holding each fired timer and what its callback holds, for the instance's life
 * (@nestjs/throttler 2.0.1 filtered the fired handle out in the timer's callback: its in-memory storage ran out of
 * memory).
 */
export interface CollectedTimer {
  /** The `push` (`add`) call. */
  readonly collect: TSESTree.CallExpression;
  /** The collection, as written (`this.timeoutIds`). */
  readonly collection: string;
}

/** Methods that put a handle into an array or a set. */
const COLLECT_METHODS: ReadonlySet<string> = new Set(['push', 'add', 'unshift']);

/** Methods that take something out of an array or a set (or replace its content): the collection does not only grow. */
const SHRINK_METHODS: ReadonlySet<string> = new Set(['splice', 'shift', 'pop', 'delete', 'clear', 'filter']);

/** Cheap text filter: a file that never collects a timeout's handle has nothing to report. */
export function mayCollectTimers(text: string): boolean {
  return text.includes('setTimeout') && (text.includes('.push(') || text.includes('.add('));
}

/** The growing collection of timer handles `call` adds to, or null. */
export function findCollectedTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): CollectedTimer | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !COLLECT_METHODS.has(getStaticPropertyName(callee) ?? '') || call.arguments.length !== 1) return null;
  const collection = skipExpressionWrappers(callee.object);
  if (collection.type !== AST_NODE_TYPES.MemberExpression || !isThisReceiver(sourceCode, collection.object)) return null;
  const field = getStaticPropertyName(collection);
  if (field === null || !isTimeoutHandle(sourceCode, call.arguments[0] as TSESTree.Node)) return null;
  const enclosing = enclosingInstanceMethod(sourceCode, call);
  if (!enclosing) return null;
  const { instance, method } = enclosing;
  const teardowns = methodsRunBy(sourceCode, findTeardowns(findInstanceStopMethods(instance), instance), instance);
  if (teardowns.has(method) || ![...teardowns].some((teardown) => readsField(sourceCode, teardown, field))) return null;
  if ([...instance.functions].some((fn) => !teardowns.has(fn) && shrinksField(sourceCode, fn, field, instance))) return null;
  return { collect: call, collection: `this.${field}` };
}

/** `setTimeout(…)` itself, or a `const` that holds one. */
function isTimeoutHandle(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  let value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.Identifier) value = getConstInit(sourceCode, value) ?? value;
  value = skipExpressionWrappers(value);
  return value.type === AST_NODE_TYPES.CallExpression && isGlobalCall(sourceCode, value, 'setTimeout');
}

/** `this.field` read in a teardown (cleared there: `this.timeoutIds.forEach(clearTimeout)`, a loop over it). */
function readsField(sourceCode: SourceCode, fn: FunctionNode, field: string): boolean {
  return someFieldUse(sourceCode, fn, field, () => true);
}

/** A use of `this.field` (also through `var self = this`) in `fn`, its nested functions included, that `matches`. */
function someFieldUse(sourceCode: SourceCode, fn: FunctionNode, field: string, matches: (use: TSESTree.MemberExpression) => boolean): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(node) === field && isThisReceiver(sourceCode, node.object)) found = matches(node);
    return !found;
  });
  return found;
}

/**
 * Code outside the teardown that takes handles out of `this.field`, replaces it (`this.field = …` outside the
 * constructor), empties it (`this.field.length = 0`), or hands it on (whoever gets it may).
 */
function shrinksField(sourceCode: SourceCode, fn: FunctionNode, field: string, instance: InstanceCode): boolean {
  // the constructor (an ES5 instance's is the one function that is no prototype method) sets the collection up
  const isConstructor = fn.parent?.type === AST_NODE_TYPES.MethodDefinition ? fn.parent.kind === 'constructor' : ![...instance.methods.values()].includes(fn);
  return someFieldUse(sourceCode, fn, field, (use) => {
    const parent = use.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) return !isConstructor;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
      const name = getStaticPropertyName(parent);
      const user = parent.parent;
      return (name !== null && SHRINK_METHODS.has(name)) || (name === 'length' && user.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent);
    }
    return (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(use);
  });
}
