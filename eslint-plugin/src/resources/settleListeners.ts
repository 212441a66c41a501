import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, isFunctionNode, isWithin, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getFunctionHolder } from '../core/scope';
import { getExecutorPromise } from '../promises/executors';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';
import { calledHelper, settleSites, settleVariables, settlingHelpers, someStatementAround } from './settleTimers';

type Variable = TSESLint.Scope.Variable;

/**
 * A listener a promise's executor adds for the answer it waits for, and takes off when the promise settles one way
 * and not another: `const handler = (event) => { …; resolve(event.data); window.removeEventListener('message',
 * handler); }; window.addEventListener('message', handler); setTimeout(() => reject(new TimeoutError()), ms);`. On
 * the timeout the listener stays on the target for good, holding what it closes over (an iframe, the promise's
 * callbacks) and running on every later event. The removal at one settle is the code's own word that the listener
 * must not outlive the promise (the timer analogue is settleTimers' {@link findTimerLeftArmed}).
 * @auth0/auth0-spa-js 1.13.0's `runIframe` left its `message` listener on `window` after every silent-authentication
 * timeout; 1.13.1 takes it off in the cleanup the timeout calls.
 *
 * Only for a listener held by a name (a local function, added with `addEventListener`, `on`, `addListener` or
 * `prependListener` on a target the executor did not create: a global, `this`, a parameter or a variable of an outer
 * function), taken off the same target with the same event and name only inside the executor. A settle counts as taking it off when a
 * removal (or a call of a function of the file that removes it) is in a statement around it, before or after, on the
 * way up to its function (`resolve(value); target.off('data', handler);` runs in the same turn); with `{ once: true }`
 * the listener's own settles take it off. Settles of the executor's body where it has not added the listener (before the add, or in the other branch of an `if`) are not counted.
 */
export interface ListenerLeftOnSettle {
  /** The call that adds the listener. */
  readonly add: TSESTree.CallExpression;
  readonly event: string;
  /** The target as written (`window`). */
  readonly target: string;
  /** A settle the code takes the listener off at: the evidence. */
  readonly removedAt: TSESTree.Node;
  /** The first settle that leaves it on. */
  readonly leftAt: TSESTree.Node;
}

/** The cheap test of a file's text. */
export function mayLeaveListenersOnSettle(text: string): boolean {
  return text.includes('Promise') && (text.includes('removeEventListener(') || text.includes('.off(') || text.includes('.removeListener('));
}

export function findListenerLeftOnSettle(sourceCode: SourceCode, add: TSESTree.CallExpression): ListenerLeftOnSettle | null {
  const member = getCalleeMember(add);
  const method = member ? getStaticPropertyName(member) : null;
  const [eventArgument, listenerArgument] = add.arguments;
  if (!member || method === null || !LISTENER_ADD_METHODS.has(method) || eventArgument?.type !== AST_NODE_TYPES.Literal || typeof eventArgument.value !== 'string') return null;
  const listener = listenerArgument ? skipExpressionWrappers(listenerArgument) : null;
  if (listener?.type !== AST_NODE_TYPES.Identifier) return null;
  const executor = getEnclosingFunction(add);
  if (!executor || !getExecutorPromise(sourceCode, executor) || isMadeIn(sourceCode, member.object, executor)) return null;
  const handlerVariable = findVariableOf(sourceCode, listener);
  const handler = handlerVariable ? heldFunction(handlerVariable) : null;
  if (!handlerVariable || !handler) return null;
  const event = eventArgument.value;
  const targetText = sourceCode.getText(member.object);
  const removals = handlerVariable.references.flatMap((reference) => {
    const removal = removalOf(sourceCode, reference.identifier, event, targetText);
    return removal ? [removal] : [];
  });
  // a removal in a `.finally(…)` callback covers every settle (`attempt().catch(reject).finally(() => target.off(…))`)
  if (removals.length === 0 || removals.some((removal) => !isWithin(removal, executor) || isInFinallyCallback(removal))) return null;
  // the listener taking itself off is not a cleanup of the file's
  const removers = removingFunctions(sourceCode, removals);
  removers.delete(handlerVariable);
  // a cleanup the caller is handed (`cancel = () => { target.off(…); … }` of the function around): its callers take it off
  if ([...removers].some((remover) => !isWithin(remover.defs[0]?.name ?? executor, executor) || remover.references.some((reference) => !reference.init && !isCalled(reference.identifier)))) return null;
  const removes = (node: TSESTree.Node): boolean =>
    removals.includes(node as TSESTree.CallExpression) || (node.type === AST_NODE_TYPES.CallExpression && isCallOfRemover(sourceCode, node, removers));
  const covered = (site: TSESTree.Node): boolean => (isOnce(add) && isWithin(site, handler)) || isRemovedAround(site, executor, removes);
  const settlers = settleVariables(sourceCode, executor);
  if (settlers.length === 0) return null;
  const helpers = settlingHelpers(sourceCode, executor, settlers, handler, covered);
  let removedAt: TSESTree.Node | null = null;
  let leftAt: TSESTree.Node | null = null;
  for (const site of settleSites(settlers, helpers)) {
    const fn = getEnclosingFunction(site);
    // settles inside a helper are judged at its calls; the executor's own where it has not added the listener (before it, or in the other branch of an `if`) leave none on
    if (!fn || helpers.has(fn) || (fn === executor && !someStatementAround(site, (statement) => isWithin(add, statement)))) continue;
    if (covered(site) || calledHelper(sourceCode, site, helpers)?.clearsItself) removedAt ??= site;
    // the listener's own settle means its event came; a hand-over (`.catch(reject)`) settles on a failure the code passes on
    // a settle in a listener of the same target comes from its own events (an `exit`, an `error`): it is done with
    else if (site.type === AST_NODE_TYPES.CallExpression && !isWithin(site, handler) && !isInListenerOf(sourceCode, site, targetText)) leftAt ??= site;
  }
  if (!removedAt || !leftAt) return null;
  return { add, event, target: targetText, removedAt, leftAt };
}

