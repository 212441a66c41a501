import type { TSESTree } from '@typescript-eslint/utils';

import { contains, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, isClassConstructor, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { receiverKey } from '../core/thisBinding';
import { someMethodCallWithin } from './keptListeners';
import { EMITTER_ADD_METHODS, EVENT_REMOVE_METHODS } from './listenerMethods';

/**
 * An emitter held in a field replaced by a method that moves only some of its listeners across: the method takes
 * some events' listeners off the old one (`this._socket.removeAllListeners('data')`, `'error'`), puts a new one in the
 * field (`this._socket = tls.connect({ socket: this._socket })`) and listens to those events on it, but the file
 * also listens to other events on the field's emitter (`'close'`, `'end'`, `'timeout'`, added where it is first made),
 * which the new one never gets and the old one keeps: the old socket's handlers still run on a connection that is now
 * another's, and the new socket's close goes unnoticed. smtp-connection 1.3.3 took every listener off the plain
 * socket on STARTTLS and gave the TLS socket its own 'close', 'end' and 'timeout' handlers.
 *
 * Only for a method (not a constructor) that takes listeners off the field by event name before replacing it with a
 * call's or a `new` value, and adds listeners to the new one, and only for events the file adds to the field as
 * strings elsewhere; not when the method hands the new emitter on or calls another method of the instance after
 * the replacement (a set-up method may add the rest), nor when it takes every listener off (`removeAllListeners()`).
 */
export interface ListenersLeftOnReplacedEmitter {
  /** The assignment that replaces the emitter. */
  readonly replacement: TSESTree.AssignmentExpression;
  /** The field, as written (`this._socket`). */
  readonly field: string;
  /** Events the file listens to on the field that the new emitter does not get, in the order first added. */
  readonly missing: readonly string[];
  /** Where the file first adds a listener for the first missing event. */
  readonly firstAdd: TSESTree.CallExpression;
}

/** The cheap test of a file's text: listeners taken off by event and a field replaced. */
export function mayLeaveListenersOnReplacedEmitters(text: string): boolean {
  return /\.(?:removeAllListeners|removeListener|off)\(\s*['"]/.test(text) && /this\.[\w$]+\s*=\s*(?:new\s|[\w$.]+\()/.test(text);
}

export function findListenersLeftOnReplacedEmitter(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): ListenersLeftOnReplacedEmitter | null {
  const target = skipExpressionWrappers(assignment.left);
  const value = skipExpressionWrappers(assignment.right);
  if (assignment.operator !== '=' || target.type !== AST_NODE_TYPES.MemberExpression || (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression)) return null;
  const field = receiverKey(sourceCode, target);
  const method = getEnclosingFunction(assignment);
  if (field === null || !field.startsWith('this.') || !method || isClassConstructor(method)) return null;
  // the cheap test first: the method takes some listener of the field off by event name
  if (!eventRemovalsByFunction(sourceCode).get(method)?.has(field)) return null;
  let removedSome = false;
  let removedAll = false;
  const addedAfter = new Set<string>();
  let handedOn = false;
  walk(method.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const name = member ? getStaticPropertyName(member) : null;
    const receiver = member ? receiverKey(sourceCode, member.object) : null;
    const after = node.range[0] > assignment.range[1] || contains(value, node);
    if (name !== null && receiver === field) {
      if (!after && EVENT_REMOVE_METHODS.has(name)) {
        if (node.arguments.length === 0) removedAll = true;
        else if (getStaticString(node.arguments[0]) !== null) removedSome = true;
      }
      const event = getStaticString(node.arguments[0]);
      if (after && EMITTER_ADD_METHODS.has(name) && event !== null) addedAfter.add(event);
      return true;
    }
    if (after && node !== value && (receiver === 'this' || node.arguments.some((argument) => receiverKey(sourceCode, argument) === field))) handedOn = true;
    return true;
  });
  if (!removedSome || removedAll || handedOn || addedAfter.size === 0) return null;
  const missing: string[] = [];
  let firstAdd: TSESTree.CallExpression | null = null;
  someMethodCallWithin(sourceCode.ast, (call, name, receiver) => {
    const event = getStaticString(call.arguments[0]);
    if (!EMITTER_ADD_METHODS.has(name) || event === null || contains(method, call) || receiverKey(sourceCode, receiver) !== field) return false;
    if (!addedAfter.has(event) && !missing.includes(event)) {
      missing.push(event);
      firstAdd ??= call;
    }
    return false;
  });
  const first = firstAdd as TSESTree.CallExpression | null;
  return first && missing.length > 0 ? { replacement: assignment, field: sourceCode.getText(target), missing, firstAdd: first } : null;
}

const removalCache = createFileCache<'byFunction', Map<TSESTree.Node, Set<string>>>();

/**
 * For each function of the file, the fields of `this` it (or a function nested in it) takes listeners off by event
 * name (`this._socket.removeAllListeners('data')`): one walk of the file.
 */
function eventRemovalsByFunction(sourceCode: SourceCode): Map<TSESTree.Node, Set<string>> {
  const cache = removalCache(sourceCode);
  const known = cache.get('byFunction');
  if (known) return known;
  const byFunction = new Map<TSESTree.Node, Set<string>>();
  someMethodCallWithin(sourceCode.ast, (call, name, receiver) => {
    if (!EVENT_REMOVE_METHODS.has(name) || getStaticString(call.arguments[0]) === null) return false;
    const field = receiverKey(sourceCode, receiver);
    if (field === null || !field.startsWith('this.')) return false;
    for (let fn = getEnclosingFunction(call); fn; fn = getEnclosingFunction(fn)) {
      const fields = byFunction.get(fn) ?? new Set<string>();
      fields.add(field);
      byFunction.set(fn, fields);
    }
    return false;
  });
  cache.set('byFunction', byFunction);
  return byFunction;
}

