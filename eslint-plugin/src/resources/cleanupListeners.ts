import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { receiverKey } from '../core/thisBinding';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';
import { EMITTER_ENDS } from './teardownListeners';

/**
 * A function that adds listeners and hands back the cleanup that takes them off, where the cleanup forgets one:
 * `uppy.on('file-added', onFileAdded); uppy.on('file-removed', onFileRemoved); … return { cleanup: () => {
 * uppy.off('file-added', onFileAdded); … } }` with no `off('file-removed', …)` (@uppy/components 0.1 left one
 * 'file-removed' listener per mounted component; 0.2 takes it off too). The same for an effect's returned cleanup
 * (`useEffect(() => { …; return () => { … } })`). The class form, a teardown method, is `teardownListeners.ts`.
 */
export interface ListenerMissedByCleanup {
  /** The add the cleanup does not undo. */
  readonly add: TSESTree.CallExpression;
  readonly emitter: string;
  readonly event: string;
  readonly handler: string;
  /** A removal of the cleanup, for the message. */
  readonly removal: TSESTree.CallExpression;
  /** How the cleanup is named (`cleanup`), or null for an unnamed returned function. */
  readonly cleanup: string | null;
}

/** The cheap test of a file's text: a function is returned and listeners are taken off. */
export function mayMissListenersInCleanup(text: string): boolean {
  return text.includes('return') && /\.(?:off|removeListener|removeEventListener)\(/.test(text);
}

interface ListenerCall {
  readonly call: TSESTree.CallExpression;
  readonly emitter: string;
  readonly event: string;
  readonly handler: string;
}

/** `emitter.verb('event', handler)` with a named handler (an identifier or `this.x`), when `verbs` has the verb. */
function listenerCall(sourceCode: SourceCode, node: TSESTree.Node, verbs: ReadonlySet<string>): ListenerCall | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length < 2) return null;
  const member = getCalleeMember(node);
  const verb = member ? getStaticPropertyName(member) : null;
  if (!member || verb === null || !verbs.has(verb)) return null;
  const emitter = receiverKey(sourceCode, member.object);
  const event = getStaticString(node.arguments[0] as TSESTree.Node);
  const handler = receiverKey(sourceCode, node.arguments[1] as TSESTree.Node);
  return emitter !== null && event !== null && handler !== null ? { call: node, emitter, event, handler } : null;
}

/** The name under which `fn` is handed back by `owner` (`return fn`, `return { cleanup: fn }`, `const cleanup = …; return cleanup`), or '' when returned unnamed; null when not handed back. */
export function handedBackAs(fn: FunctionNode, owner: FunctionNode): string | null {
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return getEnclosingFunction(parent) === owner ? '' : null;
  if (owner.type === AST_NODE_TYPES.ArrowFunctionExpression && owner.body === position) return '';
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === position && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const object = getOutermostWrapper(parent.parent);
    const returned = object.parent?.type === AST_NODE_TYPES.ReturnStatement || (owner.type === AST_NODE_TYPES.ArrowFunctionExpression && owner.body === object);
    return returned && getEnclosingFunction(object) === owner ? (getStaticPropertyName(parent) ?? '') : null;
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return null;
  const name = parent.id.name;
  let returned = false;
  walk(owner.body, (node) => {
    if (returned || (node !== owner.body && isFunctionNode(node))) return false;
    if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return true;
    const value = skipExpressionWrappers(node.argument);
    returned =
      (value.type === AST_NODE_TYPES.Identifier && value.name === name) ||
      (value.type === AST_NODE_TYPES.ObjectExpression && value.properties.some((p) => p.type === AST_NODE_TYPES.Property && skipExpressionWrappers(p.value as TSESTree.Node).type === AST_NODE_TYPES.Identifier && (skipExpressionWrappers(p.value as TSESTree.Node) as TSESTree.Identifier).name === name));
    return !returned;
  });
  return returned ? name : null;
}

/**
 * For a lasting add (`on`, `addListener`, `prependListener`, `addEventListener` without options) of a named handler for
 * a named event, in the body of a function that hands back a cleanup function: the miss when that cleanup takes two
 * listeners or more off the same emitter, but not this one (by event and handler), nor all of them, nor ends the
 * emitter, and nothing else in the file takes this handler off that emitter.
 */
export function findListenerMissedByCleanup(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerMissedByCleanup | null {
  const add = listenerCall(sourceCode, call, LISTENER_ADD_METHODS);
  const owner = getEnclosingFunction(call);
  if (!add || !owner || call.arguments.length > 2) return null;
  let found: ListenerMissedByCleanup | null = null;
  walk(owner.body, (node) => {
    if (found) return false;
    if (!isFunctionNode(node)) return true;
    const name = handedBackAs(node, owner);
    if (name !== null) found = missedBy(sourceCode, add, node, name);
    return false;
  });
  return found && !removedAnywhere(sourceCode, add) ? found : null;
}

function missedBy(sourceCode: SourceCode, add: ListenerCall, cleanup: FunctionNode, name: string): ListenerMissedByCleanup | null {
  const removals: ListenerCall[] = [];
  let endsAll = false;
  walk(cleanup.body, (node) => {
    const removal = listenerCall(sourceCode, node, LISTENER_REMOVE_METHODS);
    if (removal?.emitter === add.emitter) removals.push(removal);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const member = getCalleeMember(node);
      const verb = member ? getStaticPropertyName(member) : null;
      if (member && verb !== null && (verb === 'removeAllListeners' || EMITTER_ENDS.has(verb)) && receiverKey(sourceCode, member.object) === add.emitter) endsAll = true;
      // a removal through a helper or a loop over a list of pairs: what it takes off is not read here
      if (!member && node.arguments.some((argument) => receiverKey(sourceCode, argument) === add.emitter)) endsAll = true;
    }
    if (node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.ForInStatement) endsAll = true;
    return true;
  });
  if (endsAll || removals.length < 2 || removals.some((removal) => removal.event === add.event || removal.handler === add.handler)) return null;
  return { add: add.call, emitter: add.emitter, event: add.event, handler: add.handler, removal: removals[0]!.call, cleanup: name === '' ? null : name };
}

/** Whether any call of the file takes the handler off the emitter (in the handler itself, or another teardown). */
function removedAnywhere(sourceCode: SourceCode, add: ListenerCall): boolean {
  let removed = false;
  walk(sourceCode.ast, (node) => {
    if (removed) return false;
    const removal = listenerCall(sourceCode, node, LISTENER_REMOVE_METHODS);
    if (removal && removal.emitter === add.emitter && (removal.handler === add.handler || removal.event === add.event)) removed = true;
    return !removed;
  });
  return removed;
}
