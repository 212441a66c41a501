import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { someMethodCallWithin } from './keptListeners';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';
import { type InstanceCode, classInstance, enclosingMethod, findInstanceStopMethods, findTeardowns, methodName, methodsRunBy } from './teardownPaths';

/**
 * A method of the instance (`this.onReply`) added as a listener to an emitter the instance does not own, by a class
 * whose teardown takes its other listeners off but never this one: after `componentWillUnmount()` or `destroy()` the
 * emitter still calls the method and keeps the instance alive (matrix-react-sdk 3.72's `ThreadView` removed its
 * room's `ThreadEvent.New` listener on unmount, but not the `NewReply` and `LocalEchoUpdated` listeners it added to
 * the thread and the room; 3.73 removes them there too). Also a listener written inline on `window` or `document`,
 * which nothing can take off again (@knocklabs/client 0.10.4 kept its feed's 'visibilitychange' listener to remove
 * it in `teardown()`).
 */
export interface ListenerKeptPastTeardown {
  readonly call: TSESTree.CallExpression;
  /** `this.updateThreadRelation`, as written; null for a listener written inline. */
  readonly handler: string | null;
  /** The event, when the code names it with a string. */
  readonly event: string | null;
  readonly emitter: string;
  /** The teardown that should take it off (`componentWillUnmount`). */
  readonly teardown: string;
}

/** Calls that end an emitter's life, and with it its listeners. */
export const EMITTER_ENDS: ReadonlySet<string> = new Set(['stop', 'destroy', 'dispose', 'close', 'end', 'terminate', 'disconnect', 'abort', 'cancel', 'unsubscribe']);

