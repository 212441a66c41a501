import type { TSESTree } from '@typescript-eslint/utils';

import { contains, everyOwnReturnIs, getCalleeMember, getEnclosingFunction, getFunctionName, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipBind, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { receiverKey } from '../core/thisBinding';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { resolveLocalCallables } from '../modules/localFunctions';
import { someMethodCallWithin } from './keptListeners';
import { EMITTER_ADD_METHODS, EVENT_REMOVE_METHODS } from './listenerMethods';

/**
 * A call meant to take a listener off that matches no listener, so the listener stays:
 * - `capture`: `removeEventListener(type, listener)` without the capture flag the listener was added with
 *   (`addEventListener('focus', this.onFocus, true)`): the DOM matches a listener by type, function and capture, so
 *   the call removes nothing (@uppy/dashboard 5.1.1 passed `true` to its removals too);
 * - `noEvent`: `emitter.off(listener)`, the event left out, where the file adds that listener with
 *   `emitter.on(event, listener)`: an emitter takes the function for the event's name and removes nothing
 *   (@uppy/transloadit 3.1.5 named `'file-removed'` in its `off` calls).
 * Only a listener the file adds to the same receiver, as written (`this` and its aliases read as `this`), and for
 * a plain name the same variable: an add elsewhere says what the removal is meant for.
 */
export interface MismatchedRemoval {
  readonly call: TSESTree.CallExpression;
  readonly kind: 'capture' | 'noEvent';
  /** The receiver and the listener, as written in the removal. */
  readonly target: string;
  readonly listener: string;
  /** The event of the add the removal is meant for: a static string, or null when written otherwise. */
  readonly event: string | null;
  /** For `capture`: the flag the listener was added with. */
  readonly addedWithCapture: boolean;
  /** The add the removal is meant for. */
  readonly add: TSESTree.CallExpression;
}

/**
 * A listener added to an emitter by name for one event (`process.once('SIGINT', onInterrupt)`) that the file takes
 * off only an event it was never added for (`process.removeListener('SIGTERM', onInterrupt)`, beside the removals of
 * the other listeners): that call removes nothing, and the listener stays, collecting one more on every run
 * (npm-lifecycle 3.1.0 added the missing `removeListener('SIGINT', procInterupt)`). The mistaken removal is the
 * code's own word that the listener must go. Not when the file takes it off its own event anywhere, or takes every
 * listener of that event off the emitter.
 */
export interface ListenerRemovedFromOtherEvent {
  /** The add, the one that stays. */
  readonly add: TSESTree.CallExpression;
  readonly event: string;
  /** The removal that names another event. */
  readonly removal: TSESTree.CallExpression;
  readonly removedEvent: string;
}

export function findListenerRemovedFromOtherEvent(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerRemovedFromOtherEvent | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || !EMITTER_ADD_METHODS.has(method) || call.arguments.length !== 2) return null;
  const event = getStaticString(call.arguments[0]);
  const listener = call.arguments[1] as TSESTree.Node;
  if (event === null || !isListenerReference(listener)) return null;
  const target = receiverKey(sourceCode, member.object);
  const listenerKey = receiverKey(sourceCode, listener);
  if (target === null || listenerKey === null) return null;
  const ofListener = (change: { readonly target: string; readonly listener: TSESTree.Node }): boolean =>
    change.target === target && sameListener(sourceCode, change.listener, listener, listenerKey);
  const addedEvents = new Set(changesOf(sourceCode).emitter.filter(ofListener).map((add) => add.event));
  if (addedEvents.has(null)) return null;
  let removal: { readonly call: TSESTree.CallExpression; readonly event: string } | null = null;
  for (const change of changesOf(sourceCode).removals) {
    if (change.target !== target) continue;
    // `removeAllListeners()`, `removeAllListeners(event)`: every listener of the event goes
    if (change.listener === null) {
      if (change.event === null || change.event === event) return null;
      continue;
    }
    if (!ofListener({ target: change.target, listener: change.listener })) continue;
    if (change.event === null || change.event === event) return null;
    if (!addedEvents.has(change.event)) removal ??= { call: change.call, event: change.event };
  }
  if (!removal) return null;
  return { add: call, event, removal: removal.call, removedEvent: removal.event };
}

