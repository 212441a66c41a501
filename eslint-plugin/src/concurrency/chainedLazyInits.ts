import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isThisAlias } from '../core/thisBinding';

/**
 * A cache filled in a promise chain's `.then` callback after a check that finds it empty: `if (cache[key]) return
 * Promise.resolve(cache[key]); return fetchConfiguration(options).then(function (configuration) { cache[key] = new
 * Client(configuration); … })`. The entry is set only when the fetch has finished, so every call that comes before that
 * finds it empty and fetches again (braintree-web 3.x made one client per overlapping `initialize`, angular-translate's
 * partial loader sent one request per overlapping load; both later kept the pending promise in the cache). The chain
 * form of `lazy-init` in `racesAcrossAwait.ts`, beside the error-first callback form of `callbackLazyInits.ts`.
 */
export interface ChainedLazyInit {
  /** The cache entry, as the check writes it (`cachedClients[options.authorization]`). */
  readonly state: string;
  /** The call whose promise the chain waits for (`getGatewayConfiguration(options)`). */
  readonly call: TSESTree.CallExpression;
  /** `cache[key] = …` or `cache.set(key, …)` in the `.then` callback. */
  readonly write: TSESTree.Node;
}

/** Fields and variables whose name says a pending load is tracked: the code shares it already. */
const PENDING_NAME = /pending|promise|loading|fetching|inflight|inFlight|queue|waiting|callbacks|requests/i;

/**
 * A cache entry: `this.f`, `this.f[k]`, `cache[k]` or `cache.get(k)` / `cache.has(k)` on a field or a module variable,
 * reduced to one text for both ends of the race (`self` of `var self = this` reads as `this`). Null for anything local
 * to a call, which no other call can see.
 */
function entryKey(sourceCode: SourceCode, raw: TSESTree.Node): string | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if ((method !== 'get' && method !== 'has') || node.arguments.length !== 1) return null;
    const owner = holderKey(sourceCode, (callee as TSESTree.MemberExpression).object);
    return owner === null ? null : `${owner}.get(${sourceCode.getText(node.arguments[0] as TSESTree.Node)})`;
  }
  return node.type === AST_NODE_TYPES.MemberExpression ? holderKey(sourceCode, node) : null;
}

/**
 * A field, a module variable or a member path on one (`this.cache`, `cache`, `this.tables[lang]`) as one text, `this`
 * for `this` and its aliases; null for a bare `this`, or a path rooted in anything local.
 */
function holderKey(sourceCode: SourceCode, raw: TSESTree.Node): string | null {
  let node = skipExpressionWrappers(raw);
  const parts: string[] = [];
  for (let depth = 0; depth < 6; depth++) {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = node.computed ? null : getStaticPropertyName(node);
      parts.unshift(name !== null ? `.${name}` : `[${sourceCode.getText(node.property)}]`);
      node = skipExpressionWrappers(node.object);
      continue;
    }
    const isThis = node.type === AST_NODE_TYPES.ThisExpression || (node.type === AST_NODE_TYPES.Identifier && isThisAlias(sourceCode, node));
    if (isThis) return parts.length > 0 ? `this${parts.join('')}` : null;
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariableOf(sourceCode, node);
    return variable && variable.scope.block.type === AST_NODE_TYPES.Program ? `${node.name}${parts.join('')}` : null;
  }
  return null;
}

/** The test's entry when it asks whether the entry is set (`cache[k]`, `cache.has(k)`), and whether it is negated. */
function checkedEntry(sourceCode: SourceCode, test: TSESTree.Expression): { key: string; node: TSESTree.Node; negated: boolean } | null {
  const bare = skipExpressionWrappers(test);
  const negated = bare.type === AST_NODE_TYPES.UnaryExpression && bare.operator === '!';
  const node = skipExpressionWrappers(negated ? (bare as TSESTree.UnaryExpression).argument : bare);
  const key = entryKey(sourceCode, node);
  return key === null ? null : { key, node, negated };
}

/** Whether the statement leaves the function whatever happens (`return …;`, `{ …; return …; }`, blocks in blocks). */
function alwaysReturns(statement: TSESTree.Statement): boolean {
  let current: TSESTree.Statement | undefined = statement;
  while (current?.type === AST_NODE_TYPES.BlockStatement) current = current.body[current.body.length - 1];
  return current?.type === AST_NODE_TYPES.ReturnStatement || current?.type === AST_NODE_TYPES.ThrowStatement;
}

/** The statements that run while the entry is unset: the negated check's branch, the `else`, or what follows `if (set) return …`. */
function unsetStatements(guard: TSESTree.IfStatement, negated: boolean): readonly TSESTree.Statement[] | null {
  const branch = negated ? guard.consequent : guard.alternate;
  if (branch) return branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
  if (negated || !alwaysReturns(guard.consequent) || guard.parent?.type !== AST_NODE_TYPES.BlockStatement) return null;
  const siblings = guard.parent.body;
  return siblings.slice(siblings.indexOf(guard) + 1);
}