/** The cheap test of a file's text: listeners added as methods of the instance, and some taken off. */
export function mayKeepListenersPastTeardown(text: string): boolean {
  return (
    (/\.(?:on|addListener|prependListener|addEventListener)\([^,()]+,\s*this\./.test(text) ||
      /\b(?:window|document|globalThis|self)\.addEventListener\(\s*[^,()]+,\s*(?:function\b|async\b|\(|[\w$]+\s*=>)/.test(text)) &&
    /\.(?:off|removeListener|removeEventListener|removeAllListeners)\(/.test(text)
  );
}

/**
 * `emitter.on(event, this.handler)` (also `addListener`, `prependListener`; `addEventListener` on `window` or
 * `document`) in a method of a class whose teardown takes at least one listener off, but neither `this.handler` nor all
 * of the emitter's listeners, nor stops the emitter itself (`emitter.stop()`, `.destroy()`, `.close()`…). The teardown
 * is the framework's hook where the class has one (`componentWillUnmount`, `ngOnDestroy`…), else its stop methods of
 * the strongest name (`destroy` over `close` over `stop`), with the methods and setters they run on `this`; not when
 * it hands over to `super` (the base class may take it off). Only for emitters the instance does not make: a
 * parameter, `this.props.x`, a global, a field the class only stores (`this.room = room`); not `this` itself, a field it
 * fills with `new …` or a call, or a local made so (the instance's own emitter goes with it), not an element (possibly
 * the component's own), and not `process` (its own shape).
 */
export function findListenerKeptPastTeardown(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerKeptPastTeardown | null {
  const member = getCalleeMember(call);
  const verb = member ? getStaticPropertyName(member) : null;
  if (!member || verb === null || !LISTENER_ADD_METHODS.has(verb) || call.arguments.length < 2) return null;
  const handler = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  const emitter = skipExpressionWrappers(member.object);
  // an inline listener only on a global target, and with nothing after it that may take it off (`{ signal }`, `{ once: true }`)
  const inline = isFunctionNode(handler) && isGlobalTarget(sourceCode, emitter) && call.arguments.length === 2 && getOutermostWrapper(call).parent?.type === AST_NODE_TYPES.ExpressionStatement;
  if (!inline && (handler.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(handler.object).type !== AST_NODE_TYPES.ThisExpression || getStaticPropertyName(handler) === null)) return null;
  const method = enclosingMethod(call);
  if (!method) return null;
  const classBody = method.parent;
  if (!isOutsideEmitter(sourceCode, emitter, classBody)) return null;
  if (verb === 'addEventListener' && !isGlobalTarget(sourceCode, emitter)) return null;
  const instance = classInstance(classBody);
  const teardowns = findFinalTeardowns(instance);
  if (teardowns.length === 0) return null;
  const path = methodsRunBy(sourceCode, teardowns, instance);
  if (path.has(method.value as TSESTree.FunctionExpression) || [...path].some(callsSuper)) return null;
  const handlerText = sourceCode.getText(handler);
  const emitterText = sourceCode.getText(emitter);
  let removesSome = false;
  for (const run of path) {
    const removesThis = someMethodCallWithin(run, (removal, name, receiver) => {
      // the teardown stops the emitter itself (`this.state.messaging.stop()`): its listeners go with it
      if (EMITTER_ENDS.has(name) && sourceCode.getText(skipExpressionWrappers(receiver)) === emitterText) return true;
      if (!LISTENER_REMOVE_METHODS.has(name)) return false;
      removesSome = true;
      const removed = removal.arguments[1];
      if (removed && sourceCode.getText(skipExpressionWrappers(removed)) === handlerText) return true;
      return name === 'removeAllListeners' && sourceCode.getText(skipExpressionWrappers(receiver)) === emitterText;
    });
    if (removesThis) return null;
  }
  if (!removesSome) return null;
  // an inline listener on an emitter the file takes other listeners off by name is the unremovable-listener shape's
  if (inline && someMethodCallWithin(sourceCode.ast, (_removal, name, receiver) => LISTENER_REMOVE_METHODS.has(name) && sourceCode.getText(skipExpressionWrappers(receiver)) === emitterText)) return null;
  const teardown = methodName(instance, teardowns[0]!) ?? 'destroy';
  return { call, handler: inline ? null : handlerText, event: getStaticString(call.arguments[0]), emitter: emitterText, teardown };
}

/** From the strongest teardown names to the weakest: a player's `stop()` or a menu's `close()` may not end the instance. */
const FINAL_STOP_NAMES: readonly ReadonlySet<string>[] = [new Set(['destroy', 'dispose', 'teardown']), new Set(['close', 'shutdown']), new Set(['stop'])];

/**
 * The methods that end the instance's life: the framework's hook where the class has one (a component's
 * `componentWillUnmount`, not its `close()`), else its stop methods of the strongest name it has.
 */
function findFinalTeardowns(instance: InstanceCode): FunctionNode[] {
  const hooks = findTeardowns([], instance);
  if (hooks.length > 0) return hooks;
  const stops = findInstanceStopMethods(instance);
  for (const names of FINAL_STOP_NAMES) {
    const strongest = stops.filter((stop) => names.has(methodName(instance, stop) ?? ''));
    if (strongest.length > 0) return strongest;
  }
  return [];
}

/** `window`, `document`, `globalThis`, `self`: event targets that outlive any component (an element may be the component's own). */
export function isGlobalTarget(sourceCode: SourceCode, target: TSESTree.Node): boolean {
  return ['window', 'document', 'globalThis', 'self'].some((name) => isGlobalName(sourceCode, target, name));
}

/** `super.destroy()`: the base class's teardown, which this file may not show, may take the listener off. */
function callsSuper(method: FunctionNode): boolean {
  let found = false;
  walk(method, (node) => {
    if (found || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Super) found = true;
    return !found;
  });
  return found;
}

/**
 * An emitter that outlives the instance: not `this`, not `process` (kept-process-listener shape), and not a field of
 * `this` (other than React's `props`) that the class fills with a new value (`new …`, a call).
 */
function isOutsideEmitter(sourceCode: SourceCode, emitter: TSESTree.Node, classBody: TSESTree.ClassBody): boolean {
  if (emitter.type === AST_NODE_TYPES.ThisExpression || isGlobalName(sourceCode, emitter, 'process')) return false;
  let root: TSESTree.Node = emitter;
  let field: string | null = null;
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.ChainExpression || root.type === AST_NODE_TYPES.TSNonNullExpression) {
    if (root.type === AST_NODE_TYPES.MemberExpression) {
      if (skipExpressionWrappers(root.object).type === AST_NODE_TYPES.ThisExpression) field = getStaticPropertyName(root);
      root = skipExpressionWrappers(root.object);
    } else {
      root = root.expression;
    }
  }
  if (root.type === AST_NODE_TYPES.Identifier) return !isMadeLocal(sourceCode, root);
  if (root.type !== AST_NODE_TYPES.ThisExpression) return true;
  return field !== null && (field === 'props' || !makesField(classBody, field));
}

/** A variable the function makes or looks up itself (`const helper = new RelationsHelper(…)`, `const playback = this.playbacks.get(id)`): the instance's own. */
function isMadeLocal(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  const definition = findVariableOf(sourceCode, name)?.defs[0];
  return definition?.type === 'Variable' && definition.node.init !== null && isMadeValue(definition.node.init);
}

/** `this.field = new …` or `this.field = make(…)` somewhere in the class, or a field declared with such a value. */
function makesField(classBody: TSESTree.ClassBody, field: string): boolean {
  let made = false;
  walk(classBody, (node) => {
    if (made) return false;
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && node.value && getStaticPropertyName(node) === field) {
      made = isMadeValue(node.value);
      return true;
    }
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return true;
    if (skipExpressionWrappers(node.left.object).type !== AST_NODE_TYPES.ThisExpression || getStaticPropertyName(node.left) !== field) return true;
    if (isMadeValue(node.right)) made = true;
    return true;
  });
  return made;
}

/** A value made where it is written: `new …`, a call, or an awaited call (also compiled: `yield call()`). */
export function isMadeValue(raw: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(raw);
  // `await make()`, and its compiled form `yield make()`
  if (value.type === AST_NODE_TYPES.AwaitExpression || value.type === AST_NODE_TYPES.YieldExpression) return value.argument !== null && skipExpressionWrappers(value.argument).type === AST_NODE_TYPES.CallExpression;
  return value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression;
}