/**
 * A removal that names the function that builds a listener instead of the listener it built: the file adds
 * `target.addEventListener('message', buildHandler({ … }))` and takes off `buildHandler` itself
 * (`target.removeEventListener('message', buildHandler)`), a function never added, so the call removes nothing and
 * the built listener stays, one more on every run (@onflow/fcl 1.0.3 keeps the built handler and removes that). Only
 * for a function of this file every `return` of which hands back a new function, added to the same receiver (as
 * written) for the same event.
 */
export interface ListenerFactoryRemoved {
  readonly removal: TSESTree.CallExpression;
  /** The factory's name, as written in the removal. */
  readonly factory: string;
  readonly event: string;
  /** The add of the built listener. */
  readonly add: TSESTree.CallExpression;
}

export function findListenerFactoryRemoved(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerFactoryRemoved | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || (method !== 'removeEventListener' && (method === null || !EMITTER_REMOVE_METHODS.has(method))) || call.arguments.length < 2) return null;
  const event = getStaticString(call.arguments[0]);
  const listener = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  const target = receiverKey(sourceCode, member.object);
  if (event === null || target === null || listener.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, listener);
  const callables = resolveLocalCallables(sourceCode, listener);
  const factory = callables.length === 1 && isFunctionNode(callables[0]) ? callables[0] : null;
  if (!variable || !factory || !returnsNewFunctions(factory)) return null;
  const adding = method === 'removeEventListener' ? ADD_EVENT_LISTENER : EMITTER_ADD_METHODS;
  let found: TSESTree.CallExpression | null = null;
  for (const reference of variable.references) {
    const built = getOutermostWrapper(reference.identifier).parent;
    if (built?.type !== AST_NODE_TYPES.CallExpression || skipExpressionWrappers(built.callee) !== reference.identifier) continue;
    const add = getOutermostWrapper(built).parent;
    if (add?.type !== AST_NODE_TYPES.CallExpression || add.arguments[1] !== getOutermostWrapper(built)) continue;
    const addMember = getCalleeMember(add);
    const addMethod = addMember ? getStaticPropertyName(addMember) : null;
    if (!addMember || addMethod === null || !adding.has(addMethod) || getStaticString(add.arguments[0]) !== event) continue;
    if (receiverKey(sourceCode, addMember.object) !== target) continue;
    // the add of the function the removal is written in, when several functions add one built by the same factory
    const adder = getEnclosingFunction(add);
    if (!found || (adder && contains(adder, call))) found = add;
  }
  return found ? { removal: call, factory: listener.name, event, add: found } : null;
}

/**
 * A listener added as a function bound there (`wallet.connector.on('accountChange', this.handleAccountsChange.bind(this))`)
 * that the file "takes off" by binding it again (`wallet.connector.off('accountChange',
 * this.handleAccountsChange.bind(this))`): `bind` makes a new function each time, one never added, so the removal
 * removes nothing and the listener stays, one more for every add, each running on every later event and holding its
 * instance (@dynamic-labs/wagmi-connector 4.79 kept the bound listeners in a field to take those off). Read at the add:
 * the same receiver (as written), the same event, the same function bound; the removal may be anywhere in the file.
 */
export interface BoundListenerRemovedAsNew {
  readonly add: TSESTree.CallExpression;
  readonly removal: TSESTree.CallExpression;
  /** The function bound, as written (`this.handleAccountsChange`). */
  readonly bound: string;
  readonly event: string;
}

/** The cheap test of a file's text: a removal given a function bound at the call. */
export function mayRemoveNewBoundListeners(text: string): boolean {
  return /\.(?:off|removeListener|removeEventListener)\([^;]*\.bind\(/.test(text);
}

export function findBoundListenerRemovedAsNew(sourceCode: SourceCode, call: TSESTree.CallExpression): BoundListenerRemovedAsNew | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || (method !== 'addEventListener' && !EMITTER_ADD_METHODS.has(method)) || call.arguments.length < 2) return null;
  const event = getStaticString(call.arguments[0]);
  const bound = boundFunction(call.arguments[1] as TSESTree.Node);
  const target = receiverKey(sourceCode, member.object);
  if (event === null || !bound || target === null) return null;
  const boundText = sourceCode.getText(bound);
  const changes = changesOf(sourceCode);
  const removal = (method === 'addEventListener' ? changes.eventTargetRemovals : changes.removals).find((candidate) => {
    if (candidate.target !== target || candidate.event !== event || candidate.listener === null) return false;
    const removed = boundFunction(candidate.listener);
    return removed !== null && sourceCode.getText(removed) === boundText;
  });
  return removal ? { add: call, removal: removal.call, bound: boundText, event } : null;
}