/** `target.removeEventListener(event, listener)` (or `off`/`removeListener`) on the same target, with `identifier` as the listener. */
function removalOf(sourceCode: SourceCode, identifier: TSESTree.Node, event: string, target: string): TSESTree.CallExpression | null {
  const call = identifier.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== identifier) return null;
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  const first = call.arguments[0];
  if (!member || method === null || !LISTENER_REMOVE_METHODS.has(method) || first?.type !== AST_NODE_TYPES.Literal) return null;
  return first.value === event && sourceCode.getText(member.object) === target ? call : null;
}

/** Functions of the file held by a name that remove the listener in their own statements (`const cleanup = () => { … }`). */
function removingFunctions(sourceCode: SourceCode, removals: readonly TSESTree.CallExpression[]): Set<Variable> {
  const found = new Set<Variable>();
  for (const removal of removals) {
    const fn = getEnclosingFunction(removal);
    const holder = fn ? getFunctionHolder(sourceCode, fn) : null;
    if (holder) found.add(holder);
  }
  return found;
}

function isCallOfRemover(sourceCode: SourceCode, call: TSESTree.CallExpression, removers: ReadonlySet<Variable>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const held = callee.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, callee) : null;
  return held !== null && removers.has(held);
}

/** The function a `const` or a function declaration holds. */
function heldFunction(variable: Variable): FunctionNode | null {
  const definition = variable.defs[0];
  if (variable.defs.length !== 1 || !definition) return null;
  if (definition.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
  const init = skipExpressionWrappers(definition.node.init);
  return isFunctionNode(init) ? init : null;
}

/** `{ once: true }` as the third argument. */
function isOnce(add: TSESTree.CallExpression): boolean {
  const options = add.arguments[2] ? skipExpressionWrappers(add.arguments[2]) : null;
  return options?.type === AST_NODE_TYPES.ObjectExpression && options.properties.some((property) =>
    property.type === AST_NODE_TYPES.Property && getStaticPropertyName(property) === 'once' && property.value.type === AST_NODE_TYPES.Literal && property.value.value === true);
}

/** The target is a value the executor made (`const socket = new WebSocket(url)` in it): it goes with the promise. */
function isMadeIn(sourceCode: SourceCode, target: TSESTree.Node, executor: FunctionNode): boolean {
  let root = skipExpressionWrappers(target);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return root.type !== AST_NODE_TYPES.ThisExpression;
  const definition = findVariableOf(sourceCode, root)?.defs[0];
  return definition !== undefined && definition.type !== 'Parameter' && isWithin(definition.name, executor);
}

/**
 * A removal in a statement around `site` (before or after it, in the same turn), on the way up to its function, and
 * on through the calls that function is an inline callback of (`target.off(…); send().then(() => resolve(value))`:
 * the listener is off before the callback runs), up to the executor.
 */
function isRemovedAround(site: TSESTree.Node, executor: FunctionNode, removes: (node: TSESTree.Node) => boolean): boolean {
  for (let current: TSESTree.Node | null = site; current; ) {
    if (someStatementAround(current, (statement) => someNodeWithin(statement, removes, (node) => !isFunctionNode(node)), true)) return true;
    const fn = getEnclosingFunction(current);
    const call = fn && fn !== executor ? fn.parent : null;
    current = call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument) ? call : null;
  }
  return false;
}

function isCalled(identifier: TSESTree.Node): boolean {
  return identifier.parent?.type === AST_NODE_TYPES.CallExpression && identifier.parent.callee === identifier;
}

/** Inside a callback given to `.finally(…)`. */
function isInFinallyCallback(node: TSESTree.Node): boolean {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    const call = fn.parent;
    const member = call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument) ? getCalleeMember(call) : null;
    if (member && getStaticPropertyName(member) === 'finally') return true;
  }
  return false;
}

/** Inside a function added as a listener of `target` (written inline, or by name: `subProcess.on('exit', onExit)`). */
function isInListenerOf(sourceCode: SourceCode, node: TSESTree.Node, target: string): boolean {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    const holder = getFunctionHolder(sourceCode, fn);
    const uses: TSESTree.Node[] = holder ? holder.references.map((reference) => reference.identifier) : [fn];
    if (uses.some((use) => {
      const call = use.parent;
      const member = call?.type === AST_NODE_TYPES.CallExpression && call.arguments[1] === use ? getCalleeMember(call) : null;
      const method = member ? getStaticPropertyName(member) : null;
      return member !== null && method !== null && (LISTENER_ADD_METHODS.has(method) || method === 'once') && sourceCode.getText(member.object) === target;
    })) return true;
  }
  return false;
}
