import type { TSESTree } from '@typescript-eslint/utils';

import { type AwaitNode, getAwaitedValue, isAsyncBody, isAwaitNode, isCompiledAwait } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { contains, type FunctionNode, getEnclosingFunction, getFunctionName, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { getExpressionWords, splitIdentifierWords } from '../core/nameWords';
import { findVariableOf, getConstInit, isNeverReassigned } from '../core/scope';
import { missingValueOf, presentValueOf, returnsAlways } from '../roles/lazyInitialization';
import { findStateReads, getSharedState, isStateWrittenBetween, isTouchedConcurrently, type SharedState, stateText } from './sharedState';
import { findLateReset } from './lateResets';
import { isFirstStepOfSeveralFunctions } from '../roles/concurrentCalls';
import { isTimeReading } from '../modules/clockReadings';
import { resolveLocalCallables } from '../modules/localFunctions';

/**
 * Shared state read before an `await` and written after it from that read, in a function that can run
 * concurrently with itself (asyncio's "use a Lock" pitfall). Six shapes, and only these:
 * - `lazy-init`: `if (!this.conn) { this.conn = await connect(); }` (or `if (this.conn) return this.conn;`
 *   before it, or `this.conn ??= await connect()`): two overlapping calls both find it missing, both connect,
 *   and the later one overwrites the first;
 * - `check-then-set`: `if (!cache.has(key)) cache.set(key, await load(key))`: both miss, both load;
 * - `read-modify-write`: `this.total = this.total + await price(item)`, `total += await price(item)`, or a
 *   local snapshot (`const next = this.seq + 1; await save(next); this.seq = next;`): an update made by the
 *   other call in between is lost;
 * - `time-window`: `if (now >= this.lastRequest + interval) { await heartbeat(); this.lastRequest = Date.now(); }`
 *   (a throttle or an expiry): every call that overlaps the `await` passes the test too;
 * - `counted-late`: `while (running < limit) { const next = await queue.next(); running++; … }`: a count compared
 *   with a limit and raised only after the `await`, so every call that overlaps it passes the check (a limiter
 *   that lets more through than its limit);
 * - `published-early`: `if (!ctx) { ctx = new Context(); await ctx.register(…); }`: the value is stored before
 *   the `await`s that prepare it, so an overlapping call finds it set, skips the preparation and uses it
 *   half-ready.
 * - `init-flag`: `if (this.initialized) return; await this.createTables(); this.initialized = true;` in an
 *   initialisation step that several functions of the file await as their first statement: two operations started
 *   together both find the flag unset and both run the initialisation.
 * - `reset-late`: `await post(JSON.stringify(this.pending)); this.pending = {};` where other code of the file adds to
 *   `this.pending`: what is added while the `await` waits is emptied unread, and an overlapping flush sends the same
 *   entries again.
 * - `swapped-state`: `const previous = { ...process.env }; try { …; await run(); } finally { process.env = previous; }`
 *   (`swappedState.ts`): overlapping calls see each other's value while they wait, and one that starts during
 *   another's swap puts that value back at its end.
 * Not a race: a write before the first `await` (a placeholder or pending promise is stored at once), a second
 * check of the state after the `await`, awaiting shared state (`await this.connecting`: a join, not new
 * work), a value that does not come from this call's work (`this.ready = true`) outside such a step.
 */
export type RaceKind = 'lazy-init' | 'check-then-set' | 'read-modify-write' | 'time-window' | 'counted-late' | 'published-early' | 'init-flag' | 'reset-late' | 'swapped-state';

export interface Race {
  readonly kind: RaceKind;
  /** The shared state: the value itself, or the cache (map or object) for `check-then-set`. */
  readonly state: SharedState;
  /** The read (the check, or the read the new value is computed from). */
  readonly read: TSESTree.Node;
  /** The `await` between the read and the write. */
  readonly awaitNode: AwaitNode;
  /** The write. */
  readonly write: TSESTree.Node;
  /** The function in which the three happen. */
  readonly functionNode: FunctionNode;
  /**
   * The method of the class that makes the write, when the function leaves it to one it awaits (`if (!this.token ||
   * expired(this.token)) await this.refresh();` with `const response = await fetchToken(); this.token = response;` in
   * `refresh`); the write is then in that method. A write holding the method's first `await` itself (`this.token =
   * await fetchToken()`) is not followed (`findDelegatedWrite`).
   */
  readonly writer?: FunctionNode;
  /**
   * A `time-window` race whose state an early return hands back while it is fresh (`if (expiresAt > Date.now()) return
   * token;`), renewed by the code after it: a token or a cache entry renewed once per overlapping caller.
   */
  readonly renewal?: boolean;
}

/**
 * `if (!state) { … state = await … }` or `if (state) return state; … state = await …`: lazy initialisation or a
 * cache fill; `if (!state) { state = new X(); await state.init(); }`: a value published before it is ready; `if
 * (count < limit)` / `while (count < limit)` with the count raised after an `await`.
 */
export function findGuardedRace(sourceCode: SourceCode, guard: TSESTree.IfStatement | TSESTree.WhileStatement): Race | null {
  const fn = getEnclosingFunction(guard);
  if (!fn || !isAsyncBody(fn)) return null;
  const awaits = awaitsOf(sourceCode, fn);
  if (awaits.length === 0) return null;
  if (guard.type === AST_NODE_TYPES.WhileStatement) return findCountedRace(sourceCode, guard, guard.body, awaits, fn);
  const missing = findMissingValue(sourceCode, guard.test, guard.consequent);
  const timed = missing ? null : findTimedState(sourceCode, guard.test, [guard.consequent]);
  if (!missing && !timed) {
    const counted = findCountedRace(sourceCode, guard, guard.consequent, awaits, fn);
    if (counted) return counted;
  }
  let region: { start: number; end: number; nodes: TSESTree.Node[] };
  let checked: TSESTree.Expression;
  let expiring = false;
  if (missing || timed) {
    checked = (missing ?? timed) as TSESTree.Expression;
    region = { start: guard.consequent.range[0], end: guard.consequent.range[1], nodes: [guard.consequent] };
  } else {
    // if (cached) return cached; [else] { … }: what follows the early return (its `else`, then the statements after the `if`)
    const present = presentValueOf(guard.test);
    const list = guard.parent.type === AST_NODE_TYPES.BlockStatement ? guard.parent.body : null;
    if (!list || !returnsAlways(guard.consequent)) return null;
    // if (expiresAt > Date.now()) return token; … token = await renew(): the same early return, on a time test,
    // reaching out of the `if` blocks around it (`if (token) { if (fresh) return token; }`)
    const following: TSESTree.Node[] = [...(guard.alternate ? [guard.alternate] : []), ...(present ? list.slice(list.indexOf(guard) + 1) : followingStatements(guard, fn))];
    const last = following[following.length - 1];
    const renewed = present || !last ? null : findRenewedOnExpiry(sourceCode, guard, following);
    if (!last || (!present && !renewed)) return null;
    expiring = renewed !== null;
    checked = (present ?? renewed) as TSESTree.Expression;
    region = { start: guard.consequent.range[1], end: last.range[1], nodes: following };
  }
  // const client = clients.get(id); if (client) return client; …: the local stands for the cache entry it read
  const alias = skipExpressionWrappers(checked);
  if (alias.type === AST_NODE_TYPES.Identifier) {
    const init = getConstInit(sourceCode, alias);
    if (init && (init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.CallExpression) && getEnclosingFunction(init) === fn) checked = init;
  }
  const described = describeCheckedValue(sourceCode, checked);
  const target = described && (timed || expiring) ? { ...described, kind: 'time-window' as const } : described;
  const state = target ? getSharedState(sourceCode, target.stateNode, fn) : null;
  if (!target || !state) return null;
  const awaitsInRegion = awaits.filter((node) => node.range[0] >= region.start && node.range[1] <= region.end);
  const firstAwait = awaitsInRegion[0];
  if (!firstAwait) return null;
  // (a time window cleared before the work, `expiresAt = null`, is still open: the next caller finds it expired too)
  const writes = findWrites(sourceCode, region.nodes, target.key).filter((write) => target.kind !== 'time-window' || !isClearingValue(write.value));
  // The state is written before anything is awaited (a placeholder, a pending promise): the next caller sees it,
  // ready unless this call goes on to prepare it (published early).
  const early = writes.find((write) => write.node.range[1] <= firstAwait.range[0]);
  if (early) {
    if (timed || target.kind !== 'lazy-init') return null;
    const preparation = findPreparation(sourceCode, early, target.key, awaitsInRegion);
    if (!preparation || holdsLock(awaits, guard) || !isTouchedConcurrently(sourceCode, state, fn)) return null;
    return { kind: 'published-early', state, read: checked, awaitNode: preparation, write: early.node, functionNode: fn };
  }
  const write = writes.find((candidate) => candidate.node.range[1] >= firstAwait.range[1]);
  if (!write) {
    if (writes.length > 0 || target.kind !== 'lazy-init' || state.kind !== 'member' || !testsForStaleness(sourceCode, guard.test, checked, target.key)) return null;
    const delegated = findDelegatedWrite(sourceCode, awaitsInRegion, target.key);
    if (!delegated || holdsLock(awaits, guard) || !isTouchedConcurrently(sourceCode, state, fn)) return null;
    return { kind: 'lazy-init', state, read: checked, awaitNode: delegated.awaitNode, write: delegated.write.node, functionNode: fn, writer: delegated.writer };
  }
  const before = awaitsInRegion.filter((node) => node.range[1] <= write.node.range[1]);
  const lastAwait = before[before.length - 1];
  const working = before.filter(startsWork);
  if (!lastAwait || working.length === 0) return null;
  if (working.every((node) => joinsPendingRequest(sourceCode, node)) && comesFromAwaits(sourceCode, write.value, working)) return null;
  if (isCheckedAgain(sourceCode, write.node, target.stateNode, lastAwait, region.start)) return null;
  const kind = comesFromThisRun(sourceCode, write.value, region.start, fn) ? target.kind : raisesInitFlag(sourceCode, write, target.kind, state, fn) ? 'init-flag' : null;
  if (!kind) return null;
  if (holdsLock(awaits, guard) || !isTouchedConcurrently(sourceCode, state, fn)) return null;
  return { kind, state, read: checked, awaitNode: lastAwait, write: write.node, functionNode: fn, ...(expiring ? { renewal: true } : {}) };
}

/**
 * `this.initialized = true` after the work, in a step that several functions of the file await first (`await
 * this.init();` opening every operation): operations started together overlap in it. A flag set where nothing
 * shows the step is shared (a `connect()` the user calls once) is not taken.
 */
function raisesInitFlag(sourceCode: SourceCode, write: Write, kind: RaceKind, state: SharedState, fn: FunctionNode): boolean {
  const value = skipExpressionWrappers(write.value);
  if (kind !== 'lazy-init' || state.kind === 'captured' || value.type !== AST_NODE_TYPES.Literal || value.value !== true) return false;
  return isFirstStepOfSeveralFunctions(sourceCode, fn);
}

/**
 * `!state || isExpired(state)`: besides finding the state missing, the test finds it stale through another
 * operand of `||` that reads it (an expiry, a closed connection). Such state is renewed while the program serves,
 * not once at start-up (`if (!this.seedBroker) await this.createSeedBroker()`), so calls that overlap the renewal
 * are the normal case; only then is lazy initialisation followed into a method it awaits.
 */
function testsForStaleness(sourceCode: SourceCode, test: TSESTree.Expression, missing: TSESTree.Node, key: string): boolean {
  const value = skipExpressionWrappers(test);
  if (value.type !== AST_NODE_TYPES.LogicalExpression || value.operator !== '||') return false;
  const holdsMissing = (operand: TSESTree.Node): boolean => operand.range[0] <= missing.range[0] && missing.range[1] <= operand.range[1];
  return [value.left, value.right].some((operand) => !holdsMissing(operand) && findStateReads(sourceCode, operand, key).length > 0);
}

/**
 * `await this.refresh()` in the guarded code, where `refresh` is a method of the class that writes the state (named
 * `key`) only after an `await` of its own that starts work, from that work, without checking it again: the
 * guarded code hands its lazy initialisation to the method (a token refresh), and overlapping callers each run it.
 */
function findDelegatedWrite(sourceCode: SourceCode, awaits: readonly AwaitNode[], key: string): { awaitNode: AwaitNode; write: Write; writer: FunctionNode } | null {
  for (const awaitNode of awaits) {
    const call = skipExpressionWrappers(getAwaitedValue(awaitNode));
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) continue;
    const methods = resolveLocalCallables(sourceCode, callee).filter(isFunctionNode);
    const writer = methods.length === 1 ? methods[0] : undefined;
    if (!writer || !isAsyncBody(writer)) continue;
    const own = awaitsOf(sourceCode, writer);
    const first = own[0];
    // the method's first write of the state, after its first `await` (no placeholder stored before it)
    const write = findWrites(sourceCode, [writer.body], key)[0];
    if (!first || !write || write.node.range[0] < first.range[1]) continue;
    const before = own.filter((node) => node.range[1] <= write.node.range[0]);
    const last = before[before.length - 1];
    if (!last || !before.some(startsWork) || holdsLock(own, write.node)) continue;
    const stateNode = write.node.type === AST_NODE_TYPES.AssignmentExpression ? write.node.left : null;
    if (!stateNode || isCheckedAgain(sourceCode, write.node, stateNode, last, writer.body.range[0])) continue;
    if (!comesFromThisRun(sourceCode, write.value, writer.body.range[0], writer)) continue;
    return { awaitNode, write, writer };
  }
  return null;
}