/** `f.bind(…)` written at the call: the function bound (`f`), or null. */
function boundFunction(raw: TSESTree.Node): TSESTree.Node | null {
  const value = skipExpressionWrappers(raw);
  const bound = skipBind(value);
  return bound !== value && (bound.type === AST_NODE_TYPES.MemberExpression || bound.type === AST_NODE_TYPES.Identifier) ? bound : null;
}

/**
 * A listener of one emitter that takes a sibling's listeners off another emitter: `res.on('error', (e) => {
 * client.removeAllListeners('end'); … })` beside `res.on('end', …)`, where the file adds no 'end' listener to
 * `client`. The call removes nothing the code added (or worse, someone else's), and the sibling stays on `res`
 * (ldapjs 0.6.3 took the listeners off `res`, the search response, instead of the pooled `client`). Read only when
 * the listener and its sibling are added to the same emitter in the same function, and the file adds no listener
 * for that event to the emitter the call names.
 */
export interface RemovalFromOtherEmitter {
  readonly call: TSESTree.CallExpression;
  readonly event: string;
  /** The emitter the call names, and the one the sibling is on (`res`), as written. */
  readonly named: string;
  readonly meant: TSESTree.Node;
  /** The sibling's add (`res.on('end', …)`). */
  readonly sibling: TSESTree.CallExpression;
}

