import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getStaticPropertyName, isFunctionNode, isNullishValue, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { isAsyncBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { receiverKey } from '../core/thisBinding';
import { callCannotReject } from '../promises/rejection';
import { returnsAlways } from '../roles/lazyInitialization';
import { isInCatchingTry, isSleepCall } from './regionExits';
import { getEnclosingFinallyTry } from './resourceAnalysis';

/**
 * A busy flag an async function sets to turn overlapping calls away and resets only on some paths:
 * `if (this.fetching) return; this.fetching = true; … await … this.fetching = false;` with a `return`, a `throw` or
 * a rejected `await` between the set and the reset (and no reset in a `finally`). The flag is a lock: on that path it
 * stays set, and every later call returns at the check, for good (commercetools' ts-client 2.0.1 reset its token
 * fetch's `requestState` on each error path, after requests queued behind a fetch that had failed).
 * The flag may also be a marker of the work in flight: `if (pending) return; pending = new Promise(…); … await …;
 * pending = undefined;` (set to a new object, reset to `undefined` or `null`), and the function a compiled `async` one
 * (@azure/service-bus 7.0.3's disconnect handler keeps its `waitForConnectionRefreshPromise` set when a refresh
 * rejects, and every later disconnect returns at its check; @azure/event-hubs 5.0.1 clears the same marker in a
 * `finally`).
 */
export interface BusyFlagLeftSet {
  /** The statement that sets the flag. */
  readonly set: TSESTree.ExpressionStatement;
  /** The flag as written (`this.fetching`, `requestState`). */
  readonly flag: string;
  /** The check that turns calls away while it is set. */
  readonly guard: TSESTree.IfStatement;
  /** What leaves the function with the flag still set: a `return`, a `throw`, an `await`, or null for the end of the function. */
  readonly exit: TSESTree.Node | null;
}

/** How the flag is written: `flag = true` (`flag` a field or a variable of an outer scope), or `flag.set(true)`. */
interface FlagWrite {
  readonly key: string;
  readonly value: boolean;
}

/** Cheap text filter: a file that never sets something to true or to a new object has no busy flag. */
export function mayLeaveBusyFlagsSet(text: string): boolean {
  return text.includes('= true') || text.includes('.set(true)') || text.includes('= new ');
}

/** The busy flag `statement` sets and some path of its function leaves set, or null. */
export function findBusyFlagLeftSet(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement): BusyFlagLeftSet | null {
  // most statements are no `x = true` / `x.set(true)`: the cheap test first
  if (!writesTrue(statement.expression)) return null;
  const block = statement.parent;
  const fn = block.type === AST_NODE_TYPES.BlockStatement ? block.parent : null;
  if (block.type !== AST_NODE_TYPES.BlockStatement || !fn || !isFunctionNode(fn) || !isAsyncBody(fn) || fn.body !== block) return null;
  const write = readFlagWrite(sourceCode, statement.expression, fn);
  if (!write?.value) return null;
  const body = block.body;
  const index = body.indexOf(statement);
  const guard = body.slice(0, index).find((candidate): candidate is TSESTree.IfStatement => candidate.type === AST_NODE_TYPES.IfStatement && turnsAway(candidate.consequent) && testsFlag(sourceCode, candidate.test, write.key));
  if (!guard || isResetElsewhere(sourceCode, fn, write.key)) return null;
  const isReset = (node: TSESTree.Node): boolean => {
    const other = node.type === AST_NODE_TYPES.ExpressionStatement ? readFlagWrite(sourceCode, node.expression, fn) : null;
    return other?.key === write.key && !other.value;
  };
  const resets: TSESTree.Node[] = [];
  let awaits = 0;
  someNodeWithin(fn.body, (node) => {
    if (node.range[0] < statement.range[1]) return false;
    if (isReset(node)) resets.push(node);
    if (isAwaitNode(node)) awaits++;
    return false;
  }, (node) => !isFunctionNode(node));
  if (resets.length === 0 || awaits === 0 || resets.some((reset) => getEnclosingFinallyTry(reset, fn) !== null)) return null;
  // `while (this.running) { … }` ends only once the flag is reset (by the code that stops it)
  const endsSafely = (node: TSESTree.Node): boolean => statementEndsSafely(node, isReset) || (node.type === AST_NODE_TYPES.WhileStatement && testsFlag(sourceCode, node.test, write.key));
  const exit = firstUnsafeExit(sourceCode, fn, statement, endsSafely);
  if (exit === undefined) return null;
  return { set: statement, flag: write.key.replace(/#set$/, ''), guard, exit };
}

/** `… = true`, `… = new …` or `….set(true)`, by its syntax alone. */
function writesTrue(raw: TSESTree.Expression): boolean {
  const expression = skipExpressionWrappers(raw);
  if (expression.type === AST_NODE_TYPES.AssignmentExpression) return flagValue(expression.right) === true;
  return expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.length === 1 && booleanValue(expression.arguments[0] as TSESTree.Node) === true;
}

/** `return`, or a block that ends in one: the check turns the call away (a `throw` says calling twice is an error instead). */
function turnsAway(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body[statement.body.length - 1] : statement;
  return last?.type === AST_NODE_TYPES.ReturnStatement && returnsAlways(statement);
}

/**
 * The file resets the flag outside `fn` (a helper the function calls, `stop()`, an event's handler): whether some way
 * out of `fn` passes through one is not followed, so the function is left alone.
 */
function isResetElsewhere(sourceCode: SourceCode, fn: FunctionNode, key: string): boolean {
  let found = false;
  walk(sourceCode.ast, (node) => {
    if (found || node === fn) return false;
    if (node.type === AST_NODE_TYPES.ExpressionStatement) {
      const write = readFlagWrite(sourceCode, node.expression, null);
      if (write?.key === key && !write.value) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * `flag = true|false` where `flag` is a field (`this.busy`, `state.loading`) or a variable declared outside the
 * function, or `flag.set(true|false)`; the flag's key and the value written. Null for anything else.
 */
function readFlagWrite(sourceCode: SourceCode, raw: TSESTree.Expression, fn: FunctionNode | null): FlagWrite | null {
  const expression = skipExpressionWrappers(raw);
  if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
    const value = flagValue(expression.right);
    const key = value === null ? null : flagKey(sourceCode, expression.left, fn);
    return key === null || value === null ? null : { key, value };
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.arguments.length !== 1) return null;
  const callee = skipExpressionWrappers(expression.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'set') return null;
  const value = booleanValue(expression.arguments[0] as TSESTree.Node);
  // a store with `get()` and `set(…)` is shared by whoever holds it, a local name of it too (`const { state } = options`)
  const key = value === null ? null : flagKey(sourceCode, callee.object, null);
  return key === null || value === null ? null : { key: `${key}#set`, value };
}

/**
 * What an assignment writes to a flag: `true`/`false`, or a marker of work in flight, set to a new object
 * (`new Promise(…)`) and cleared with `undefined`, `void 0` or `null`.
 */
function flagValue(raw: TSESTree.Node): boolean | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.NewExpression) return true;
  return isNullishValue(node) ? false : booleanValue(node);
}

function booleanValue(raw: TSESTree.Node): boolean | null {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean' ? node.value : null;
}

/**
 * A flag's identity: a field's path (`this.busy`), or a variable of an outer scope; null for the locals of `fn` (any
 * variable when `fn` is null).
 */
function flagKey(sourceCode: SourceCode, raw: TSESTree.Node, fn: FunctionNode | null): string | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.MemberExpression) return receiverKey(sourceCode, node);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, node);
  const declared = variable?.defs[0]?.node;
  if (!variable || !declared || (fn !== null && declared.range[0] >= fn.range[0] && declared.range[1] <= fn.range[1])) return null;
  return node.name;
}

/** The `if` test reads the flag itself (alone, or as an operand of `&&`/`||`; not negated): `flag`, `flag.get()`. */
function testsFlag(sourceCode: SourceCode, raw: TSESTree.Expression, key: string): boolean {
  const operands: TSESTree.Expression[] = [raw];
  for (let operand = operands.pop(); operand !== undefined; operand = operands.pop()) {
    const test = skipExpressionWrappers(operand);
    if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') operands.push(test.left, test.right);
    else if (readsFlag(sourceCode, test, key)) return true;
  }
  return false;
}

/** `flag` itself, or `flag.get()` for a store. */
function readsFlag(sourceCode: SourceCode, test: TSESTree.Node, key: string): boolean {
  if (key.endsWith('#set')) {
    if (test.type !== AST_NODE_TYPES.CallExpression || test.arguments.length > 0) return false;
    const callee = skipExpressionWrappers(test.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'get' && `${flagKey(sourceCode, callee.object, null)}#set` === key;
  }
  return (test.type === AST_NODE_TYPES.MemberExpression || test.type === AST_NODE_TYPES.Identifier) && flagKey(sourceCode, test, null) === key;
}

/**
 * A statement that, whenever it completes normally, has reset the flag (or the statements it runs leave the function
 * themselves, each checked on its own): the reset, a block with such a statement, an `if` whose branches both are,
 * a `try` whose block and `catch` both are.
 */
export function statementEndsSafely(node: TSESTree.Node, isReset: (node: TSESTree.Node) => boolean, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  const endsSafely = (inner: TSESTree.Node): boolean => walk.enter(inner, false, () => statementEndsSafely(inner, isReset, walk));
  if (isReset(node)) return true;
  switch (node.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return node.body.some(endsSafely);
    case AST_NODE_TYPES.IfStatement:
      return node.alternate !== null && endsSafely(node.consequent) && endsSafely(node.alternate);
    case AST_NODE_TYPES.TryStatement:
      return endsSafely(node.block) && (node.handler === null || endsSafely(node.handler.body));
    default:
      return false;
  }
}

/**
 * The first way out of the function after `set` (a statement of its body's top level) that has not passed a reset: a `return`, a `throw` or an `await` of a
 * promise that can reject (neither inside a `try` with a `catch`; not the reset itself, `await lock.release()`), or the
 * end of the function (null). Undefined when every way out passes a reset.
 */
export function firstUnsafeExit(sourceCode: SourceCode, fn: FunctionNode, set: TSESTree.Statement, endsSafely: (node: TSESTree.Node) => boolean, isReset: (node: TSESTree.Node) => boolean = () => false): TSESTree.Node | null | undefined {
  let found: TSESTree.Node | undefined;
  someNodeWithin(fn.body, (node) => {
    if (found || node.range[0] < set.range[1] || !isExit(sourceCode, node, fn)) return false;
    if (!isPrecededByReset(node, fn, set, endsSafely)) found = node;
    return found !== undefined;
  }, (node) => !isFunctionNode(node) && !isReset(node));
  if (found) return found;
  const body = (fn.body as TSESTree.BlockStatement).body;
  const after = body.slice(body.indexOf(set) + 1);
  return after.some(endsSafely) ? undefined : null;
}

function isExit(sourceCode: SourceCode, node: TSESTree.Node, fn: FunctionNode): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (node.type === AST_NODE_TYPES.ThrowStatement) return !isInCatchingTry(node, fn);
  if (!isAwaitNode(node) || isInCatchingTry(node, fn)) return false;
  // a promise awaited by name may be one that cannot reject (`new Promise((resolve) => …)`): only calls count
  const awaited = skipExpressionWrappers(node.argument as TSESTree.Expression);
  if (awaited.type !== AST_NODE_TYPES.CallExpression) return false;
  return !isSleepCall(awaited) && !callCannotReject(sourceCode, awaited);
}

/** On the way from the function's body down to `exit`, a statement before it (after the set) has reset the flag. */
function isPrecededByReset(exit: TSESTree.Node, fn: FunctionNode, set: TSESTree.Statement, endsSafely: (node: TSESTree.Node) => boolean): boolean {
  for (let current: TSESTree.Node = exit; current.parent && current !== fn.body; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    const siblings = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : null;
    if (!siblings) continue;
    const before = siblings.slice(0, siblings.indexOf(current as TSESTree.Statement)).filter((sibling) => sibling.range[0] > set.range[1]);
    if (before.some(endsSafely)) return true;
  }
  return false;
}