/**
 * The first `await` that prepares the value `early` stored: a method of it awaited after the store (`await
 * ctx.register(…)`), when the stored value is made here (`new Context()`, `createClient()`). Not a promise joined
 * (`await state`) or chained (`await state.then(…)`), and not a store under a plain `=` of something else.
 */
function findPreparation(sourceCode: SourceCode, early: Write, key: string, awaits: readonly AwaitNode[]): AwaitNode | null {
  const value = skipExpressionWrappers(early.value);
  if (early.node.type !== AST_NODE_TYPES.AssignmentExpression || early.node.operator !== '=') return null;
  if (value.type !== AST_NODE_TYPES.NewExpression && value.type !== AST_NODE_TYPES.CallExpression) return null;
  return (
    awaits.find((awaited) => {
      if (awaited.range[0] < early.node.range[1]) return false;
      const call = skipExpressionWrappers(getAwaitedValue(awaited));
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticPropertyName(callee);
      return method !== null && !PROMISE_METHODS.has(method) && stateText(sourceCode, callee.object) === key;
    }) ?? null
  );
}

const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * `while (running < limit) { const next = await iterator.next(); running++; … }` (or the same under an `if`): a
 * count compared with a limit and raised only after an `await` that starts work, so overlapping calls all pass
 * the check. Not when the count is raised before the first `await` (the slot is taken at once), or checked again
 * after the `await`.
 */
