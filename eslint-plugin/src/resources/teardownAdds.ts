import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getFunctionName, getStaticPropertyName, getStaticString, isFunctionNode } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { someMethodCallWithin } from './keptListeners';
import { handedBackAs } from './cleanupListeners';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';

/**
 * A listener added again by the function that tears the listeners down: `destroy() { window.removeEventListener(
 * 'resize', onResize); document.addEventListener('visibilitychange', onVisibility); }`, where the same listener was
 * added when the instance was set up. An add where a remove was meant: the listener stays, and a second one joins
 * it (filepond 4.4.11's `destroy()`). The teardown may also be the cleanup a function hands back: `useEffect(() => {
 * view.addEventListener('message', onMessage); return () => { view.addEventListener('message', onMessage); }; })`
 * (@wordpress/components 25.6's sandbox).
 */
export interface ListenerAddedInTeardown {
  readonly call: TSESTree.CallExpression;
  /** What the listener is added to (`document`). */
  readonly target: TSESTree.Node;
  readonly event: string;
  /** The teardown function's name (`destroy`), or null for an unnamed cleanup a function hands back (`useEffect(() => { …; return () => { … }; })`). */
  readonly teardown: string | null;
  /** The add of the same listener outside the teardown: the setup it was meant to undo. */
  readonly setup: TSESTree.CallExpression;
  /** The method that takes listeners off in that teardown (`removeEventListener`), as the fix. */
  readonly remove: string;
}

/** Names of functions that end an instance's or a component's life. */
const TEARDOWN_NAMES: ReadonlySet<string> = new Set([
  'destroy', 'dispose', 'teardown', 'unmount', 'cleanup', 'detach', 'unbind', 'unlisten', 'unsubscribe', 'shutdown', 'stop', 'close',
  'componentWillUnmount', 'disconnectedCallback', 'ngOnDestroy', 'removeListeners', 'removeEventListeners', 'unbindEvents', 'destroyed', 'beforeDestroy', 'beforeUnmount', 'unmounted',
]);

/** The cheap test of a file's text: both an add and a remove of event-target listeners, or of emitter ones. */
export function mayAddInTeardown(text: string): boolean {
  return (text.includes('addEventListener(') && text.includes('removeEventListener(')) || (text.includes('.on(') && (text.includes('.off(') || text.includes('.removeListener(')));
}

/**
 * For `target.addEventListener(event, handler)` (or `.on`, `.addListener`) in a teardown function (named `destroy`,
 * `dispose`, `componentWillUnmount`, … as a method, a property or a function): the report, when that function also
 * takes listeners off (its code says it undoes the setup) and the same target, event and handler, written alike, are
 * added outside it. Null otherwise.
 */
export function findListenerAddedInTeardown(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerAddedInTeardown | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(call.arguments[0]);
  const handler = call.arguments[1];
  if (!member || method === null || !LISTENER_ADD_METHODS.has(method) || event === null || !handler || isFunctionNode(handler)) return null;
  const teardownFn = getEnclosingFunction(call);
  const name = teardownFn ? getFunctionName(teardownFn) : null;
  const owner = teardownFn ? getEnclosingFunction(teardownFn) : null;
  // a teardown by its name, or the cleanup a function hands back (an effect's returned function)
  const handedBack = teardownFn && owner && (name === null || !TEARDOWN_NAMES.has(name)) ? handedBackAs(teardownFn, owner) : null;
  if (!teardownFn || ((name === null || !TEARDOWN_NAMES.has(name)) && handedBack === null)) return null;
  const teardown = name !== null && TEARDOWN_NAMES.has(name) ? name : handedBack || null;
  let remove: string | null = null;
  someMethodCallWithin(teardownFn.body, (_call, name) => {
    if (LISTENER_REMOVE_METHODS.has(name)) remove = name;
    return remove !== null;
  });
  if (remove === null) return null;
  const target = sourceCode.getText(member.object);
  const handlerText = sourceCode.getText(handler);
  let setup: TSESTree.CallExpression | null = null;
  someMethodCallWithin(sourceCode.ast, (other, name, receiver) => {
    if (other === call || name !== method || getStaticString(other.arguments[0]) !== event || !other.arguments[1]) return false;
    if (other.range[0] >= teardownFn.range[0] && other.range[1] <= teardownFn.range[1]) return false;
    if (sourceCode.getText(receiver) !== target || sourceCode.getText(other.arguments[1]) !== handlerText) return false;
    setup = other;
    return true;
  });
  return setup ? { call, target: member.object, event, teardown, setup, remove } : null;
}