/** The cheap test of a file's text: an event's listeners taken off. */
export function mayRemoveFromOtherEmitters(text: string): boolean {
  return /\.(?:removeAllListeners|removeListener|off)\(\s*['"`]/.test(text);
}

export function findRemovalFromOtherEmitter(sourceCode: SourceCode, call: TSESTree.CallExpression): RemovalFromOtherEmitter | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(call.arguments[0]);
  if (!member || method === null || !EVENT_REMOVE_METHODS.has(method) || event === null) return null;
  const named = receiverKey(sourceCode, member.object);
  const handler = getEnclosingFunction(call);
  if (named === null || !handler) return null;
  const registration = getOutermostWrapper(handler).parent;
  if (registration?.type !== AST_NODE_TYPES.CallExpression || !registration.arguments.includes(getOutermostWrapper(handler) as TSESTree.CallExpressionArgument)) return null;
  const registered = getCalleeMember(registration);
  const addMethod = registered ? getStaticPropertyName(registered) : null;
  if (!registered || addMethod === null || !EMITTER_ADD_METHODS.has(addMethod)) return null;
  const meant = receiverKey(sourceCode, registered.object);
  if (meant === null || meant === named) return null;
  const addsFor = (emitter: string, root: TSESTree.Node): TSESTree.CallExpression | null => {
    const adds: TSESTree.CallExpression[] = [];
    someMethodCallWithin(root, (candidate, name, receiver) => {
      if (candidate === registration || !EMITTER_ADD_METHODS.has(name) || getStaticString(candidate.arguments[0]) !== event || receiverKey(sourceCode, receiver) !== emitter) return false;
      adds.push(candidate);
      return true;
    });
    return adds[0] ?? null;
  };
  const sibling = addsFor(meant, getEnclosingFunction(registration) ?? sourceCode.ast);
  if (!sibling || addsFor(named, sourceCode.ast)) return null;
  return { call, event, named: sourceCode.getText(member.object), meant: registered.object, sibling };
}

/**
 * A one-shot listener that, when it fires, takes itself off instead of its sibling: `emitter.once(event, onEvent);
 * emitter.once('error', onError);` with `onError` calling `emitter.removeListener(event, onError)`. `once` has already
 * taken `onError` off (and never added it for `event`), so the call removes nothing, and `onEvent`, which the pair
 * means to take off, stays on the emitter: one more for every call that fails, each able to settle what has already
 * settled (bpmn-engine 13.0.0's `waitFor` named `onError` where it meant `onEvent`; 13.0.2 fixed the name). Only
 * for two listeners added with `once` to the same emitter (as written) in one function, the removal inside one of
 * them naming that function itself under another event than its own, the listener used nowhere else (a timer that
 * runs it too leaves its `once` listener on, and then taking itself off is right: webtorrent's `destroyCleanup`), and no
 * call in it that takes the sibling off.
 */
export interface SelfRemovalInsteadOfSibling {
  readonly removal: TSESTree.CallExpression;
  /** The listener that takes itself off, and the sibling it leaves. */
  readonly listener: string;
  readonly sibling: TSESTree.CallExpression;
  readonly siblingName: string;
}

/** The cheap test of a file's text: one-shot listeners and a removal. */
export function mayRemoveSelfInsteadOfSibling(text: string): boolean {
  return text.includes('.once(') && /\.(?:removeListener|off)\(/.test(text);
}

export function findSelfRemovalInsteadOfSibling(sourceCode: SourceCode, removal: TSESTree.CallExpression): SelfRemovalInsteadOfSibling | null {
  const member = getCalleeMember(removal);
  const method = member ? getStaticPropertyName(member) : null;
  const named = removal.arguments[1];
  if (!member || (method !== 'removeListener' && method !== 'off') || named?.type !== AST_NODE_TYPES.Identifier) return null;
  const listener = getEnclosingFunction(removal);
  if (!listener || getFunctionName(listener) !== named.name || resolveLocalCallables(sourceCode, named)[0] !== listener) return null;
  const target = receiverKey(sourceCode, member.object);
  const scope = getEnclosingFunction(listener);
  if (target === null || !scope) return null;
  // the `once` adds of the scope, on the same emitter, by name
  const adds = new Map<string, TSESTree.CallExpression>();
  someMethodCallWithin(scope, (call, name, receiver) => {
    const added = call.arguments[1];
    if (name === 'once' && added?.type === AST_NODE_TYPES.Identifier && receiverKey(sourceCode, receiver) === target) adds.set(added.name, call);
    return false;
  });
  if (!adds.has(named.name) || adds.size !== 2) return null;
  // taken off the event it was added for, or run by something else too (a timer): taking itself off is needed
  const ownAdd = adds.get(named.name)!;
  if (sourceCode.getText(ownAdd.arguments[0] as TSESTree.Node) === sourceCode.getText(removal.arguments[0] as TSESTree.Node)) return null;
  if (!runsOnlyAsListener(sourceCode, named)) return null;
  const [siblingName, sibling] = [...adds].find(([name]) => name !== named.name) ?? [];
  if (!siblingName || !sibling) return null;
  const removesSibling = someMethodCallWithin(listener, (call, name) => EVENT_REMOVE_METHODS.has(name) && call.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === siblingName));
  return removesSibling ? null : { removal, listener: named.name, sibling, siblingName };
}

/** Every use of the listener's name is an add or a removal of it (its second argument): nothing else calls it. */
function runsOnlyAsListener(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, name);
  if (!variable) return false;
  return variable.references.every((reference) => {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[1] !== reference.identifier) return false;
    const member = getCalleeMember(parent);
    const method = member ? getStaticPropertyName(member) : null;
    return method !== null && (method === 'once' || EVENT_REMOVE_METHODS.has(method));
  });
}

/**
 * `source.unpipe(destination)` where the file pipes `source` only into other destinations: `unpipe` detaches the
 * one destination it is given, by identity, so it detaches nothing, and the pipe into the real destination stays,
 * writing into it (pg-copy-streams 2.2.2 unpiped `this.connection.stream`, what `handleCopyInResponse` had piped
 * into, instead of `this.connection`). Only when the source's pipes are in the file, none into a destination of the
 * same name (`this.dest` and a `dest` parameter are taken for the same), and one of them into a destination the file
 * never unpipes the source from (a stale `unpipe` beside the right one detaches nothing, but leaves nothing piped).
 */
export interface UnpipeOfOtherDestination {
  readonly call: TSESTree.CallExpression;
  /** The destination named, and the pipe it was meant for. */
  readonly named: string;
  readonly pipe: TSESTree.CallExpression;
}

/** The cheap test of a file's text. */
export function mayUnpipeOtherDestinations(text: string): boolean {
  return text.includes('.unpipe(') && text.includes('.pipe(');
}