function findCountedRace(
  sourceCode: SourceCode,
  guard: TSESTree.IfStatement | TSESTree.WhileStatement,
  guarded: TSESTree.Statement,
  awaits: readonly AwaitNode[],
  fn: FunctionNode,
): Race | null {
  const count = findCountedState(sourceCode, guard.test, guarded);
  const state = count ? getSharedState(sourceCode, count, fn) : null;
  if (!count || !state) return null;
  const inRegion = awaits.filter((node) => node.range[0] >= guarded.range[0] && node.range[1] <= guarded.range[1]);
  const firstAwait = inRegion[0];
  const raises = findRaises(sourceCode, guarded, stateText(sourceCode, count));
  const raise = raises[0];
  if (!firstAwait || !raise || raise.range[1] <= firstAwait.range[0]) return null;
  const before = inRegion.filter((node) => node.range[1] <= raise.range[0]);
  const lastAwait = before[before.length - 1];
  if (!lastAwait || !before.some(startsWork)) return null;
  if (isCheckedAgain(sourceCode, raise, count, lastAwait, guarded.range[0])) return null;
  if (holdsLock(awaits, guard) || !isTouchedConcurrently(sourceCode, state, fn)) return null;
  return { kind: 'counted-late', state, read: count, awaitNode: lastAwait, write: raise, functionNode: fn };
}

/** The one state a test compares with a limit (`running < limit`, `this.active >= this.max`) and `guarded` raises. */
function findCountedState(sourceCode: SourceCode, test: TSESTree.Expression, guarded: TSESTree.Node): TSESTree.Expression | null {
  const found: TSESTree.Expression[] = [];
  for (const comparison of orderComparisons(test)) {
    for (const term of [...sumTerms(comparison.left), ...sumTerms(comparison.right)]) {
      if (!isStateLike(term) || isTimeReading(sourceCode, term)) continue;
      if (findRaises(sourceCode, guarded, stateText(sourceCode, term)).length > 0) found.push(term as TSESTree.Expression);
    }
  }
  return theOneState(sourceCode, found);
}

/** The terms of each order comparison of `test` that reads the clock (`expiresAt > Date.now() + 500` → its three terms). */
function clockComparisonTerms(sourceCode: SourceCode, test: TSESTree.Expression): TSESTree.Node[][] {
  return orderComparisons(test)
    .map((comparison) => [...sumTerms(comparison.left), ...sumTerms(comparison.right)])
    .filter((terms) => terms.some((term) => isTimeReading(sourceCode, term)));
}