/** `debug(…)`, `console.log(…)`, `this.logger.info(…)`: statements that change nothing of the race. */
function isLogStatement(statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(statement.expression.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name !== null && /^(?:debug|log|info|warn|trace|verbose)$/.test(name);
}

/** The chain `call(…).then(callback, …)` the statement returns or runs, with the first call of the chain. */
function chainOf(statement: TSESTree.Statement): { call: TSESTree.CallExpression; callback: FunctionNode; statement: TSESTree.Statement } | null {
  const expression = statement.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
  let node = expression ? skipExpressionWrappers(expression) : null;
  let callback: FunctionNode | null = null;
  for (let depth = 0; node?.type === AST_NODE_TYPES.CallExpression && depth < 8; depth++) {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return callback ? { call: node, callback, statement } : null;
    const method = getStaticPropertyName(callee);
    const first = node.arguments[0] ? skipExpressionWrappers(node.arguments[0] as TSESTree.Node) : null;
    if (method === 'then' && first && isFunctionNode(first)) callback = first;
    else if (method !== 'then' && method !== 'catch' && method !== 'finally') return callback ? { call: node, callback, statement } : null;
    node = skipExpressionWrappers(callee.object);
  }
  return null;
}

/**
 * Whether a written value is a constant (`true`, `!0`, `'done'`): a flag that says the work ran (`this.registered =
 * true`), not a cache of what it made; a flag set late is another shape (`initFlagLate` in `racesAcrossAwait.ts`).
 */
function isConstant(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.Literal || (node.type === AST_NODE_TYPES.UnaryExpression && skipExpressionWrappers(node.argument).type === AST_NODE_TYPES.Literal);
}

/** `key = …` or `map.set(k, …)` writing the entry, as its node (also when it writes a constant). */
function entryWrite(sourceCode: SourceCode, node: TSESTree.Node, key: string): TSESTree.Node | null {
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && entryKey(sourceCode, node.left) === key) return node;
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 2) return null;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'set') return null;
  const owner = holderKey(sourceCode, callee.object);
  return owner !== null && `${owner}.get(${sourceCode.getText(node.arguments[0] as TSESTree.Node)})` === key ? node : null;
}

/**
 * For `if (entry) return …;` followed by the chain (or `if (!entry) { … }` holding it, or its `else`): the race when the
 * statements that run while the entry is unset hold only declarations, logging and one `call(…).then(callback)` returned
 * or run, whose callback writes the entry without checking it again first; and the function writes the entry nowhere
 * else (no pending promise kept there) and nothing whose name says a pending load is tracked (`PENDING_NAME`); and what
 * it writes is not a constant (`isConstant`).
 */
export function findChainedLazyInit(sourceCode: SourceCode, guard: TSESTree.IfStatement): ChainedLazyInit | null {
  const checked = checkedEntry(sourceCode, guard.test);
  const fn = getEnclosingFunction(guard);
  if (!checked || !fn) return null;
  const statements = unsetStatements(guard, checked.negated);
  if (!statements) return null;
  let chain: ReturnType<typeof chainOf> = null;
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration || isLogStatement(statement)) continue;
    const found: ReturnType<typeof chainOf> = chain ? null : chainOf(statement);
    if (!found) return null;
    chain = found;
  }
  if (!chain) return null;
  const { call, statement: chained } = chain;
  const within = (node: TSESTree.Node, outer: TSESTree.Node): boolean => node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
  let write: TSESTree.Node | null = null;
  let rechecked = false;
  let elsewhere = false;
  walk(fn.body, (node) => {
    const found = entryWrite(sourceCode, node, checked.key);
    // in a handler of the chain (its `.then` callback, or the rejection handler's own chain), not in the call it waits for
    const inCallback = within(node, chained) && !within(node, call);
    if (found && !inCallback) elsewhere = true;
    else if (found && (write === null || found.range[0] < write.range[0])) write = found;
    if (pendingWrite(node)) elsewhere = true;
    if (inCallback && node !== checked.node && !found && entryKey(sourceCode, node) === checked.key && !isWriteTarget(node)) rechecked ||= write === null;
    return true;
  });
  const written = write as TSESTree.Node | null;
  if (!written || rechecked || elsewhere) return null;
  const value = written.type === AST_NODE_TYPES.AssignmentExpression ? written.right : (written as TSESTree.CallExpression).arguments[1];
  if (!value || isConstant(value)) return null;
  return { state: sourceCode.getText(checked.node), call: chain.call, write: written };
}

/** `this.pending = …`, `loading = true`: a write of something that tracks a pending load. */
function pendingWrite(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const target = skipExpressionWrappers(node.left);
  const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(target) : null;
  return name !== null && PENDING_NAME.test(name);
}

/** The left side of an assignment (a write, not a read). */
function isWriteTarget(node: TSESTree.Node): boolean {
  const position = getOutermostWrapper(node);
  return position.parent?.type === AST_NODE_TYPES.AssignmentExpression && position.parent.left === position;
}
