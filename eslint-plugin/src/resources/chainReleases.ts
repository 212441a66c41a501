import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticMemberPath, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { parseHandlingCall } from '../promises/floatingPromises';

/**
 * A release written in a `.then` of the promise chain that uses the value, and nowhere a failure goes:
 *
 *     return client.ensureTable()
 *       .then(() => this.runMigrations())
 *       .then((done) => client.endConnection().then(() => done))
 *       .catch((error) => { error.applied = []; throw error; });
 *
 * The chain starts with a call on `client`, and the release runs only when every step before it succeeded; when one
 * rejects, the chain skips to the `.catch` (or to the caller), which does not release it, and the connection stays
 * open (postgrator 3.6.0's `migrate`, fixed in 3.7.0 by ending the connection in the `.catch` too). The code's own
 * release on the happy path says the value is the chain's to release, as `inferredResources.ts` reads it for `await`.
 *
 * Reported: the release is a call without arguments (or with a callback) of `close`, `release`, `quit`, `disconnect`,
 * `dispose`, `terminate`, of `end` on a receiver named as a client, connection or session, or of a method named as
 * the release of one (`endConnection`, `closeClient`); it runs unconditionally in the fulfilment handler of a `.then`;
 * its receiver (a variable or a static member path, not `this` itself) is what the chain's first call is a method of,
 * or what an earlier step calls a method of. Not when any handler of the chain (a `.catch`, the second argument of a
 * `.then`, a `.finally`) releases the same receiver, nor when a rejection handler before the release may recover
 * (the release then runs after a failure too).
 */
export interface ChainReleaseOnlyOnSuccess {
  /** The release call (`client.endConnection()`). */
  readonly release: TSESTree.CallExpression;
  /** The receiver's text (`client`, `this.connection`). */
  readonly name: string;
  /** The call of the chain that uses the receiver first and can reject before the release. */
  readonly risk: TSESTree.CallExpression;
}

const RELEASE_METHODS: ReadonlySet<string> = new Set(['close', 'release', 'quit', 'disconnect', 'dispose', 'terminate']);
/** Release verbs that lead a method's name (`endConnection`, `closeClient`, `releaseSession`). */
const RELEASE_VERBS: ReadonlySet<string> = new Set(['end', 'close', 'release', 'disconnect', 'destroy']);
/** What such a name, or the receiver of a bare `end()`, must name to be a held connection rather than a stream or a span. */
const HELD_NOUNS: ReadonlySet<string> = new Set(['connection', 'conn', 'client', 'session', 'db', 'database', 'channel']);