/** The state `found` names, when every entry names the same one; null for none or several. */
function theOneState(sourceCode: SourceCode, found: readonly TSESTree.Expression[]): TSESTree.Expression | null {
  const [state, ...others] = found;
  return state && others.every((other) => stateText(sourceCode, other) === stateText(sourceCode, state)) ? state : null;
}

/** The order comparisons of a test, through `&&`, `||` and `!`. */
function orderComparisons(test: TSESTree.Expression): TSESTree.BinaryExpression[] {
  const comparisons: TSESTree.BinaryExpression[] = [];
  const operands: TSESTree.Node[] = [test];
  while (operands.length > 0) {
    const operand = skipExpressionWrappers(operands.pop() as TSESTree.Node);
    if (operand.type === AST_NODE_TYPES.LogicalExpression) operands.push(operand.right, operand.left);
    else if (operand.type === AST_NODE_TYPES.UnaryExpression && operand.operator === '!') operands.push(operand.argument);
    else if (operand.type === AST_NODE_TYPES.BinaryExpression && ORDER_COMPARISONS.has(operand.operator)) comparisons.push(operand);
  }
  return comparisons;
}

/** `count++`, `++count`, `count += n` of the state named `text` in `root` (not in nested functions), in source order. */
function findRaises(sourceCode: SourceCode, root: TSESTree.Node, text: string): TSESTree.Node[] {
  const raises: TSESTree.Node[] = [];
  walk(root, (node) => {
    if (isFunctionNode(node)) return false;
    const target =
      node.type === AST_NODE_TYPES.UpdateExpression && node.operator === '++'
        ? node.argument
        : node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '+='
          ? node.left
          : null;
    if (target && stateText(sourceCode, target) === text) raises.push(node);
    return true;
  });
  return raises;
}

/** `state ??= await load()`, `state ||= await load()`, `state = state || await load()`, `x += await y`, `x = x + await y`, `x = snapshot + 1`. */
export function findAssignmentRace(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): Race | null {
  const fn = getEnclosingFunction(assignment);
  if (!fn || !isAsyncBody(fn)) return null;
  const left = assignment.left;
  if (left.type !== AST_NODE_TYPES.Identifier && left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const awaits = awaitsOf(sourceCode, fn);
  if ((awaits[0]?.range[0] ?? Infinity) > assignment.range[1]) return null;
  // Most assignments in async code are to locals: the cheap question first.
  const state = getSharedState(sourceCode, left, fn);
  if (!state) return null;
  const found = classifyAssignment(sourceCode, assignment, awaits, fn);
  if (!found || holdsLock(awaits, found.read) || !isTouchedConcurrently(sourceCode, state, fn)) return null;
  return { ...found, state, write: assignment, functionNode: fn };
}

type AssignmentShape = Pick<Race, 'kind' | 'read' | 'awaitNode'>;

const ARITHMETIC_ASSIGNMENTS: ReadonlySet<string> = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);

function classifyAssignment(
  sourceCode: SourceCode,
  assignment: TSESTree.AssignmentExpression,
  awaits: readonly AwaitNode[],
  fn: FunctionNode,
): AssignmentShape | null {
  const { left, operator, right } = assignment;
  const within = awaits.filter((node) => node.range[0] >= right.range[0] && node.range[1] <= right.range[1]);
  const firstWithin = within[0];
  if (operator === '??=' || operator === '||=') {
    return firstWithin && startsWork(firstWithin) ? { kind: 'lazy-init', read: left, awaitNode: firstWithin } : null;
  }
  if (ARITHMETIC_ASSIGNMENTS.has(operator)) return firstWithin ? { kind: 'read-modify-write', read: left, awaitNode: firstWithin } : null;
  if (operator !== '=') return null;
  const text = stateText(sourceCode, left);
  const value = skipExpressionWrappers(right);
  // state = state || await load()
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&' && stateText(sourceCode, value.left) === text) {
    const awaited = within.find((node) => node.range[0] >= value.right.range[0]);
    return awaited && startsWork(awaited) ? { kind: 'lazy-init', read: value.left, awaitNode: awaited } : null;
  }
  if (firstWithin) {
    // state = state + await x, state = await reduce(state, action): read, then suspended, then written
    const reads = findStateReads(sourceCode, right, text);
    const read = reads.find((candidate) => isOperandOfValue(candidate, right) && within.some((node) => candidate.range[0] < node.range[1]));
    const awaited = read && within.find((node) => read.range[0] < node.range[1]);
    // A read after the await (state = (await x) + state) is fresh: nothing is lost.
    if (!read || !awaited || reads.some((candidate) => candidate.range[0] >= awaited.range[1])) return null;
    return { kind: 'read-modify-write', read, awaitNode: awaited };
  }
  const snapshot = findSnapshotWrite(sourceCode, assignment, text, awaits, fn);
  if (snapshot) return snapshot;
  const reset = findLateReset(sourceCode, assignment, text, awaits, fn);
  return reset ? { kind: 'reset-late', ...reset } : null;
}

/** `const next = this.seq + 1; await save(next); this.seq = next;`: the new value comes from a read taken before an `await`. */
function findSnapshotWrite(
  sourceCode: SourceCode,
  assignment: TSESTree.AssignmentExpression,
  text: string,
  awaits: readonly AwaitNode[],
  fn: FunctionNode,
): AssignmentShape | null {
  // A fresh read of the state in the new value: the code accounts for what happened meanwhile.
  if (findStateReads(sourceCode, assignment.right, text).length > 0) return null;
  let found: AssignmentShape | null = null;
  walk(assignment.right, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type !== AST_NODE_TYPES.Identifier) return true;
    const variable = findVariableOf(sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || definition?.type !== 'Variable' || !isNeverReassigned(variable) || variable.scope.variableScope.block !== fn) return true;
    const init = definition.node.init;
    if (!init || definition.node.id.type !== AST_NODE_TYPES.Identifier) return true;
    const read = findStateReads(sourceCode, init, text).find((candidate) => isOperandOfValue(candidate, init));
    const awaited = read && awaits.find((candidate) => candidate.range[0] >= init.range[1] && candidate.range[1] <= assignment.range[0]);
    if (read && awaited && !containsAwait(init) && !isStateWrittenBetween(sourceCode, fn, text, init.range[1], assignment.range[0])) {
      found = { kind: 'read-modify-write', read, awaitNode: awaited };
    }
    return true;
  });
  return found;
}

