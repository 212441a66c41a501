import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { receiverKey } from '../core/thisBinding';
import { EMITTER_ADD_METHODS } from './listenerMethods';

/**
 * A socket's or stream's bookkeeping done only when it emits 'end': the listener takes it out of the code's records
 * (`sessions.splice(sessions.indexOf(socket), 1)`, `delete streams[id]`, a counter decremented, a `cleanup()`), but a
 * socket or stream destroyed before its end (a reset, an error, `destroy()`, a timeout) emits 'close' and never 'end',
 * so on those paths the record stays for good, holding the dead socket (simple-socks 3.1.0 kept reset clients in its
 * active sessions; 3.2.0 also listens for 'close'; @teamwork/sharedb 3.0.1 ran an agent's cleanup only on its
 * stream's 'end', and 3.1.0 on 'close' too). Only for a receiver named as a socket, connection or stream, a listener
 * the code wrote (inline, or a function of the file) that does such bookkeeping, a file that never listens for the
 * receiver's 'close' (nor does the same on 'error') nor hands it to `finished`/`eos`/`onFinished`/`pipeline`, and a
 * function that does not destroy the receiver itself.
 */
export interface EndOnlyCleanup {
  /** The `on('end', …)` call. */
  readonly call: TSESTree.CallExpression;
  /** The receiver, as written (`socket`, `this.stream`). */
  readonly receiver: string;
  /** What the listener does, for messages: `removes it from self.activeSessions`, `calls agent._cleanup()`. */
  readonly bookkeeping: string;
}

/** Words of a receiver's last name that say it is a socket, a connection or a stream. */
const SOCKET_WORDS: ReadonlySet<string> = new Set(['socket', 'sock', 'stream', 'conn', 'connection', 'duplex', 'ws', 'websocket', 'tunnel']);
/** Words of a called function's or method's name that say it undoes the receiver's registration. */
const CLEANUP_WORDS: ReadonlySet<string> = new Set(['cleanup', 'clean', 'teardown', 'unregister', 'untrack', 'release', 'dispose', 'remove', 'forget', 'unsubscribe']);
/** Helpers that watch a stream to its end, whichever way it ends. */
const END_WATCHERS: ReadonlySet<string> = new Set(['finished', 'eos', 'onFinished', 'pipeline', 'endOfStream']);

/** The cheap test of a file's text. */
export function mayCleanUpOnlyOnEnd(text: string): boolean {
  return /\.(?:on|once|addListener)\(\s*['"]end['"]/.test(text);
}

export function findEndOnlyCleanup(sourceCode: SourceCode, call: TSESTree.CallExpression): EndOnlyCleanup | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || !EMITTER_ADD_METHODS.has(method) || getStaticString(call.arguments[0]) !== 'end') return null;
  const receiver = receiverKey(sourceCode, member.object);
  if (!receiver || !isSocketName(receiver)) return null;
  const listener = call.arguments[1] ? listenerFunction(sourceCode, call.arguments[1]) : null;
  const bookkeeping = listener ? describeBookkeeping(sourceCode, listener, getEnclosingFunction(call)) : null;
  if (!bookkeeping) return null;
  const watched = watchedReceivers(sourceCode);
  if (watched.has(receiver) || destroysItself(sourceCode, getEnclosingFunction(call), receiver)) return null;
  return { call, receiver: sourceCode.getText(member.object), bookkeeping };
}

/**
 * The function that adds the listener destroys the receiver itself, in its own body (`if (this.closed) return
 * stream.destroy()`): it takes that destroy to end the stream, as a stream class of the code's own may (sharedb's
 * `OpStream.destroy()` pushes null, so its 'end' comes), which is written in another file.
 */
function destroysItself(sourceCode: SourceCode, owner: FunctionNode | null, receiver: string): boolean {
  if (!owner) return false;
  return someNodeWithin(owner.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const member = getCalleeMember(node);
    return member !== null && getStaticPropertyName(member) === 'destroy' && receiverKey(sourceCode, member.object) === receiver;
  }, (node) => node === owner.body || !isFunctionNode(node));
}

function isSocketName(key: string): boolean {
  const last = key.split('.').pop() ?? '';
  const words = splitIdentifierWords(last.replace(/^_+/, ''));
  const final = words[words.length - 1]?.toLowerCase();
  return final !== undefined && SOCKET_WORDS.has(final);
}

/** The listener as a function of the code: written inline, or a function declared in the file and named there. */
function listenerFunction(sourceCode: SourceCode, raw: TSESTree.Node): FunctionNode | null {
  const value = skipExpressionWrappers(raw);
  if (isFunctionNode(value)) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariableOf(sourceCode, value)?.defs[0];
  if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
  const init = skipExpressionWrappers(definition.node.init);
  return isFunctionNode(init) ? init : null;
}