export function findUnpipeOfOtherDestination(sourceCode: SourceCode, call: TSESTree.CallExpression): UnpipeOfOtherDestination | null {
  const member = getCalleeMember(call);
  const argument = call.arguments[0];
  if (!member || getStaticPropertyName(member) !== 'unpipe' || !argument || call.arguments.length !== 1) return null;
  const source = receiverKey(sourceCode, member.object);
  const named = receiverKey(sourceCode, argument);
  if (source === null || named === null) return null;
  const pipes: TSESTree.CallExpression[] = [];
  let unreadable = false;
  someMethodCallWithin(sourceCode.ast, (candidate, name, receiver) => {
    if (name !== 'pipe' || receiverKey(sourceCode, receiver) !== source) return false;
    const destination = candidate.arguments[0];
    const key = destination ? receiverKey(sourceCode, destination) : null;
    if (key === null || lastName(key) === lastName(named)) unreadable = true;
    else pipes.push(candidate);
    return unreadable;
  });
  if (unreadable) return null;
  // a destination the file also unpipes the source from is detached: the one left piped is what the call was meant for
  const unpiped = new Set<string>();
  someMethodCallWithin(sourceCode.ast, (candidate, name, receiver) => {
    const destination = candidate.arguments[0];
    const key = name === 'unpipe' && destination && receiverKey(sourceCode, receiver) === source ? receiverKey(sourceCode, destination) : null;
    if (key !== null) unpiped.add(key);
    return false;
  });
  const pipe = pipes.find((candidate) => !unpiped.has(receiverKey(sourceCode, candidate.arguments[0] as TSESTree.Node) ?? ''));
  return pipe ? { call, named: sourceCode.getText(argument), pipe } : null;
}

/** `connection` of `this.connection`. */
function lastName(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

const ADD_EVENT_LISTENER: ReadonlySet<string> = new Set(['addEventListener']);

/** A function each of whose `return`s hands back a function written there (`return function (e) { … }`, `(o) => (e) => …`). */
function returnsNewFunctions(fn: TSESTree.FunctionLike): boolean {
  const body = fn.body;
  if (!body) return false;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isFunctionNode(skipExpressionWrappers(body));
  return everyOwnReturnIs(body, (value) => isFunctionNode(skipExpressionWrappers(value)));
}

const EMITTER_REMOVE_METHODS: ReadonlySet<string> = new Set(['off', 'removeListener']);

/** The cheap test of a file's text: some listener taken off. */
export function mayMismatchRemovals(text: string): boolean {
  return /\.(?:removeEventListener|off|removeListener)\(/.test(text);
}

export function findMismatchedRemoval(sourceCode: SourceCode, call: TSESTree.CallExpression): MismatchedRemoval | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null) return null;
  if (method === 'removeEventListener') return findCaptureMismatch(sourceCode, call, member);
  if (!EMITTER_REMOVE_METHODS.has(method) || call.arguments.length !== 1) return null;
  const listener = call.arguments[0] as TSESTree.Node;
  if (!isListenerReference(listener)) return null;
  const target = receiverKey(sourceCode, member.object);
  const listenerKey = receiverKey(sourceCode, listener);
  if (target === null || listenerKey === null) return null;
  const add = changesOf(sourceCode).emitter.find((candidate) => candidate.target === target && sameListener(sourceCode, candidate.listener, listener, listenerKey));
  if (!add) return null;
  return { call, kind: 'noEvent', target: sourceCode.getText(member.object), listener: sourceCode.getText(listener), event: add.event, addedWithCapture: false, add: add.call };
}

function findCaptureMismatch(sourceCode: SourceCode, call: TSESTree.CallExpression, member: TSESTree.MemberExpression): MismatchedRemoval | null {
  const [type, listener, options] = call.arguments;
  const event = getStaticString(type);
  if (event === null || !listener || !isListenerReference(listener) || call.arguments.length > 3) return null;
  const capture = captureFlag(options);
  const target = receiverKey(sourceCode, member.object);
  const listenerKey = receiverKey(sourceCode, listener);
  if (capture === null || target === null || listenerKey === null) return null;
  const adds = changesOf(sourceCode).eventTarget.filter(
    (candidate) => candidate.target === target && candidate.event === event && sameListener(sourceCode, candidate.listener, listener, listenerKey),
  );
  // every add of this listener says the other flag: none of them is the one this call takes off
  const [first] = adds;
  if (!first || adds.some((add) => add.capture === null || add.capture === capture)) return null;
  return { call, kind: 'capture', target: sourceCode.getText(member.object), listener: sourceCode.getText(listener), event, addedWithCapture: !capture, add: first.call };
}