/** The value a guard tests, and what writing it looks like: the state itself, or a key of a cache. */
interface CheckedValue {
  readonly kind: 'lazy-init' | 'check-then-set' | 'time-window';
  /** The text of a write target that fills the value (`this.conn`, `cache[key]`). */
  readonly key: string;
  /** The shared state to look up: the value, or the cache object. */
  readonly stateNode: TSESTree.Node;
}

function describeCheckedValue(sourceCode: SourceCode, checked: TSESTree.Expression): CheckedValue | null {
  const value = skipExpressionWrappers(checked);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    // map.has(key), map.get(key)
    const callee = skipExpressionWrappers(value.callee);
    const [key] = value.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !key) return null;
    const entry = `${stateText(sourceCode, callee.object)}[${stateText(sourceCode, key)}]`;
    const noun = entryNoun(getStaticPropertyName(callee), READ_PREFIX);
    if (noun === null) return { kind: 'check-then-set', key: entry, stateNode: callee.object };
    // `this._getFromCache(key)`: the instance's own accessor of its store; the state is that accessor's store
    const stateNode = skipExpressionWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression ? callee : callee.object;
    return { kind: 'check-then-set', key: `${entry}#${noun}`, stateNode };
  }
  if (value.type === AST_NODE_TYPES.MemberExpression && value.computed && skipExpressionWrappers(value.property).type !== AST_NODE_TYPES.Literal) {
    return { kind: 'check-then-set', key: stateText(sourceCode, value), stateNode: value.object };
  }
  if (value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.Identifier) {
    return { kind: 'lazy-init', key: stateText(sourceCode, value), stateNode: value };
  }
  return null;
}

/**
 * `getSchema(id)`, `hasSchema(id)`: a store's read of one kind of entry; `setSchema(id, v)` writes that kind. Also
 * a private accessor and a preposition before the noun: `_getFromCache(key)` reads and `_putToCache(value, key)` writes
 * the kind `Cache`.
 */
const READ_PREFIX = /^_?(?:get|has)(?:From|In)?([A-Z]\w*)$/;
const WRITE_PREFIX = /^_?(?:set|put)(?:To|In|Into)?([A-Z]\w*)$/;

/**
 * The kind of entry a store's method reads or writes (`Schema` for `getSchema`/`setSchema`), or null for the plain
 * `get`/`has`/`set` of a map. A cache object with one pair per kind of entry (`this.cache.getSchema(id)` …
 * `this.cache.setSchema(id, schema)`) is checked and filled like a map (@kafkajs/confluent-schema-registry 1.0.6
 * made concurrent cache misses for one schema share a single request).
 */
function entryNoun(method: string | null, prefix: RegExp): string | null {
  return method === null ? null : (prefix.exec(method)?.[1] ?? null);
}

/**
 * The value a test finds missing, also as one operand of `||` (`!this.conn || this.conn.destroyed`), or as one
 * operand of `&&` whose other operands read nothing the guarded code writes and no member of `this` (`!isSSL &&
 * !this.config.httpAgent`: a plain condition beside the check; not `!this.conn && !this.connecting`, a second flag
 * the code sets itself).
 */
function findMissingValue(sourceCode: SourceCode, test: TSESTree.Expression, guarded: TSESTree.Node): TSESTree.Expression | null {
  for (const operand of logicalOperands(test, '||')) {
    const missing = operand.type === AST_NODE_TYPES.LogicalExpression && operand.operator === '&&' ? missingConjunct(sourceCode, operand, guarded) : missingValueOf(operand);
    if (missing) return missing;
  }
  return null;
}

/** `a && !state && b`: the one conjunct that finds the state missing, when the others read nothing `guarded` writes. */
function missingConjunct(sourceCode: SourceCode, test: TSESTree.LogicalExpression, guarded: TSESTree.Node): TSESTree.Expression | null {
  const conjuncts = logicalOperands(test, '&&');
  // the conjunct whose missing value the guarded code fills in (`!this.httpAgent`, not `!isSSL`), also as one operand
  // of an `||` conjunct (`!this.zh.interviewing && (!this.definition || ignoreCache)`)
  const isFilled = (missing: TSESTree.Expression | null): boolean => {
    const target = missing ? describeCheckedValue(sourceCode, missing) : null;
    return target !== null && findWrites(sourceCode, [guarded], target.key).length > 0;
  };
  const filled = conjuncts.map((conjunct) => {
    const candidates = conjunct.type === AST_NODE_TYPES.LogicalExpression && conjunct.operator === '||' ? logicalOperands(conjunct, '||').map(missingValueOf) : [missingValueOf(conjunct)];
    const found = candidates.filter(isFilled);
    return found.length === 1 ? (found[0] as TSESTree.Expression) : null;
  });
  const index = filled.findIndex((value) => value !== null);
  if (index < 0 || filled.some((value, other) => value !== null && other !== index)) return null;
  const missing = filled[index] as TSESTree.Expression;
  const written = writtenTargets(sourceCode, guarded);
  // (a member of `this` beside the check, `!this.options.context && this.options.contextPath`, is the object's
  // configuration choosing what to fill: on real code, options filled once by a command, not a race; a property of
  // another member, `!this.zh.interviewing` beside `!this.definition`, is the state of another object, read as a
  // plain condition)
  const readsWritten = conjuncts.some(
    (conjunct, other) =>
      other !== index &&
      !isAwaitedSource(sourceCode, conjunct, guarded) &&
      someNodeWithin(
        conjunct,
        (node) =>
          (node.type === AST_NODE_TYPES.ThisExpression && !isPropertyOfOtherMember(node, missing)) ||
          (isStateLike(node) && written.has(stateText(sourceCode, node))),
        (node) => !isFunctionNode(node),
      ),
  );
  return readsWritten ? null : missing;
}

