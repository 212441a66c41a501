import type { TSESTree } from '@typescript-eslint/utils';

import { contains, type FunctionNode, getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipBind, skipExpressionWrappers, walk } from '../core/ast';
import { findVariableOf, getVariableWrites } from '../core/scope';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getThisClass, isThisAlias, receiverKey } from '../core/thisBinding';
import { isGlobalName } from '../modules/moduleBindings';
import { getThisConstructor } from '../modules/prototypeMethods';
import { resolveLocalCallables } from '../modules/localFunctions';
import { someMethodCallWithin } from './keptListeners';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';
import { EMITTER_ENDS, isGlobalTarget, isMadeValue } from './teardownListeners';

/**
 * A listener written inline (`pstream.on('transportClose', function () { … })`) by the instance code of a class, on
 * an emitter the instance does not make, in a file that takes other listeners off that same emitter by name. Nothing
 * can take an inline function off again: each instance (each run of the method) leaves one more behind, every one of
 * them runs on each later event and keeps its instance alive, until Node warns of a leak at the eleventh.
 * twilio-client 1.12.3 kept its connection's `transportClose` handler in a field to remove it with the others;
 * mocha 7.0.1 replaced the anonymous `uncaughtException` handler each run left on `process`.
 */
export interface UnremovableListener {
  readonly call: TSESTree.CallExpression;
  /** The emitter, as written (`_this.pstream`). */
  readonly emitter: string;
  readonly event: string;
  /** A call that takes another listener off the same emitter: the evidence that its listeners are meant to go. */
  readonly removal: TSESTree.CallExpression;
}


