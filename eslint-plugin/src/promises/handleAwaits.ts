import type { TSESTree } from '@typescript-eslint/utils';

import { type AwaitNode, getAwaitedValue, isAwaitNode } from '../core/compiledAsync';
import { getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { createFileCache } from '../core/fileCache';
import type { AnyRuleContext } from '../core/ruleContext';
import { getNodeType, getTypedServices, isAnyOrUnknown } from '../core/typeInfo';

/**
 * An `await` of a call whose receiver hands out handles, not promises: the file reads the promise off what the
 * receiver's calls return (`await this.transport.send(…).promise`, `s3.putObject(p).promise()`, or the handle kept and
 * its `.promise` awaited later), and here awaits the call itself. `await` of a plain object resolves at once with the
 * object: the function goes on before the work is done, and the handle's promise floats with its rejection
 * (@trezor/connect 9.3.0 awaited `this.transport.receive(…)` where its other calls read `.promise`; 9.4.0 added it).
 *
 * Only when the file reads the promise off the receiver's calls at two places or more, and more often than it awaits or
 * chains them directly (counting this `await`): a receiver whose calls are awaited as they are as often returns promises
 * from some of its methods (knex reads `this.pool.acquire().promise` of its tarn pool and awaits `this.pool.destroy()`).
 * Deferreds are not handles of work: a factory named so (`Q.defer()`, `Promise.withResolvers()`), a holder whose
 * `resolve`/`reject` the code calls, and a receiver that is settled itself (@trezor/connect's `uiPromises.resolve(…)`
 * beside `await uiPromises.get(…)`, a store of deferreds whose `get` returns the promise). With types, only where the
 * checker types the call `any`, or types it an object with a `promise` member and no `then`.
 */
export interface AwaitedHandle {
  readonly await: AwaitNode;
  readonly call: TSESTree.CallExpression;
  /** The receiver's text (`this.transport`), and how the file reads the promise off its handles. */
  readonly receiver: string;
  readonly read: '.promise' | '.promise()';
}

/** The cheap test of a file's text. */
export function mayAwaitHandles(text: string): boolean {
  return /\.\s*promise\b/.test(text);
}

export function findAwaitedHandle(context: AnyRuleContext, node: TSESTree.Node): AwaitedHandle | null {
  if (!isAwaitNode(node)) return null;
  const call = skipExpressionWrappers(getAwaitedValue(node));
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const object = skipExpressionWrappers(callee.object);
  // (not `this`: a class's own methods return what each of them returns)
  if (object.type !== AST_NODE_TYPES.Identifier && object.type !== AST_NODE_TYPES.MemberExpression) return null;
  const sourceCode = context.sourceCode;
  const receiver = sourceCode.getText(object);
  const uses = receiverCallUses(context, receiver);
  if (uses.handles < 2 || uses.handles <= uses.direct || uses.read === null) return null;
  if (!isHandleTyped(context, call)) return null;
  return { await: node, call, receiver, read: uses.read };
}

interface ReceiverUses {
  /** Calls whose promise the file reads off the result (`.promise`, `.promise()`, or kept and read later). */
  readonly handles: number;
  /** Calls awaited or chained as they are (`await r.m()`, `r.m().then(…)`). */
  readonly direct: number;
  readonly read: '.promise' | '.promise()' | null;
}

/** The calls on each receiver of the file (by its text), and the receivers whose own `resolve`/`reject` it reads. */
interface FileReceivers {
  readonly calls: ReadonlyMap<string, readonly TSESTree.CallExpression[]>;
  readonly settled: ReadonlySet<string>;
}

const fileReceivers = createFileCache<'receivers', FileReceivers>();
const receiverUses = createFileCache<string, ReceiverUses>();

/** One walk of the file: its method calls grouped by receiver, and the receivers it settles. */
function getFileReceivers(context: AnyRuleContext): FileReceivers {
  const cache = fileReceivers(context.sourceCode);
  const cached = cache.get('receivers');
  if (cached) return cached;
  const sourceCode = context.sourceCode;
  const calls = new Map<string, TSESTree.CallExpression[]>();
  const settled = new Set<string>();
  walk(sourceCode.ast, (node) => {
    // (a receiver whose own `resolve`/`reject` the code calls keeps deferreds: `uiPromises.resolve(…)`)
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && /^(resolve|reject)$/.test(getStaticPropertyName(node) ?? '')) {
      settled.add(sourceCode.getText(skipExpressionWrappers(node.object)));
      return true;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return true;
    const receiver = sourceCode.getText(skipExpressionWrappers(callee.object));
    const list = calls.get(receiver);
    if (list) list.push(node);
    else calls.set(receiver, [node]);
    return true;
  });
  const found = { calls, settled };
  cache.set('receivers', found);
  return found;
}

/** How the file uses the results of calls on `receiver` (by its text). */
function receiverCallUses(context: AnyRuleContext, receiver: string): ReceiverUses {
  const cache = receiverUses(context.sourceCode);
  const cached = cache.get(receiver);
  if (cached) return cached;
  const file = getFileReceivers(context);
  let handles = 0;
  let direct = 0;
  let read: ReceiverUses['read'] = null;
  for (const call of file.calls.get(receiver) ?? []) {
    const handleRead = promiseReadOff(context, call);
    if (handleRead !== null) {
      handles++;
      read ??= handleRead;
      continue;
    }
    const position = getOutermostWrapper(call);
    const parent = position.parent;
    if (parent && (isAwaitNode(parent) || (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'then'))) direct++;
  }
  const uses = file.settled.has(receiver) ? { handles: 0, direct, read: null } : { handles, direct, read };
  cache.set(receiver, uses);
  return uses;
}

/**
 * `.promise` or `.promise()` read off the call's result: directly (`r.m(…).promise`), or off the variable or member it
 * is kept in (`this.callPromise = r.m(…); … await this.callPromise.promise`), within the same function.
 */
function promiseReadOff(context: AnyRuleContext, call: TSESTree.CallExpression): '.promise' | '.promise()' | null {
  // a deferred (`Q.defer()`, `createDeferred()`) is made to hand its promise out: not a handle of work
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && /defer|resolvers/i.test(getStaticPropertyName(callee) ?? '')) return null;
  const position = getOutermostWrapper(call);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position) return promiseMember(parent);
  const holder =
    parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === position
      ? parent.left
      : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position
        ? parent.id
        : null;
  if (!holder || (holder.type !== AST_NODE_TYPES.Identifier && holder.type !== AST_NODE_TYPES.MemberExpression)) return null;
  const sourceCode = context.sourceCode;
  const text = sourceCode.getText(holder);
  const scope = getEnclosingFunction(call) ?? sourceCode.ast;
  let found: '.promise' | '.promise()' | null = null;
  let settled = false;
  walk(scope, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || sourceCode.getText(skipExpressionWrappers(node.object)) !== text) return true;
    const name = getStaticPropertyName(node);
    // (a holder whose `resolve`/`reject` the code calls is a deferred)
    if (name === 'resolve' || name === 'reject') settled = true;
    else if (found === null && node.range[0] > call.range[1]) found = promiseMember(node);
    return true;
  });
  return settled ? null : found;
}

function promiseMember(member: TSESTree.MemberExpression): '.promise' | '.promise()' | null {
  if (member.computed || getStaticPropertyName(member) !== 'promise') return null;
  const position = getOutermostWrapper(member);
  return position.parent?.type === AST_NODE_TYPES.CallExpression && position.parent.callee === position ? '.promise()' : '.promise';
}

/** Without types, any call; with them, one typed `any`, or an object with a `promise` member and no `then`. */
function isHandleTyped(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const services = getTypedServices(context);
  const type = services ? getNodeType(services, call) : null;
  if (!type || isAnyOrUnknown(type)) return true;
  return type.getProperty('promise') !== undefined && type.getProperty('then') === undefined;
}