/**
 * A conjunct that only asks whether the instance has the source of the value (`this.configProvider` in `if
 * (!this.config && this.configProvider) { this.config = await this.configProvider(); }`): a member of `this`, read
 * as it is (or `typeof … === 'function'`), that `guarded` awaits or awaits a call of, and does not write. It tells
 * where the value comes from, not that the work has started, so it guards nothing (@aws-sdk/node-http-handler 3.74
 * resolved its config provider once per handler instead).
 */
function isAwaitedSource(sourceCode: SourceCode, conjunct: TSESTree.Expression, guarded: TSESTree.Node): boolean {
  let read = skipExpressionWrappers(conjunct);
  if (read.type === AST_NODE_TYPES.BinaryExpression && (read.operator === '===' || read.operator === '==') && read.left.type === AST_NODE_TYPES.UnaryExpression && read.left.operator === 'typeof') {
    read = skipExpressionWrappers(read.left.argument);
  }
  if (read.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(read.object).type !== AST_NODE_TYPES.ThisExpression || getStaticPropertyName(read) === null) return false;
  const text = stateText(sourceCode, read);
  if (findWrites(sourceCode, [guarded], text).length > 0) return false;
  const fn = getEnclosingFunction(guarded);
  return (fn ? awaitsOf(sourceCode, fn) : []).some((node) => {
    if (!contains(guarded, node)) return false;
    const awaited = skipExpressionWrappers(getAwaitedValue(node));
    const source = awaited.type === AST_NODE_TYPES.CallExpression ? skipExpressionWrappers(awaited.callee) : awaited;
    return source.type === AST_NODE_TYPES.MemberExpression && stateText(sourceCode, source) === text;
  });
}

/** The operands of a chain of `&&` (or of `||`), in source order. */
function logicalOperands(test: TSESTree.Expression, operator: '&&' | '||'): TSESTree.Expression[] {
  const found: TSESTree.Expression[] = [];
  const pending: TSESTree.Expression[] = [test];
  while (pending.length > 0) {
    const current = skipExpressionWrappers(pending.pop() as TSESTree.Expression) as TSESTree.Expression;
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === operator) pending.push(current.right, current.left);
    else found.push(current);
  }
  return found;
}

/**
 * `this` read as `this.a.b` (a property of the member `a`, read and not called), where the missing value is not
 * `this.a` nor below it: the state of another object the instance holds, not a flag or option of the instance beside
 * the filled value.
 */
function isPropertyOfOtherMember(self: TSESTree.ThisExpression, missing: TSESTree.Expression): boolean {
  const member = self.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== self || member.computed) return false;
  const inner = member.parent;
  if (inner?.type !== AST_NODE_TYPES.MemberExpression || inner.object !== member) return false;
  // (read, not called: `this.capabilities.has('ID')` asks the connection's options what to do)
  const read = getOutermostWrapper(inner);
  if (read.parent?.type === AST_NODE_TYPES.CallExpression && read.parent.callee === read) return false;
  const name = getStaticPropertyName(member);
  let root: TSESTree.Node = skipExpressionWrappers(missing);
  while (root.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(root.object).type !== AST_NODE_TYPES.ThisExpression) root = skipExpressionWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.MemberExpression) return true;
  return name !== null && getStaticPropertyName(root) !== name;
}

/**
 * The state a test compares with the current time and `guarded` writes: `this.lastRequest` in `if (now >=
 * this.lastRequest + interval) { await heartbeat(); this.lastRequest = Date.now(); }` (a throttle), or an expiry
 * (`if (Date.now() > this.expiresAt)`). Through `&&`, `||` and `!`; exactly one such state, or null.
 */
function findTimedState(sourceCode: SourceCode, test: TSESTree.Expression, regions: readonly TSESTree.Node[]): TSESTree.Expression | null {
  const found: TSESTree.Expression[] = [];
  for (const terms of clockComparisonTerms(sourceCode, test)) {
    for (const term of terms) {
      if ((term.type === AST_NODE_TYPES.MemberExpression || term.type === AST_NODE_TYPES.Identifier) && !isTimeReading(sourceCode, term)) {
        if (findWrites(sourceCode, regions, stateText(sourceCode, term)).length > 0) found.push(term);
      }
    }
  }
  return theOneState(sourceCode, found);
}

/**
 * What an early return on a time test hands back while it is fresh, when the code after it renews it: `token` in
 * `if (expiresAt > Date.now()) return token; … token = await fetchToken();` (or the time state itself, when the
 * returned value is not renewed there). Null when the test compares no time or nothing it returns is renewed.
 */
function findRenewedOnExpiry(sourceCode: SourceCode, guard: TSESTree.IfStatement, following: readonly TSESTree.Node[]): TSESTree.Expression | null {
  if (clockComparisonTerms(sourceCode, guard.test).length === 0) return null;
  const returned = returnedValue(guard.consequent);
  const renewed =
    returned && isStateLike(returned) && findWrites(sourceCode, following, stateText(sourceCode, returned)).length > 0
      ? (returned as TSESTree.Expression)
      : findTimedState(sourceCode, guard.test, following);
  return renewed && namesCredential(sourceCode, renewed, guard) ? renewed : null;
}

