import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticMemberPath, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getAwaitedValue, isAwaitNode } from '../core/compiledAsync';
import { createWordFilter } from '../core/textWords';
import { getThisClass } from '../core/thisBinding';

/**
 * The functions and methods this file awaits or chains (`await this.driver.sendCommand(…)`,
 * `client.fetch(…).then(…)`): the code says their calls return promises, even where nothing else does. A call of
 * the same callee dropped elsewhere in the file is then a dropped promise (lighthouse 6.1's fetcher awaited
 * `this.driver.sendCommand('Fetch.enable')` and dropped `this.driver.sendCommand('Fetch.continueRequest')`).
 *
 * Callees are the same when they are the same binding (a variable, or `this` of the same class) and the same
 * member path after it (`this.driver.sendCommand`); a member reached through a call or a computed key is not
 * compared. Only methods of collaborators count (`this.driver.sendCommand`, `db.query`): a class's own method
 * (`this.execCommand(multi, …)`) may return a promise for one argument and the builder for another, and its body
 * is what the local inference reads; `f.call(…)`/`apply`/`bind` are not methods of the value.
 */
export function isCalleeAwaitedInFile(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  // the text first: the method must be called somewhere else in the file before the file is walked for awaits
  const callee = skipExpressionWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  if (method === null || !mayAwaitMethod(sourceCode, method)) return false;
  const key = calleeKey(sourceCode, call.callee);
  return key !== null && awaitedCallees(sourceCode).has(key);
}

/**
 * Whether the file awaits or chains `reader` on the same receiver as `call`'s method (`await cache.get(…)` for
 * `cache.set(…)`): the receiver's other methods say what kind of object it is. Same receivers as
 * {@link isCalleeAwaitedInFile}.
 */
export function isSiblingMethodAwaitedInFile(sourceCode: SourceCode, call: TSESTree.CallExpression, reader: string): boolean {
  if (!mayAwaitMethod(sourceCode, reader)) return false;
  const key = calleeKey(sourceCode, call.callee);
  if (key === null) return false;
  return awaitedCallees(sourceCode).has(`${key.slice(0, key.lastIndexOf('.'))}.${reader}`);
}

const awaitedNamesCache = createFileCache<'names', ReadonlySet<string>>();

/**
 * Whether the text has `await ….method(` (`yield ….method(`) or `.method(…).then(` (`.catch(`, `.finally(`) on one line: the file is
 * walked for its awaited callees only then. One pass over the text per file collects every such method name.
 */
function mayAwaitMethod(sourceCode: SourceCode, method: string): boolean {
  const cache = awaitedNamesCache(sourceCode);
  let names = cache.get('names');
  if (!names) {
    const found = new Set<string>();
    for (const match of sourceCode.text.matchAll(AWAITED_METHOD)) found.add(match[1] ?? '');
    for (const match of sourceCode.text.matchAll(CHAINED_METHOD)) found.add(match[1] ?? '');
    names = found;
    cache.set('names', names);
  }
  return names.has(method);
}

/** The first method called after an `await` (or a compiled one's `yield`) on the same line: `await this.driver.sendCommand(` gives `sendCommand`. */
const AWAITED_METHOD = /\b(?:await|yield)\s[^\n;]{0,160}?\.([A-Za-z_$][\w$]*)\(/g;
/** A method whose call (without nested parentheses) is chained: `.load(id).then(`. */
const CHAINED_METHOD = /\.([A-Za-z_$][\w$]*)\([^()\n;]*\)\s*\.(?:then|catch|finally)\(/g;

const awaitedCache = createFileCache<'awaited', ReadonlySet<string>>();

function awaitedCallees(sourceCode: SourceCode): ReadonlySet<string> {
  const cache = awaitedCache(sourceCode);
  let keys = cache.get('awaited');
  if (!keys) {
    const found = new Set<string>();
    walk(sourceCode.ast, (node) => {
      if (!mayContainAwaitedCall(sourceCode, node)) return false;
      const awaited = awaitedCall(node);
      const key = awaited ? calleeKey(sourceCode, awaited.callee) : null;
      if (key !== null) found.add(key);
      return true;
    });
    keys = found;
    cache.set('awaited', keys);
  }
  return keys;
}

/**
 * Whether `node` can hold an `await` or a `.then(`/`.catch(`/`.finally(` chain: the walk skips the (most) subtrees
 * that spell none of the words. A backslash may spell a key with an escape (`p['th\x65n']`), so it counts too.
 */
const mayContainAwaitedCall = createWordFilter(/\b(?:await|yield|then|catch|finally)\b|\\/g);

/** The call `await f()` awaits (or its compiled `yield f()` in an `__awaiter` body), or `f().then(…)`/`.catch(…)`/`.finally(…)` chains on. */
function awaitedCall(node: TSESTree.Node): TSESTree.CallExpression | null {
  if (isAwaitNode(node)) {
    const argument = skipExpressionWrappers(getAwaitedValue(node));
    return argument.type === AST_NODE_TYPES.CallExpression ? argument : null;
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.parent?.type !== AST_NODE_TYPES.CallExpression || node.parent.callee !== node) return null;
  const method = getStaticPropertyName(node);
  if (method !== 'then' && method !== 'catch' && method !== 'finally') return null;
  const object = skipExpressionWrappers(node.object);
  return object.type === AST_NODE_TYPES.CallExpression ? object : null;
}

/** Numbers for bindings and classes, so that keys can name them. */
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identityOf(value: object): number {
  let identity = identities.get(value);
  if (identity === undefined) {
    identity = nextIdentity++;
    identities.set(value, identity);
  }
  return identity;
}

/** `v12.sendCommand` for `driver.sendCommand` (driver being binding 12), `c3.driver.sendCommand` for `this.driver.sendCommand` in class 3. */
function calleeKey(sourceCode: SourceCode, raw: TSESTree.Node): string | null {
  const chain = getStaticMemberPath(raw, 16);
  if (!chain) return null;
  const { start: node, path } = chain;
  const method = path[path.length - 1];
  if (method === undefined || method === 'call' || method === 'apply' || method === 'bind') return null;
  if (node.type === AST_NODE_TYPES.ThisExpression) {
    // compiled methods await their collaborators in `__awaiter` generators, which keep the method's `this`
    const classNode = getThisClass(node, true);
    return classNode && path.length > 1 ? `c${identityOf(classNode)}.${path.join('.')}` : null;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, node);
  const root = variable && variable.defs.length > 0 ? `v${identityOf(variable)}` : `g:${node.name}`;
  return [root, ...path].join('.');
}