/** A listener passed by name: `handler`, `this.onFocus`, `self.handlers.close` (not a call, a string, an inline function). */
function isListenerReference(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.Identifier || (node.type === AST_NODE_TYPES.MemberExpression && !node.computed);
}

/** The same listener: the same text, and for a plain name the same variable (two functions' own `handler` are two). */
function sameListener(sourceCode: SourceCode, added: TSESTree.Node, removed: TSESTree.Node, removedKey: string): boolean {
  if (receiverKey(sourceCode, added) !== removedKey) return false;
  const a = skipExpressionWrappers(added);
  const b = skipExpressionWrappers(removed);
  if (a.type !== AST_NODE_TYPES.Identifier || b.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = findVariableOf(sourceCode, a);
  return variable !== null && variable === findVariableOf(sourceCode, b);
}

/**
 * The capture flag of `addEventListener`/`removeEventListener`'s third argument: `true`/`false`, `{ capture: true }`;
 * absent, or options without `capture`, is `false`. Null when the code computes it.
 */
function captureFlag(raw: TSESTree.Node | undefined): boolean | null {
  if (!raw) return false;
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean') return node.value;
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  let capture = false;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return null;
    if (getStaticPropertyName(property) !== 'capture') continue;
    const value = skipExpressionWrappers(property.value);
    if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'boolean') return null;
    capture = value.value;
  }
  return capture;
}

interface ListenerAdd {
  readonly call: TSESTree.CallExpression;
  readonly target: string;
  readonly listener: TSESTree.Node;
  readonly event: string | null;
  readonly capture: boolean | null;
}

/** A removal from an emitter: `off(event, listener)`, `removeListener(…)`, or `removeAllListeners(event?)` (listener null). */
interface ListenerRemoval {
  readonly call: TSESTree.CallExpression;
  readonly target: string;
  readonly listener: TSESTree.Node | null;
  /** The event, null when not a static string or left out. */
  readonly event: string | null;
}

/**
 * The file's listeners added by name (to event targets, with their capture flag, and to emitters), its removals from
 * emitters, and its `removeEventListener(type, listener)` calls.
 */
interface ListenerChanges {
  readonly eventTarget: ListenerAdd[];
  readonly emitter: ListenerAdd[];
  readonly removals: ListenerRemoval[];
  readonly eventTargetRemovals: ListenerRemoval[];
}

const changesCache = createFileCache<'changes', ListenerChanges>();

/** The file's listener changes, read in one walk of its tree. */
function changesOf(sourceCode: SourceCode): ListenerChanges {
  const cache = changesCache(sourceCode);
  const cached = cache.get('changes');
  if (cached) return cached;
  const found: ListenerChanges = { eventTarget: [], emitter: [], removals: [], eventTargetRemovals: [] };
  cache.set('changes', found);
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null) return true;
    const [first, second] = node.arguments;
    const all = method === 'removeAllListeners';
    if (all || EMITTER_REMOVE_METHODS.has(method)) {
      const target = receiverKey(sourceCode, member.object);
      if (target === null) return true;
      if (all) found.removals.push({ call: node, target, listener: null, event: first ? getStaticString(first) : null });
      else if (second) found.removals.push({ call: node, target, listener: second, event: getStaticString(first) });
      else if (first) found.removals.push({ call: node, target, listener: first, event: null });
      return true;
    }
    if (method === 'removeEventListener') {
      const target = second ? receiverKey(sourceCode, member.object) : null;
      if (second && target !== null) found.eventTargetRemovals.push({ call: node, target, listener: second, event: getStaticString(first) });
      return true;
    }
    if (!second || !isListenerReference(second)) return true;
    const target = receiverKey(sourceCode, member.object);
    if (target === null) return true;
    const event = getStaticString(first);
    if (method === 'addEventListener') found.eventTarget.push({ call: node, target, listener: second, event, capture: captureFlag(node.arguments[2]) });
    else if (EMITTER_ADD_METHODS.has(method)) found.emitter.push({ call: node, target, listener: second, event, capture: null });
    return true;
  });
  return found;
}