/**
 * Renewing a credential twice is what breaks (a refresh token that works once, an identity service's rate limit);
 * a cached version number or listing fetched twice only costs a request. The state or the function says which:
 * `data.idToken`, `this.credentials`, `getAuthHeaders()`.
 */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set(['token', 'tokens', 'credential', 'credentials', 'creds', 'auth', 'session', 'jwt', 'bearer', 'login', 'secret', 'secrets']);

function namesCredential(sourceCode: SourceCode, state: TSESTree.Node, guard: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(guard);
  const names = [...stateText(sourceCode, state).split(/[^A-Za-z0-9_$]+/), (fn ? getFunctionName(fn) : null) ?? ''];
  return names.some((name) => name !== '' && splitIdentifierWords(name).some((word) => CREDENTIAL_WORDS.has(word)));
}

/** The value the last statement of an early return gives back (`return this.token;`), wrappers removed. */
function returnedValue(statement: TSESTree.Statement): TSESTree.Node | null {
  let current: TSESTree.Statement | undefined = statement;
  while (current?.type === AST_NODE_TYPES.BlockStatement) current = current.body[current.body.length - 1];
  return current?.type === AST_NODE_TYPES.ReturnStatement && current.argument ? skipExpressionWrappers(current.argument) : null;
}

/**
 * The statements that run after `statement` when it does not return: those after it in its block, then, out of each
 * `if` around it, those after that `if`, up to the function's body. Not out of a loop, a `try` or a nested function.
 */
function followingStatements(statement: TSESTree.Statement, fn: FunctionNode): TSESTree.Node[] {
  const following: TSESTree.Node[] = [];
  let current: TSESTree.Node = statement;
  while (current.parent?.type === AST_NODE_TYPES.BlockStatement) {
    const block: TSESTree.BlockStatement = current.parent;
    following.push(...block.body.slice(block.body.indexOf(current as TSESTree.Statement) + 1));
    if (block.parent === fn || block.parent?.type !== AST_NODE_TYPES.IfStatement) break;
    current = block.parent;
  }
  return following;
}

/** `null`, `undefined`, `0`, `void 0`: a write that clears the state rather than giving it a new value. */
function isClearingValue(raw: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === 0;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

const ORDER_COMPARISONS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

/** The terms of a sum or difference (`this.lastRequest + interval` → both), wrappers removed. */
function sumTerms(raw: TSESTree.Node): TSESTree.Node[] {
  const terms: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [raw];
  while (pending.length > 0) {
    const node = skipExpressionWrappers(pending.pop() as TSESTree.Node);
    if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '+' || node.operator === '-')) pending.push(node.right, node.left);
    else terms.push(node);
  }
  return terms;
}

/** The texts of what `root` assigns (`x = …`, `this.a.b ??= …`, `x++`) outside nested functions. */
function writtenTargets(sourceCode: SourceCode, root: TSESTree.Node): Set<string> {
  const targets = new Set<string>();
  walk(root, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) targets.add(stateText(sourceCode, node.left));
    else if (node.type === AST_NODE_TYPES.UpdateExpression) targets.add(stateText(sourceCode, node.argument));
    return true;
  });
  return targets;
}

function isStateLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression;
}

interface Write {
  readonly node: TSESTree.Node;
  readonly value: TSESTree.Node;
}

/** Writes of `key` in `nodes` (not in nested functions): `key = …`, `key ??= …`, `map.set(k, …)` (also with a TTL) for `map[k]`. */
function findWrites(sourceCode: SourceCode, nodes: readonly TSESTree.Node[], key: string): Write[] {
  const writes: Write[] = [];
  for (const root of nodes) {
    walk(root, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.AssignmentExpression && (node.operator === '=' || node.operator === '??=' || node.operator === '||=')) {
        if (stateText(sourceCode, node.left) === key) writes.push({ node, value: node.right });
      } else if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length >= 2) {
        const callee = skipExpressionWrappers(node.callee);
        const [written, value] = node.arguments;
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
        if (callee.type === AST_NODE_TYPES.MemberExpression && method === 'set' && written && value) {
          if (`${stateText(sourceCode, callee.object)}[${stateText(sourceCode, written)}]` === key) writes.push({ node, value });
        } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
          // `setSchema(id, schema)`, also with the key second (`_putToCache(tests, key)`)
          const noun = entryNoun(method, WRITE_PREFIX);
          const entryOf = (argument: TSESTree.Node): string => `${stateText(sourceCode, callee.object)}[${stateText(sourceCode, argument)}]#${noun}`;
          if (noun !== null && written && value) {
            if (entryOf(written) === key) writes.push({ node, value });
            else if (node.arguments.length === 2 && entryOf(value) === key) writes.push({ node, value: written });
          }
        }
      }
      return true;
    });
  }
  return writes.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The read is part of the new value itself (`state + x`, `[...state, x]`, `state.concat(x)`), not an input
 * handed to an operation that computes a replacement (`await refresh(state)`, `new Options(state)`), whose
 * result need not depend on what the state held.
 */
