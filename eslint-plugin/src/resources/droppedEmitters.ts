import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getFunctionName, getStaticPropertyName, getStaticString, isFunctionNode, isNullishValue, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';

/**
 * Two teardowns of one emitter held in a variable, one of which takes its listeners off and the other not: `dispose()
 * { recognition.stop(); recognition.removeEventListener('end', onEnd); …; recognition = undefined; }` beside `stop() {
 * recognition.stop(); recognition = undefined; }`. The emitter's own stop fires its last events later ('end', 'close'),
 * and the listeners the second teardown leaves run on them, on code that has moved on (instantsearch.js 3.5.3's voice
 * search helper reset its state from the 'end' listener after `stop()`; 3.5.4 makes `stop()` call `dispose()`).
 *
 * Reported at each registration (`recognition.addEventListener('end', onEnd)`) whose listener is a named function that
 * one function of the file takes off the same emitter variable, while another function stops that emitter (`stop`,
 * `abort`, `close`, `end`, `destroy`, `disconnect`) and lets go of it (`= undefined`/`null`) without taking that listener
 * off and without calling the function that does.
 */
export interface ListenerLeftByTeardown {
  readonly call: TSESTree.CallExpression;
  readonly event: string;
  readonly emitter: string;
  /** The function that takes the listener off, and the one that lets the emitter go without it. */
  readonly remover: string;
  readonly teardown: string;
}

const ADD_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'on', 'addListener']);
const REMOVE_METHODS: ReadonlySet<string> = new Set(['removeEventListener', 'off', 'removeListener']);
const EMITTER_STOPS: ReadonlySet<string> = new Set(['stop', 'abort', 'close', 'end', 'destroy', 'disconnect']);

/** The cheap test of a file's text: a listener taken off, and a variable let go of. */
export function mayLeaveListenersOnDroppedEmitters(text: string): boolean {
  return /\.(?:removeEventListener|off|removeListener)\(/.test(text) && /\b[\w$]+\s*=\s*(?:undefined|null)\b/.test(text);
}

export function findListenerLeftByTeardown(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerLeftByTeardown | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || !ADD_METHODS.has(method)) return null;
  const event = getStaticString(call.arguments[0]);
  const listener = call.arguments[1] ? skipExpressionWrappers(call.arguments[1]) : null;
  const holder = skipExpressionWrappers(member.object);
  if (event === null || listener?.type !== AST_NODE_TYPES.Identifier || holder.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, holder);
  if (!variable || variable.defs[0]?.type !== 'Variable') return null;
  let remover: FunctionNode | null = null;
  const teardowns: FunctionNode[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    const fn = getEnclosingFunction(identifier);
    if (!fn) continue;
    const use = identifier.parent;
    if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === identifier && use.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use) {
      const name = getStaticPropertyName(use);
      if (name !== null && REMOVE_METHODS.has(name) && getStaticString(use.parent.arguments[0]) === event && isSameName(use.parent.arguments[1], listener.name)) remover ??= fn;
      if (name !== null && EMITTER_STOPS.has(name) && !teardowns.includes(fn)) teardowns.push(fn);
    }
  }
  if (!remover) return null;
  const removerName = getFunctionName(remover);
  if (removerName === null) return null;
  const teardown = teardowns.find((fn) => fn !== remover && !removesOrCalls(fn, holder.name, event, removerName) && letsGo(fn, holder.name));
  const teardownName = teardown ? getFunctionName(teardown) : null;
  return teardownName ? { call, event, emitter: holder.name, remover: removerName, teardown: teardownName } : null;
}

function isSameName(argument: TSESTree.CallExpressionArgument | undefined, name: string): boolean {
  const value = argument ? skipExpressionWrappers(argument) : null;
  return value?.type === AST_NODE_TYPES.Identifier && value.name === name;
}

/** `fn` takes a listener for `event` off the emitter, or calls the function that does. */
function removesOrCalls(fn: FunctionNode, emitter: string, event: string, remover: string): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || (isFunctionNode(node) && node !== fn)) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === remover) found = true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (member && method !== null && REMOVE_METHODS.has(method) && getStaticString(node.arguments[0]) === event) {
      const object = skipExpressionWrappers(member.object);
      if (object.type === AST_NODE_TYPES.Identifier && object.name === emitter) found = true;
    }
    return !found;
  });
  return found;
}

/** `emitter = undefined` (or `null`) in `fn`'s own code. */
function letsGo(fn: FunctionNode, emitter: string): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || (isFunctionNode(node) && node !== fn)) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === emitter && isNullishValue(node.right)) found = true;
    return !found;
  });
  return found;
}
