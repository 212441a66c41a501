import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { receiverKey } from '../core/thisBinding';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { LISTENER_ADD_METHODS } from './listenerMethods';
import { isGlobalCall, isTimerClear } from './timerCalls';

/**
 * A timer kept in a field (`node.tout = setTimeout(reconnect, 3000)`) armed by two listeners of the same emitter for
 * different events ('close' and 'error'), neither of which clears or checks the timer the field holds first, in a file
 * that clears that field elsewhere (the code means to cancel it). When both events come, as they do for a socket that
 * fails, the second timer takes the field: the first can no longer be cleared, and both run. node-red 0.16 cleared the
 * websocket client's reconnect timer before arming a new one in either listener.
 */
export interface OverwrittenTimer {
  /** The `setTimeout`/`setInterval` call. */
  readonly call: TSESTree.CallExpression;
  /** The field, as written (`node.tout`). */
  readonly holder: string;
  readonly event: string;
  /** The other listener's event and its arming. */
  readonly otherEvent: string;
  readonly other: TSESTree.CallExpression;
}

/** The cheap test of a file's text: a timer put in a field, and some timer cleared. */
export function mayOverwriteTimers(text: string): boolean {
  return /\.\s*[\w$]+\s*=\s*(?:setTimeout|setInterval)\(/.test(text) && /clear(?:Timeout|Interval)\(/.test(text);
}

interface Arming {
  readonly call: TSESTree.CallExpression;
  readonly holder: string;
  readonly emitter: string;
  readonly event: string;
  /** The listener clears or reads the field besides arming it. */
  readonly guarded: boolean;
}

const armingsCache = createFileCache<'armings', { readonly armings: readonly Arming[]; readonly cleared: ReadonlySet<string> }>();

export function findOverwrittenTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): OverwrittenTimer | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout') && !isGlobalCall(sourceCode, call, 'setInterval')) return null;
  const { armings, cleared } = fileArmings(sourceCode);
  const arming = armings.find((candidate) => candidate.call === call);
  if (!arming || arming.guarded || !cleared.has(arming.holder)) return null;
  const other = armings.find((candidate) => candidate !== arming && !candidate.guarded && candidate.holder === arming.holder && candidate.emitter === arming.emitter && candidate.event !== arming.event);
  return other ? { call, holder: arming.holder, event: arming.event, otherEvent: other.event, other: other.call } : null;
}

/** Every timer put in a field by an inline listener, and the fields the file clears (`clearTimeout(node.tout)`). */
function fileArmings(sourceCode: SourceCode): { readonly armings: readonly Arming[]; readonly cleared: ReadonlySet<string> } {
  const cache = armingsCache(sourceCode);
  const cached = cache.get('armings');
  if (cached) return cached;
  const armings: Arming[] = [];
  const cleared = new Set<string>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    if (isTimerClear(sourceCode, node)) {
      const key = node.arguments[0] ? receiverKey(sourceCode, node.arguments[0]) : null;
      if (key !== null) cleared.add(key);
      return true;
    }
    const arming = readArming(sourceCode, node);
    if (arming) armings.push(arming);
    return true;
  });
  const found = { armings, cleared };
  cache.set('armings', found);
  return found;
}

/** `holder = setTimeout(…)` as a statement directly in the body of a listener `emitter.on('event', function () { … })`. */
function readArming(sourceCode: SourceCode, call: TSESTree.CallExpression): Arming | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout') && !isGlobalCall(sourceCode, call, 'setInterval')) return null;
  const assignment = getOutermostWrapper(call).parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const holder = receiverKey(sourceCode, assignment.left);
  const listener = getEnclosingFunction(call);
  const registration = listener ? getOutermostWrapper(listener).parent : null;
  if (holder === null || !listener || registration?.type !== AST_NODE_TYPES.CallExpression || registration.arguments[1] !== getOutermostWrapper(listener)) return null;
  const member = getCalleeMember(registration);
  const method = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(registration.arguments[0]);
  const emitter = member ? receiverKey(sourceCode, member.object) : null;
  if (method === null || !LISTENER_ADD_METHODS.has(method) || event === null || emitter === null) return null;
  return { call, holder, emitter, event, guarded: readsHolder(sourceCode, listener, holder, assignment.left) };
}

/** The listener reads the field anywhere but in the arming's own left side (`clearTimeout(node.tout)`, `if (node.tout)`). */
function readsHolder(sourceCode: SourceCode, listener: TSESTree.Node, holder: string, armed: TSESTree.Node): boolean {
  let reads = false;
  walk(isFunctionNode(listener) ? listener.body : listener, (node) => {
    if (reads || node === armed) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && receiverKey(sourceCode, node) === holder) {
      reads = true;
      return false;
    }
    return true;
  });
  return reads;
}