function isOperandOfValue(read: TSESTree.Node, value: TSESTree.Node): boolean {
  for (let child = read, parent = read.parent; parent && child !== value; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== child) return false;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        return false;
      case AST_NODE_TYPES.YieldExpression:
        if (isCompiledAwait(parent)) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/** Words of a callee that say it takes a lock: `await this.lock.acquire()`, `await mutex.lock()`, `await semaphore.take()`. */
const LOCK_WORDS: ReadonlySet<string> = new Set(['lock', 'acquire', 'mutex', 'semaphore']);

/** The function awaited a lock before `node`: overlapping calls wait for each other there. */
function holdsLock(awaits: readonly AwaitNode[], node: TSESTree.Node): boolean {
  return awaits.some((awaited) => {
    if (awaited.range[1] > node.range[0]) return false;
    const call = skipExpressionWrappers(getAwaitedValue(awaited));
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipExpressionWrappers(call.callee);
    const words = [...getExpressionWords(callee), ...(callee.type === AST_NODE_TYPES.MemberExpression ? getExpressionWords(callee.object) : [])];
    return words.some((word) => LOCK_WORDS.has(word));
  });
}

/**
 * The written value is what one of `awaits` gave (`rawSchema` from `JSON.parse((await request(id)).schema)`, through
 * `const`s), not something the code makes after them (`new JwksClient(…)` after `await this.isSupported(id)`: the
 * new object's work is repeated whoever shared the check; backstage's plugin token handler).
 */
function comesFromAwaits(sourceCode: SourceCode, value: TSESTree.Node, awaits: readonly AwaitNode[]): boolean {
  const pending: TSESTree.Node[] = [value];
  const seen = new Set<TSESTree.Node>();
  while (pending.length > 0 && seen.size < 16) {
    const node = pending.pop() as TSESTree.Node;
    if (seen.has(node)) continue;
    seen.add(node);
    if (awaits.some((awaited) => awaited.range[0] >= node.range[0] && awaited.range[1] <= node.range[1])) return true;
    walk(node, (child) => {
      if (isFunctionNode(child)) return false;
      const init = child.type === AST_NODE_TYPES.Identifier ? getConstInit(sourceCode, child) : null;
      if (init) pending.push(init);
      return true;
    });
  }
  return false;
}

/**
 * `await this.getSchemaOriginRequest(id)`, where that method of the class keeps the pending request in an entry of a
 * member (`this.cacheMissRequests[id] = request`, `this.pending.set(id, request)`) before handing it back: overlapping
 * callers share one request, so filling the cache after it repeats no work.
 */
function joinsPendingRequest(sourceCode: SourceCode, node: AwaitNode): boolean {
  const call = skipExpressionWrappers(getAwaitedValue(node));
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression) return false;
  return resolveLocalCallables(sourceCode, callee).some((method) => isFunctionNode(method) && storesPendingEntry(sourceCode, method));
}

/**
 * The function stores a pending call (its result not awaited: the call itself, or a `const` holding it) in an entry of a
 * member of `this` before it awaits anything (outside nested functions): the store is there for the next caller.
 */
function storesPendingEntry(sourceCode: SourceCode, fn: FunctionNode): boolean {
  let found = false;
  let awaited = false;
  const isPending = (raw: TSESTree.Node): boolean => {
    const value = skipExpressionWrappers(raw);
    const held = value.type === AST_NODE_TYPES.Identifier ? getConstInit(sourceCode, value) : value;
    return held !== null && skipExpressionWrappers(held).type === AST_NODE_TYPES.CallExpression;
  };
  const isThisMember = (raw: TSESTree.Node): boolean => {
    const node = skipExpressionWrappers(raw);
    return node.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression;
  };
  walk(fn.body, (node) => {
    if (found || awaited || (isFunctionNode(node) && node !== fn)) return false;
    if (isAwaitNode(node)) {
      awaited = true;
      return false;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.computed) {
      found = isThisMember(node.left.object) && isPending(node.right);
    } else if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 2) {
      const setter = skipExpressionWrappers(node.callee);
      found = setter.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(setter) === 'set' && isThisMember(setter.object) && isPending(node.arguments[1] as TSESTree.Node);
    }
    return !found;
  });
  return found;
}

/** The awaited operation starts work in this call (a call or `new`), rather than joining shared work (`await this.ready`). */
function startsWork(node: AwaitNode): boolean {
  const argument = skipExpressionWrappers(getAwaitedValue(node));
  return argument.type === AST_NODE_TYPES.CallExpression || argument.type === AST_NODE_TYPES.NewExpression;
}

/** The write sits under a test of the state that runs after the `await` (double-checked initialisation). */
function isCheckedAgain(sourceCode: SourceCode, write: TSESTree.Node, stateNode: TSESTree.Node, lastAwait: TSESTree.Node, regionStart: number): boolean {
  const text = stateText(sourceCode, stateNode);
  for (let current: TSESTree.Node | undefined = write.parent; current && current.range[0] >= regionStart; current = current.parent) {
    const test =
      current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression
        ? current.test
        : current.type === AST_NODE_TYPES.LogicalExpression
          ? current.left
          : null;
    if (test && test.range[0] >= lastAwait.range[1] && stateText(sourceCode, test).includes(text)) return true;
  }
  return false;
}

/**
 * The written value is this call's own work: it awaits, calls or constructs something, or uses a variable
 * declared after the check (`const conn = await connect(); this.conn = conn;`). `this.ready = true` is not.
 */
function comesFromThisRun(sourceCode: SourceCode, value: TSESTree.Node, regionStart: number, fn: FunctionNode): boolean {
  let found = false;
  walk(value, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (isAwaitNode(node) || node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      found = true;
      return false;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(sourceCode, node);
      const declared = variable?.identifiers[0];
      if (declared && declared.range[0] >= regionStart && variable.scope.variableScope.block === fn) found = true;
    }
    return true;
  });
  return found;
}

function containsAwait(root: TSESTree.Node): boolean {
  let found = false;
  walk(root, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (isAwaitNode(node)) found = true;
    return !found;
  });
  return found;
}

const awaitsCache = createFileCache<FunctionNode, AwaitNode[]>();

/** The `await` expressions of `fn` itself (not of nested functions; its compiled `yield`s), in source order. */
function awaitsOf(sourceCode: SourceCode, fn: FunctionNode): AwaitNode[] {
  const cache = awaitsCache(sourceCode);
  let known = cache.get(fn);
  if (!known) {
    const found: AwaitNode[] = [];
    walk(fn.body, (node) => {
      if (isFunctionNode(node)) return false;
      if (isAwaitNode(node)) found.push(node);
      return true;
    });
    known = found;
    cache.set(fn, known);
  }
  return known;
}