/** The cheap test of a file's text: a listener written inline (lasting or `once`), and a listener taken off. */
export function mayAddUnremovableListeners(text: string): boolean {
  return (
    /\.(?:on|addListener|prependListener|addEventListener|once|one|prependOnceListener)\(\s*[^,()]+,\s*(?:function\b|async\b|\(|[\w$]+\s*=>)/.test(text) &&
    /\.(?:off|removeListener|removeEventListener)\(/.test(text)
  );
}

export function findUnremovableListener(sourceCode: SourceCode, call: TSESTree.CallExpression): UnremovableListener | null {
  const member = getCalleeMember(call);
  const verb = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(call.arguments[0]);
  // a third argument may be options (`{ once: true }`, `{ signal }`) that take the listener off
  if (!member || verb === null || event === null || call.arguments.length !== 2) return null;
  if (!LISTENER_ADD_METHODS.has(verb)) return null;
  if (!isInlineHandler(sourceCode, call.arguments[1] as TSESTree.Node) || !isResultDropped(call)) return null;
  const emitter = skipExpressionWrappers(member.object);
  // an element may be the instance's own: `addEventListener` only on the global targets
  if (verb === 'addEventListener' && !isGlobalTarget(sourceCode, emitter)) return null;
  if (!isInInstanceCode(sourceCode, call)) return null;
  const key = receiverKey(sourceCode, emitter);
  if (key === null || key === 'this') return null;
  const facts = fileFacts(sourceCode).get(key);
  if (!facts?.namedRemoval || facts.endedOrCleared || facts.madeHere) return null;
  if (!outlivesInstance(sourceCode, emitter)) return null;
  return { call, emitter: sourceCode.getText(emitter), event, removal: facts.namedRemoval };
}

/**
 * Two `once` listeners waiting on the same emitter for one of two events (`tech.one('vttjsloaded', loadHandler);
 * tech.one('vttjserror', () => { tech.off('vttjsloaded', loadHandler); … })`), where the inline one takes its rival
 * off when its event comes first, but nothing takes the inline one off when the rival's event comes first: it stays
 * on the emitter after every such wait, until its event comes, if ever. @videojs/http-streaming 1.10.2 named the error
 * handler and had the load handler take it off.
 */
export interface ListenerLeftByRival {
  readonly call: TSESTree.CallExpression;
  readonly emitter: string;
  readonly event: string;
  /** The rival's event, whose listener takes itself off and leaves this one. */
  readonly rival: string;
}

const ONCE_ADDS: ReadonlySet<string> = new Set(['once', 'one', 'prependOnceListener']);

export function findListenerLeftByRival(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerLeftByRival | null {
  const member = getCalleeMember(call);
  const verb = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(call.arguments[0]);
  // an 'error' listener left behind is often kept on purpose: an 'error' event without one crashes the process
  if (!member || verb === null || !ONCE_ADDS.has(verb) || event === null || event === 'error' || call.arguments.length !== 2) return null;
  const handler = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  if (!isFunctionNode(handler) || !isInlineHandler(sourceCode, handler) || !isResultDropped(call)) return null;
  const emitter = skipExpressionWrappers(member.object);
  const key = receiverKey(sourceCode, emitter);
  const fn = getEnclosingFunction(call);
  if (key === null || key === 'this' || !fn || !outlivesInstance(sourceCode, emitter) || fileFacts(sourceCode).get(key)?.madeHere) return null;
  const rival = findRemovedRival(sourceCode, handler, key, fn);
  return rival === null ? null : { call, emitter: sourceCode.getText(emitter), event, rival };
}

/**
 * The event of a `once` listener that `handler` takes off the emitter (`key`), added by name in `fn` as well, when that
 * rival does not end the emitter or clear its listeners in turn (a local function's body is read).
 */
function findRemovedRival(sourceCode: SourceCode, handler: FunctionNode, key: string, fn: FunctionNode): string | null {
  let found: string | null = null;
  someMethodCallWithin(
    handler.body,
    (call, method, receiver) => {
      const removed = call.arguments[1];
      const event = getStaticString(call.arguments[0]);
      if (method === 'removeAllListeners' || !LISTENER_REMOVE_METHODS.has(method) || !removed || removed.type === AST_NODE_TYPES.SpreadElement || event === null) return false;
      if (receiverKey(sourceCode, receiver) !== key) return false;
      const rival = findOnceAdd(sourceCode, fn, key, event, sourceCode.getText(removed));
      if (!rival || rivalLetsGo(sourceCode, rival, key)) return false;
      found = event;
      return true;
    },
    (node) => node === handler.body || !isFunctionNode(node),
  );
  return found;
}

/** `emitter.once(event, name)` in `fn` (not in functions nested in it), the handler written as `handlerText`. */
function findOnceAdd(sourceCode: SourceCode, fn: FunctionNode, key: string, event: string, handlerText: string): TSESTree.Node | null {
  let handler: TSESTree.Node | null = null;
  someMethodCallWithin(
    fn.body,
    (call, method, receiver) => {
      const added = call.arguments[1];
      if (!ONCE_ADDS.has(method) || getStaticString(call.arguments[0]) !== event || !added || added.type === AST_NODE_TYPES.SpreadElement) return false;
      if (receiverKey(sourceCode, receiver) !== key || sourceCode.getText(added) !== handlerText) return false;
      handler = added;
      return true;
    },
    (node) => node === fn.body || !isFunctionNode(node),
  );
  return handler;
}

/** The rival listener, a function of the file, ends the emitter or clears its listeners itself. */
function rivalLetsGo(sourceCode: SourceCode, rival: TSESTree.Node, key: string): boolean {
  return resolveLocalCallables(sourceCode, rival).some(
    (callable) =>
      isFunctionNode(callable) &&
      someMethodCallWithin(callable.body, (_call, method, receiver) => (method === 'removeAllListeners' || EMITTER_ENDS.has(method) || LISTENER_REMOVE_METHODS.has(method)) && receiverKey(sourceCode, receiver) === key),
  );
}

/**
 * A function written at the call (`function () {…}`, an arrow, or one bound there with `.bind(…)`) that nothing can
 * name: a named function expression that refers to itself (`function stateChanged() { … removeListener('stateChanged',
 * stateChanged) }`) takes itself off.
 */
function isInlineHandler(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const handler = skipBind(raw);
  if (!isFunctionNode(handler)) return false;
  if (handler.type !== AST_NODE_TYPES.FunctionExpression || !handler.id) return true;
  const self = sourceCode.getDeclaredVariables(handler).find((variable) => variable.name === handler.id?.name);
  return !self || self.references.length === 0;
}

/** The add's result is thrown away (some emitters hand back a function that removes the listener). */
function isResultDropped(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  return parent.type === AST_NODE_TYPES.ExpressionStatement || (parent.type === AST_NODE_TYPES.ChainExpression && parent.parent.type === AST_NODE_TYPES.ExpressionStatement);
}

/**
 * Code that runs once per instance or per call of a method: some function around the call is a method or the
 * constructor of a class (not static), or an ES5 constructor or prototype method.
 */
function isInInstanceCode(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    const owner = node.parent;
    if (owner?.type === AST_NODE_TYPES.MethodDefinition) return !owner.static;
    if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.body.type === AST_NODE_TYPES.BlockStatement) {
      if (getThisConstructor(sourceCode, node.body) !== null) return true;
      if (getThisClass(node.body) !== null) return true;
    }
  }
  return false;
}

/**
 * An emitter that lives longer than the instance, as far as the file shows: `process` or a global target, or a field
 * of `this` (`this.pstream`, `self.client.zk`) unless the file fills it with a new value (checked by the caller,
 * `madeHere`). A parameter or what hangs off one (a request's transaction, a signalling object handed to the
 * constructor) often lives no longer than the instance, and a local even less.
 */
function outlivesInstance(sourceCode: SourceCode, emitter: TSESTree.Node): boolean {
  let root = skipExpressionWrappers(emitter);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return emitter !== root;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  if (isThisAlias(sourceCode, root)) return emitter !== root;
  return emitter === root && (isGlobalName(sourceCode, root, 'process') || isGlobalTarget(sourceCode, root));
}

/** What the file does with each emitter (by `receiverKey`). */
interface EmitterFacts {
  /**
   * A removal of a lasting listener the file adds by name (`pstream.on('cancel', this._onCancel)` … 
   * `pstream.removeListener('cancel', this._onCancel)`): the code takes its lasting listeners off this emitter. The
   * removal of a `once` listener after a wait (`emitter.once('error', reject)` … `removeListener('error', reject)`)
   * says nothing about them.
   */
  namedRemoval: TSESTree.CallExpression | null;
  /** `removeAllListeners(…)` on it, or a call that ends it (`destroy()`, `close()`…): its listeners go with it. */
  endedOrCleared: boolean;
  /** Given a new value somewhere in the file (`this.socket = new Socket()`, a field `socket = new Socket()`): the instance's own emitter. */
  madeHere: boolean;
}

const factsCache = createFileCache<'emitters', Map<string, EmitterFacts>>();

function fileFacts(sourceCode: SourceCode): Map<string, EmitterFacts> {
  const cache = factsCache(sourceCode);
  const cached = cache.get('emitters');
  if (cached) return cached;
  const facts = new Map<string, EmitterFacts>();
  cache.set('emitters', facts);
  const entry = (key: string): EmitterFacts => {
    let found = facts.get(key);
    if (!found) facts.set(key, (found = { namedRemoval: null, endedOrCleared: false, madeHere: false }));
    return found;
  };
  /** Per emitter, the listeners the file adds to it by name with a lasting add, as written. */
  const lastingAdds = new Map<string, Set<string>>();
  const removals: { key: string; handler: string; call: TSESTree.CallExpression }[] = [];
  walk(sourceCode.ast, (node) => {
    // `socket = new Socket()` as a field of a class
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && node.value && isMadeValue(node.value)) {
      const name = getStaticPropertyName(node);
      if (name !== null) entry(`this.${name}`).madeHere = true;
      return true;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && isMadeValue(node.right)) {
      const key = receiverKey(sourceCode, node.left);
      if (key !== null) entry(key).madeHere = true;
      return true;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null) return true;
    const ends = method === 'removeAllListeners' || EMITTER_ENDS.has(method);
    const handler = node.arguments[1];
    const named = handler !== undefined && handler.type !== AST_NODE_TYPES.SpreadElement && !isInlineHandler(sourceCode, handler);
    const isLastingAdd = LISTENER_ADD_METHODS.has(method) && named;
    if (!ends && !isLastingAdd && !(LISTENER_REMOVE_METHODS.has(method) && named)) return true;
    const key = receiverKey(sourceCode, member.object);
    if (key === null) return true;
    if (ends) entry(key).endedOrCleared = true;
    else if (isLastingAdd) {
      let adds = lastingAdds.get(key);
      if (!adds) lastingAdds.set(key, (adds = new Set()));
      adds.add(handlerText(sourceCode, handler));
    } else removals.push({ key, handler: handlerText(sourceCode, handler), call: node });
    return true;
  });
  for (const removal of removals) {
    if (lastingAdds.get(removal.key)?.has(removal.handler)) entry(removal.key).namedRemoval ??= removal.call;
  }
  return facts;
}

/** A listener as written, `this` and its aliases written `this` (`_this._onCancel` is `this._onCancel`). */
function handlerText(sourceCode: SourceCode, handler: TSESTree.Node): string {
  return receiverKey(sourceCode, handler) ?? sourceCode.getText(handler);
}

/**
 * An inline listener added to a value that the function takes from a registry kept outside it when the registry has
 * one, and makes (and files in the registry) when it has not: `if (sockets[port]) { sock = sockets[port]; } else {
 * sock = dgram.createSocket(opts); sockets[port] = sock; } sock.on('error', function () { … });`. Every run that
 * reuses the shared value adds one more listener to it, which nothing can take off. node-red 0.17.0 moved its UDP out
 * node's `error` listener into the branch that makes the socket, which each redeploy had added to the shared one again.
 */
export interface ListenerOnSharedValue {
  readonly call: TSESTree.CallExpression;
  readonly name: string;
  readonly event: string;
  /** The registry, as written (`udpInputPortsInUse`). */
  readonly registry: string;
  /** The write that takes the shared value from the registry. */
  readonly reuse: TSESTree.Node;
}

/** The cheap test of a file's text: a lasting listener written inline. */
export function mayAddInlineListeners(text: string): boolean {
  return /\.(?:on|addListener|prependListener|addEventListener)\(\s*[^,()]+,\s*(?:function\b|async\b|\(|[\w$]+\s*=>)/.test(text);
}

export function findListenerOnSharedValue(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerOnSharedValue | null {
  const member = getCalleeMember(call);
  const verb = member ? getStaticPropertyName(member) : null;
  const event = getStaticString(call.arguments[0]);
  if (!member || verb === null || !LISTENER_ADD_METHODS.has(verb) || event === null || call.arguments.length !== 2) return null;
  if (!isInlineHandler(sourceCode, call.arguments[1] as TSESTree.Node) || !isResultDropped(call)) return null;
  const target = skipExpressionWrappers(member.object);
  const fn = getEnclosingFunction(call);
  if (target.type !== AST_NODE_TYPES.Identifier || !fn) return null;
  const variable = findVariableOf(sourceCode, target);
  if (!variable || getEnclosingFunction(variable.defs[0]?.node ?? target) !== fn) return null;
  const writes = getVariableWrites(sourceCode, target);
  let reuse: { write: TSESTree.Node; registry: string } | null = null;
  let made: TSESTree.Node | null = null;
  for (const write of writes) {
    const value = skipExpressionWrappers(write);
    const registry = registryRead(sourceCode, value, fn);
    if (registry !== null) reuse = { write, registry };
    else if (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) made = write;
  }
  if (!reuse || !made || !isFiledIn(sourceCode, made, target.name, reuse.registry)) return null;
  // a reuse branch that does more than take the value treats the reuse as a case of its own (`node.log('port already
  // in use')`: two nodes on one port, each meant to listen)
  const reuseBranch = branchOf(reuse.write, fn);
  if (reuseBranch && reuseBranch.type === AST_NODE_TYPES.BlockStatement && reuseBranch.body.length !== 1) return null;
  // the add must run on both paths: not inside the branch that makes the value
  const branch = branchOf(made, fn);
  if (branch && contains(branch, call)) return null;
  const clearsTarget = (method: string, receiver: TSESTree.Node): boolean => {
    const cleared = skipExpressionWrappers(receiver);
    return method === 'removeAllListeners' && cleared.type === AST_NODE_TYPES.Identifier && cleared.name === target.name;
  };
  if (someMethodCallWithin(fn.body, (_call, method, receiver) => clearsTarget(method, receiver))) return null;
  return { call, name: target.name, event, registry: reuse.registry, reuse: reuse.write };
}

/** `registry[key]`, `registry.get(key)` for a registry declared outside `fn` (it outlives the call): its name, or null. */
function registryRead(sourceCode: SourceCode, value: TSESTree.Node, fn: FunctionNode): string | null {
  let object: TSESTree.Node | null = null;
  if (value.type === AST_NODE_TYPES.MemberExpression && value.computed) object = value.object;
  else if (value.type === AST_NODE_TYPES.CallExpression) {
    const member = getCalleeMember(value);
    if (member && getStaticPropertyName(member) === 'get' && value.arguments.length === 1) object = member.object;
  }
  const registry = object ? skipExpressionWrappers(object) : null;
  if (registry?.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariableOf(sourceCode, registry)?.defs[0];
  if (!definition || definition.type !== 'Variable') return null;
  const home = getEnclosingFunction(definition.node);
  // declared at the top level, or in a function around `fn`
  return home === null || (home !== fn && contains(home, fn)) ? registry.name : null;
}

/** The value made by `made` is put into the registry: `registry[key] = name` or `registry.set(key, name)` next to it. */
function isFiledIn(sourceCode: SourceCode, made: TSESTree.Node, name: string, registry: string): boolean {
  const statement = getOutermostWrapper(made).parent?.parent;
  const block = statement?.parent;
  if (!block || (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program)) return false;
  return block.body.some((sibling) => {
    if (sibling.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = skipExpressionWrappers(sibling.expression);
    if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const left = expression.left;
      const right = skipExpressionWrappers(expression.right);
      return left.type === AST_NODE_TYPES.MemberExpression && left.computed && sourceCode.getText(left.object) === registry && right.type === AST_NODE_TYPES.Identifier && right.name === name;
    }
    if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
    const member = getCalleeMember(expression);
    const value = expression.arguments[1];
    return member !== null && getStaticPropertyName(member) === 'set' && sourceCode.getText(member.object) === registry && value?.type === AST_NODE_TYPES.Identifier && value.name === name;
  });
}

/** The branch of an `if` (inside `fn`) that holds `node`, or null. */
function branchOf(node: TSESTree.Node, fn: FunctionNode): TSESTree.Node | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && (current.consequent === child || current.alternate === child)) return child;
  }
  return null;
}