/** The cheap test of a file's text: a promise chain and a release-like call. */
export function mayReleaseInChains(text: string): boolean {
  return text.includes('.then(') && /\.(?:close|release|quit|disconnect|dispose|terminate|end|releaseConnection|end[A-Z]\w*|close[A-Z]\w*)\s*\(/.test(text);
}

/** For a release call in a `.then` handler: the report when nothing releases its receiver on the chain's failures. */
export function findChainReleaseOnlyOnSuccess(release: TSESTree.CallExpression): ChainReleaseOnlyOnSuccess | null {
  const callee = skipExpressionWrappers(release.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isReleaseCall(release, callee)) return null;
  const receiver = receiverKey(callee.object);
  if (receiver === null) return null;
  const handler = unconditionalHandlerOf(release);
  const link = handler?.parent;
  if (!handler || link?.type !== AST_NODE_TYPES.CallExpression || link.arguments[0] !== handler) return null;
  const handling = parseHandlingCall(link);
  if (handling?.method !== 'then') return null;
  // the steps before the release, innermost first, and the call the chain starts from
  const before: TSESTree.CallExpression[] = [];
  let start: TSESTree.Node = skipExpressionWrappers(handling.object);
  for (let step = 0; step < 64 && start.type === AST_NODE_TYPES.CallExpression; step++) {
    const earlier = parseHandlingCall(start);
    if (!earlier) break;
    // a rejection handler before the release may recover: the release then runs after a failure too
    if (earlier.method === 'finally' || earlier.onRejected !== undefined) return null;
    before.push(start);
    start = skipExpressionWrappers(earlier.object);
  }
  if (start.type !== AST_NODE_TYPES.CallExpression) return null;
  const risk = usesReceiver(start, receiver) ? start : firstUseIn(before.reverse().flatMap((step) => step.arguments), receiver);
  if (!risk) return null;
  if (handling.onRejected !== undefined && releasesReceiver(handling.onRejected, receiver)) return null;
  // the links after the release's
  let outer: TSESTree.Node = link;
  for (let step = 0; step < 64; step++) {
    const member: TSESTree.Node | undefined = outer.parent;
    const next: TSESTree.Node | null | undefined = member?.type === AST_NODE_TYPES.MemberExpression && member.object === outer ? member.parent : null;
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
    const later = parseHandlingCall(next);
    if (!later) break;
    if (later.method === 'finally' && next.arguments.some((argument: TSESTree.Node) => releasesReceiver(argument, receiver))) return null;
    if (later.onRejected !== undefined && releasesReceiver(later.onRejected, receiver)) return null;
    outer = next;
  }
  return { release, name: receiver, risk };
}

function isReleaseCall(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): boolean {
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  if (call.arguments.length > 1 || (call.arguments.length === 1 && !isFunctionNode(call.arguments[0]))) return false;
  if (RELEASE_METHODS.has(method)) return true;
  if (method === 'end') return namesHeldValue(callee.object);
  const words = splitIdentifierWords(method);
  return words.length === 2 && RELEASE_VERBS.has(words[0] ?? '') && HELD_NOUNS.has(words[1] ?? '');
}

function namesHeldValue(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  const name = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(value) : null;
  return name !== null && splitIdentifierWords(name).some((word) => HELD_NOUNS.has(word));
}

/** `client`, `this.pool.client`: a variable or a static member path, not `this` itself. */
function receiverKey(node: TSESTree.Node): string | null {
  const chain = getStaticMemberPath(node, 8);
  const start = chain ? chain.start : skipExpressionWrappers(node);
  if (start.type === AST_NODE_TYPES.ThisExpression) return chain && chain.path.length > 0 ? ['this', ...chain.path].join('.') : null;
  if (start.type !== AST_NODE_TYPES.Identifier) return null;
  return [start.name, ...(chain?.path ?? [])].join('.');
}

/**
 * The `.then` handler the release runs in on every fulfilment: the function whose body reaches the call through
 * statements and the objects of chains only (`(done) => client.end().then(() => done)`), not a branch, a loop, a
 * `try` or a nested function.
 */
function unconditionalHandlerOf(call: TSESTree.CallExpression): TSESTree.Node | null {
  let node: TSESTree.Node = call;
  for (let step = 0; step < 32; step++) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return null;
    if (isFunctionNode(parent)) return parent.body === node || parent.body.type === AST_NODE_TYPES.BlockStatement ? parent : null;
    switch (parent.type) {
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        break;
      case AST_NODE_TYPES.BlockStatement:
        if (!parent.parent || !isFunctionNode(parent.parent)) return null;
        break;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object !== node) return null;
        break;
      case AST_NODE_TYPES.CallExpression:
        // `client.end().then(() => done)`: the release is the chain's object
        if (parent.callee !== node) return null;
        break;
      default:
        return null;
    }
    node = parent;
  }
  return null;
}

/** `client.ensureTable()` for `client`: a method call on the receiver (not its release). */
function usesReceiver(call: TSESTree.CallExpression, receiver: string): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && receiverKey(callee.object) === receiver;
}

/** The first call of a method of the receiver in the steps' handlers (`gridStore.open()` before `.then((gridStore) => gridStore.close())`). */
function firstUseIn(handlers: readonly TSESTree.Node[], receiver: string): TSESTree.CallExpression | undefined {
  let found: TSESTree.CallExpression | undefined;
  for (const handler of handlers) {
    walk(handler, (inner) => {
      if (found) return false;
      if (inner.type === AST_NODE_TYPES.CallExpression && usesReceiver(inner, receiver)) found = inner;
      return !found;
    });
    if (found) return found;
  }
  return undefined;
}

/** A handler that releases the receiver: a release-like call on it, or a function handed in by name (which may). */
function releasesReceiver(handler: TSESTree.Node, receiver: string): boolean {
  const value = skipExpressionWrappers(handler);
  if (!isFunctionNode(value)) return value.type === AST_NODE_TYPES.Identifier && value.name !== 'undefined';
  let found = false;
  walk(value, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(inner.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && receiverKey(callee.object) === receiver) {
        const method = getStaticPropertyName(callee) ?? '';
        if (RELEASE_METHODS.has(method) || RELEASE_VERBS.has(splitIdentifierWords(method)[0] ?? '')) found = true;
      }
      // the receiver handed to a function (`cleanup(client)`) may release it
      if (inner.arguments.some((argument) => receiverKey(argument) === receiver)) found = true;
    }
    return !found;
  });
  return found;
}