/**
 * What the listener's own body (not functions inside it) does to the code's records, or null when it does none of it.
 * `owner` is the function that adds the listener: a count of its own (`let waiting = streams.length`, decremented as
 * each stream ends) waits for ends, it does not keep records of the sockets.
 */
function describeBookkeeping(sourceCode: SourceCode, listener: FunctionNode, owner: FunctionNode | null): string | null {
  let found: string | null = null;
  someNodeWithin(listener.body, (node) => {
    found = bookkeepingOf(sourceCode, node, owner);
    return found !== null;
  }, (node) => node === listener.body || !isFunctionNode(node));
  return found;
}

function bookkeepingOf(sourceCode: SourceCode, node: TSESTree.Node, owner: FunctionNode | null): string | null {
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') return `deletes ${shortOf(sourceCode, node.argument)}`;
  const counter = node.type === AST_NODE_TYPES.UpdateExpression && node.operator === '--' ? node.argument
    : node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '-=' ? node.left : null;
  if (counter) return isOwnCount(sourceCode, counter, owner) ? null : `decrements ${shortOf(sourceCode, counter)}`;
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(callee);
    // `list.splice(list.indexOf(x), 1)`, `map.delete(key)`, `set.delete(x)`
    if (name === 'delete' && node.arguments.length === 1) return `deletes from ${shortOf(sourceCode, callee.object)}`;
    if (name === 'splice' && node.arguments[0] && someNodeWithin(node.arguments[0], isIndexOfCall, () => true)) return `removes it from ${shortOf(sourceCode, callee.object)}`;
    if (name !== null && isCleanupName(name)) return `calls ${shortOf(sourceCode, callee)}()`;
    return null;
  }
  return callee.type === AST_NODE_TYPES.Identifier && isCleanupName(callee.name) ? `calls ${callee.name}()` : null;
}

/** A variable declared in the function that adds the listener. */
function isOwnCount(sourceCode: SourceCode, counter: TSESTree.Node, owner: FunctionNode | null): boolean {
  if (counter.type !== AST_NODE_TYPES.Identifier || !owner) return false;
  const name = findVariableOf(sourceCode, counter)?.defs[0]?.name;
  return name !== undefined && name.range[0] >= owner.range[0] && name.range[1] <= owner.range[1];
}

function isIndexOfCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && ['indexOf', 'findIndex'].includes(getStaticPropertyName(callee) ?? '');
}

function isCleanupName(name: string): boolean {
  // `removeListener`/`removeAllListeners` take listeners off, they do not undo a registration of the socket
  if (/^remove(?:All)?Listeners?$/.test(name)) return false;
  return splitIdentifierWords(name.replace(/^_+/, '')).some((word) => CLEANUP_WORDS.has(word.toLowerCase()));
}

function shortOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const watchedCache = createFileCache<'watched', Set<string>>();

/**
 * The receivers the file follows to a close whichever way it comes: a 'close' listener (`s.on('close', …)`, also
 * added for several events in a loop over a list holding 'close'), an 'error' listener that does the bookkeeping too
 * (left is only a `destroy()` without an error, which the code that calls it can undo), or `finished(s, …)`, `eos(s)`,
 * `onFinished(s)`, `pipeline(…, s, …)`. Keys as `receiverKey` gives them.
 */
/** A listener for 'close', for an event the code picks (`for (const e of ['end', 'close']) s.on(e, f)`), or an 'error' listener that does bookkeeping. */
function followsToClose(sourceCode: SourceCode, event: TSESTree.Node, listener: TSESTree.Node | undefined): boolean {
  if (event.type !== AST_NODE_TYPES.Literal) return true;
  const name = getStaticString(event);
  if (name === 'close') return true;
  if (name !== 'error' || !listener) return false;
  const fn = listenerFunction(sourceCode, listener);
  return fn !== null && describeBookkeeping(sourceCode, fn, getEnclosingFunction(listener)) !== null;
}

function watchedReceivers(sourceCode: SourceCode): Set<string> {
  const cache = watchedCache(sourceCode);
  const known = cache.get('watched');
  if (known) return known;
  const watched = new Set<string>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    const event = node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
    if (member && method !== null && EMITTER_ADD_METHODS.has(method) && event && followsToClose(sourceCode, event, node.arguments[1])) {
      const key = receiverKey(sourceCode, member.object);
      if (key) watched.add(key);
    }
    const callee = skipExpressionWrappers(node.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (name !== null && END_WATCHERS.has(name)) {
      for (const argument of node.arguments) {
        const key = receiverKey(sourceCode, argument);
        if (key) watched.add(key);
      }
    }
    return true;
  });
  cache.set('watched', watched);
  return watched;
}
