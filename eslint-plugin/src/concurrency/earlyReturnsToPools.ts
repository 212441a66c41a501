import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getStatementList, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { receiverKey } from '../core/thisBinding';

/**
 * An object put back into a pool of this instance before the async work that readies it for reuse is done:
 * `this.idlePages.push(page); return page.stopSession();`. The pool is where other calls take their objects from
 * (`this.idlePages.pop()` elsewhere), so a call that overlaps this one's `await` can take the object and start using
 * it while it is still being stopped, and the stop then ends that caller's work (@web/test-runner-chrome 0.5.13's
 * `stopSession`; 0.6.0 awaits the page's stop before pooling it). Only when the next statement returns or awaits a
 * call of the pooled object whose name ends or resets something (`stop…`, `close`, `reset`, `clear`, `release`…),
 * and the file takes objects out of the same field with `pop`, `shift` or `splice`.
 */
export interface EarlyReturnToPool {
  /** The `push`/`unshift`. */
  readonly call: TSESTree.CallExpression;
  /** The pool, as written. */
  readonly pool: string;
  /** The pooled object's name. */
  readonly item: string;
  /** The call that readies it, as written. */
  readonly operation: TSESTree.CallExpression;
  /** Where the file takes objects out of the pool. */
  readonly take: TSESTree.CallExpression;
}

const POOL_ADDS: ReadonlySet<string> = new Set(['push', 'unshift']);
const POOL_TAKES: ReadonlySet<string> = new Set(['pop', 'shift', 'splice']);
/** Words of a method's name that say it stops or resets the object for its next user. */
const READYING_WORDS: ReadonlySet<string> = new Set(['stop', 'close', 'reset', 'clear', 'release', 'end', 'finish', 'teardown', 'cleanup', 'clean', 'dispose', 'detach', 'disconnect', 'flush', 'destroy']);

/** The cheap test of a file's text. */
export function mayPoolEarly(text: string): boolean {
  return /\.(?:push|unshift)\(/.test(text) && /\.(?:pop|shift|splice)\(/.test(text);
}

export function findEarlyReturnToPool(sourceCode: SourceCode, call: TSESTree.CallExpression): EarlyReturnToPool | null {
  const member = getCalleeMember(call);
  if (!member || !POOL_ADDS.has(getStaticPropertyName(member) ?? '') || call.arguments.length !== 1) return null;
  const item = skipExpressionWrappers(call.arguments[0]!);
  const pool = receiverKey(sourceCode, member.object);
  if (item.type !== AST_NODE_TYPES.Identifier || !pool?.startsWith('this.')) return null;
  const statement = call.parent;
  const list = statement?.type === AST_NODE_TYPES.ExpressionStatement && statement.expression === call && statement.parent ? getStatementList(statement.parent) : null;
  const fn = getEnclosingFunction(call);
  if (!list || !fn || !fn.async) return null;
  const operation = readyingCall(list[list.indexOf(statement!) + 1], item.name);
  if (!operation) return null;
  const take = poolTakes(sourceCode).get(pool);
  return take ? { call, pool: sourceCode.getText(member.object), item: item.name, operation, take } : null;
}

/** `return item.stop()`, `return await item.stop()`, `await item.stop();`: the call, or null. */
function readyingCall(next: TSESTree.Node | undefined, item: string): TSESTree.CallExpression | null {
  let value: TSESTree.Node | null = null;
  if (next?.type === AST_NODE_TYPES.ReturnStatement) value = next.argument;
  if (next?.type === AST_NODE_TYPES.ExpressionStatement) value = next.expression.type === AST_NODE_TYPES.AwaitExpression ? next.expression : null;
  if (!value) return null;
  value = skipExpressionWrappers(value);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipExpressionWrappers(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const member = getCalleeMember(value);
  const object = member ? skipExpressionWrappers(member.object) : null;
  const method = member ? getStaticPropertyName(member) : null;
  if (object?.type !== AST_NODE_TYPES.Identifier || object.name !== item || method === null) return null;
  return splitIdentifierWords(method).some((word) => READYING_WORDS.has(word.toLowerCase())) ? value : null;
}

const takesCache = createFileCache<'takes', Map<string, TSESTree.CallExpression>>();

/** The file's first `this.x.pop()`/`shift()`/`splice(…)` of each field. */
function poolTakes(sourceCode: SourceCode): Map<string, TSESTree.CallExpression> {
  const cache = takesCache(sourceCode);
  const known = cache.get('takes');
  if (known) return known;
  const takes = new Map<string, TSESTree.CallExpression>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    if (!member || !POOL_TAKES.has(getStaticPropertyName(member) ?? '')) return true;
    const key = receiverKey(sourceCode, member.object);
    if (key?.startsWith('this.') && !takes.has(key)) takes.set(key, node);
    return true;
  });
  cache.set('takes', takes);
  return takes;
}
