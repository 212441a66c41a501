import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getScopeOf } from '../core/scope';
import { getEnclosingFunction, getStaticPropertyName, isFunctionNode, isNestedFunction, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { getInterlude, type Interlude } from './interludes';
import { containsThis } from '../core/thisBinding';
import { isOrderedOperation } from './orderedOperations';
import { CONNECTION_WORDS, isIndependentReadPair } from './sharedReceiver';
import { resolveLocalCallables } from '../modules/localFunctions';
import { isPromiseExpression } from '../promises/promiseInference';
import { getNodeType, getTypedServices, getTypeScript } from '../core/typeInfo';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';

type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

/**
 * One statement that awaits one asynchronous operation and nothing else:
 * `const x = await f();`, `let { a }: T = await obj.m(y);`, `var [p] = await g();` or `await f();`; or a `try`
 * that holds only such a statement (also `x = await f();`) and whose `catch` handles the failure and goes on
 * (a **guarded** step: `try { a = await f(); } catch (error) { log(error); }`).
 */
export interface AwaitStep {
  readonly statement: TSESTree.VariableDeclaration | TSESTree.ExpressionStatement;
  readonly awaitExpression: TSESTree.AwaitExpression;
  /** The awaited call (TypeScript wrappers such as `as` removed). */
  readonly operation: TSESTree.CallExpression;
  /** The declarator for `const x = await f()`, null for a bare `await f();` or an assignment. */
  readonly declarator: TSESTree.VariableDeclarator | null;
  /** The variable `x = await f();` assigns (in a guarded step), or null. */
  readonly assigned: TSESTree.Identifier | null;
  /** The statement of the list: `statement` itself, or the `try` of a guarded step. */
  readonly container: TSESTree.Statement;
  /** For a guarded step, what its `catch` clause does (it runs before the next step when the operation fails). */
  readonly guard: Interlude | null;
}

/**
 * Why a later await must wait for an earlier one:
 * - `uses-result`: it reads a binding the earlier statement declares (or a variable the earlier operation writes);
 * - `shared-receiver`: both operations go through the same object (`db.a(); db.b()`), or one uses the other's receiver;
 * - `shared-state`: one writes a variable the other reads (directly or in a function of this file it calls);
 * - `shared-argument`: both receive the same mutable object (an object literal, array, `new X()`, a value named as a
 *   connection, session or transaction such as `client` or `tx`, or with types any non-primitive value);
 * - `repeated-call`: the same call written twice (`await tick(); await tick()`): repetition is the point.
 */
export type DependencyReason = 'uses-result' | 'shared-receiver' | 'shared-state' | 'shared-argument' | 'repeated-call';

/** A run of two or more pairwise independent await steps in one statement list. */
export interface IndependentAwaitRun {
  readonly steps: readonly AwaitStep[];
  /** The steps follow each other directly, unguarded: one `Promise.all` statement can replace them. */
  readonly contiguous: boolean;
}

/**
 * The await step a statement is, or null. Only calls that are known to start asynchronous work count
 * (`isPromiseExpression`), whose name does not say that order matters (writes, deletes, process runs,
 * sleeps, locks… see `isOrderedOperation`), and whose arguments do not await themselves.
 */
export function getAwaitStep(context: AnyRuleContext, statement: TSESTree.Node): AwaitStep | null {
  if (statement.type === AST_NODE_TYPES.TryStatement) return getGuardedStep(context, statement);
  return getPlainStep(context, statement, statement as TSESTree.Statement, null, false);
}

function getPlainStep(
  context: AnyRuleContext,
  statement: TSESTree.Node,
  container: TSESTree.Statement,
  guard: Interlude | null,
  allowAssignment: boolean,
): AwaitStep | null {
  let awaitExpression: TSESTree.AwaitExpression;
  let declarator: TSESTree.VariableDeclarator | null = null;
  let assigned: TSESTree.Identifier | null = null;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = statement.expression;
    if (expression.type === AST_NODE_TYPES.AwaitExpression) {
      awaitExpression = expression;
    } else if (
      allowAssignment &&
      expression.type === AST_NODE_TYPES.AssignmentExpression &&
      expression.operator === '=' &&
      expression.left.type === AST_NODE_TYPES.Identifier &&
      expression.right.type === AST_NODE_TYPES.AwaitExpression
    ) {
      awaitExpression = expression.right;
      assigned = expression.left;
    } else {
      return null;
    }
  } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    if (statement.kind !== 'const' && statement.kind !== 'let' && statement.kind !== 'var') return null;
    if (statement.declare || statement.declarations.length !== 1) return null;
    const [only] = statement.declarations;
    if (!only || only.init?.type !== AST_NODE_TYPES.AwaitExpression) return null;
    awaitExpression = only.init;
    declarator = only;
  } else {
    return null;
  }
  const operation = skipExpressionWrappers(awaitExpression.argument);
  if (operation.type !== AST_NODE_TYPES.CallExpression) return null;
  if (isFunctionNode(skipExpressionWrappers(operation.callee))) return null; // an awaited IIFE is a block of code
  if (containsOwnAwait(operation) || isOrderedOperation(operation)) return null;
  if (!isPromiseExpression(context, awaitExpression.argument)) return null;
  return { statement: statement as AwaitStep['statement'], awaitExpression, operation, declarator, assigned, container, guard };
}

/** `try { <step> } catch (e) { … }` whose `catch` goes on after logging or recording the failure. */
function getGuardedStep(context: AnyRuleContext, statement: TSESTree.TryStatement): AwaitStep | null {
  const [inner] = statement.block.body;
  const fn = getEnclosingFunction(statement);
  if (!inner || statement.block.body.length !== 1 || !statement.handler || statement.finalizer || !fn || !isGuardedShape(statement)) return null;
  const guard = getInterlude(context.sourceCode, statement.handler.body, fn);
  return guard ? getPlainStep(context, inner, statement, guard, true) : null;
}

/**
 * Splits a statement list into maximal runs of await steps where no step depends on an earlier one of the same
 * run, nor on the code between them. Only runs of two or more are returned. Between two steps of a run there may
 * be interludes (`if (!user) log('none');`, `items.push(x);`): code that does not wait, leave, or touch anything
 * but the function's own variables (see `getInterlude`); anything else ends the run. Guarded steps (each in its
 * own `try`) and plain ones are never combined: a plain step shares the `try` context of its list.
 */
export function findIndependentAwaitRuns(context: AnyRuleContext, statements: readonly TSESTree.Node[]): IndependentAwaitRun[] {
  // Most blocks have fewer than two awaiting statements: leave before any allocation.
  let shapedCount = 0;
  for (const statement of statements) if (isStepShape(statement)) shapedCount++;
  if (shapedCount < 2) return [];
  const fn = statements[0] ? getEnclosingFunction(statements[0]) : null;
  const runs: IndependentAwaitRun[] = [];
  let current: AwaitStep[] = [];
  let interludes: Interlude[] = [];
  let contiguous = true;
  let pending: Interlude[] = [];
  const flush = (): void => {
    if (current.length >= 2) runs.push({ steps: current, contiguous });
    current = [];
    interludes = [];
    pending = [];
    contiguous = true;
  };
  for (const statement of statements) {
    const step = isStepShape(statement) ? getAwaitStep(context, statement) : null;
    if (!step) {
      if (current.length === 0) continue;
      const interlude = fn ? getInterlude(context.sourceCode, statement, fn) : null;
      if (interlude) pending.push(interlude);
      else flush();
      continue;
    }
    const guarded = step.guard !== null;
    const first = current[0];
    if (first) {
      const between = [...interludes, ...pending];
      const independent =
        guarded === (first.guard !== null) &&
        !current.some((earlier) => getDependency(context, earlier, step) !== null) &&
        !dependsOnInterludes(context, step, between);
      if (independent) {
        interludes = between;
        if (pending.length > 0) contiguous = false;
      } else {
        flush();
      }
    }
    pending = [];
    if (step.guard) {
      contiguous = false;
      interludes.push(step.guard);
    }
    current.push(step);
  }
  flush();
  return runs;
}

/** The later step reads what code between it and the run's first step writes, or writes what that code reads. */
function dependsOnInterludes(context: AnyRuleContext, step: AwaitStep, interludes: readonly Interlude[]): boolean {
  if (interludes.length === 0) return false;
  const sourceCode = context.sourceCode;
  const references = collectReferences(sourceCode, step.operation);
  const state = getTouchedState(sourceCode, step.operation, references);
  const assigned = step.assigned ? findResolved(sourceCode, step.assigned) : null;
  return interludes.some(
    (interlude) =>
      intersects(interlude.written, state.touched) ||
      intersects(state.written, interlude.touched) ||
      (assigned !== null && interlude.touched.has(assigned)),
  );
}

/** `await …;`, a single declarator initialised with `await …`, or a `try` holding one such statement: what a step looks like before any analysis. */
function isStepShape(statement: TSESTree.Node): boolean {
  return isAwaitStatementShape(statement) || (statement.type === AST_NODE_TYPES.TryStatement && isGuardedShape(statement));
}

/** `await …;` or a single declarator initialised with `await …`. */
function isAwaitStatementShape(statement: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) return statement.expression.type === AST_NODE_TYPES.AwaitExpression;
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length === 1 &&
    statement.declarations[0]?.init?.type === AST_NODE_TYPES.AwaitExpression
  );
}

function isGuardedShape(statement: TSESTree.TryStatement): boolean {
  const [inner] = statement.block.body;
  if (!inner || statement.block.body.length !== 1 || !statement.handler || statement.finalizer) return false;
  if (isAwaitStatementShape(inner)) return true;
  return (
    inner.type === AST_NODE_TYPES.ExpressionStatement &&
    inner.expression.type === AST_NODE_TYPES.AssignmentExpression &&
    inner.expression.right.type === AST_NODE_TYPES.AwaitExpression
  );
}

const runsCache = createFileCache<TSESTree.Node, IndependentAwaitRun[]>();

/** The runs of a block (`BlockStatement`, `Program`, `SwitchCase`, `StaticBlock`), cached per node. */
export function getIndependentAwaitRuns(context: AnyRuleContext, block: TSESTree.Node): IndependentAwaitRun[] {
  const cache = runsCache(context.sourceCode);
  const cached = cache.get(block);
  if (cached) return cached;
  const statements = getStatementList(block);
  const runs = statements ? findIndependentAwaitRuns(context, statements) : [];
  cache.set(block, runs);
  return runs;
}

/**
 * For the task inspector: the await that `awaitExpression` needlessly waits for (the previous step of its
 * independent run), or null when it is first in its run or in none.
 */
export function findIndependentPredecessor(context: AnyRuleContext, awaitExpression: TSESTree.AwaitExpression): TSESTree.AwaitExpression | null {
  let statement: TSESTree.Node | undefined = awaitExpression.parent;
  if (statement?.type === AST_NODE_TYPES.VariableDeclarator || statement?.type === AST_NODE_TYPES.AssignmentExpression) statement = statement.parent;
  // a guarded step: the statement list is the one around its `try`
  const tryBlock = statement?.parent;
  if (tryBlock?.type === AST_NODE_TYPES.BlockStatement && tryBlock.parent.type === AST_NODE_TYPES.TryStatement && tryBlock.parent.block === tryBlock) {
    statement = tryBlock.parent;
  }
  const block = statement?.parent;
  if (!statement || !block) return null;
  for (const run of getIndependentAwaitRuns(context, block)) {
    const index = run.steps.findIndex((step) => step.awaitExpression === awaitExpression);
    if (index > 0) return run.steps[index - 1]?.awaitExpression ?? null;
  }
  return null;
}

function getStatementList(block: TSESTree.Node): readonly TSESTree.Node[] | null {
  switch (block.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return block.body;
    case AST_NODE_TYPES.SwitchCase:
      return block.consequent;
    default:
      return null;
  }
}

/** Why `later` must wait for `earlier` (two steps of the same statement list, `earlier` first), or null. */
export function getDependency(context: AnyRuleContext, earlier: AwaitStep, later: AwaitStep): DependencyReason | null {
  const sourceCode = context.sourceCode;
  const earlierRefs = collectReferences(sourceCode, earlier.operation);
  const laterRefs = collectReferences(sourceCode, later.operation);

  // results and written variables
  const produced = new Set<Variable>(earlier.declarator ? sourceCode.getDeclaredVariables(earlier.declarator) : []);
  const assigned = earlier.assigned ? findResolved(sourceCode, earlier.assigned) : null;
  if (assigned) produced.add(assigned);
  for (const reference of earlierRefs) if (reference.isWrite() && reference.resolved) produced.add(reference.resolved);
  if (laterRefs.some((reference) => reference.resolved !== null && produced.has(reference.resolved))) return 'uses-result';

  if (sourceCode.getText(earlier.operation) === sourceCode.getText(later.operation)) return 'repeated-call';

  const sharing = sharesReceiver(earlier.operation, earlierRefs, later.operation, laterRefs) || sharesReceiver(later.operation, laterRefs, earlier.operation, earlierRefs);
  const keepsResult = earlier.declarator !== null || earlier.assigned !== null;
  if (
    sharing &&
    !isIndependentReadPair(
      { operation: earlier.operation, references: earlierRefs, keepsResult },
      { operation: later.operation, references: laterRefs, keepsResult: true },
    )
  ) {
    return 'shared-receiver';
  }

  const earlierState = getTouchedState(sourceCode, earlier.operation, earlierRefs);
  const laterState = getTouchedState(sourceCode, later.operation, laterRefs);
  if (intersects(earlierState.written, laterState.touched) || intersects(laterState.written, earlierState.touched)) return 'shared-state';

  if (sharesMutableArgument(context, earlier.operation, later.operation)) return 'shared-argument';
  return null;
}

// ---------------------------------------------------------------------------------------------

/** An `await` or `yield` inside the operation itself (not inside a callback it passes). */
function containsOwnAwait(operation: TSESTree.Node): boolean {
  let found = false;
  walk(operation, (node) => {
    if (found || isNestedFunction(node, operation)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) found = true;
    return !found;
  });
  return found;
}

/** Every scope reference made inside `node`, nested functions included. */
function collectReferences(sourceCode: SourceCode, node: TSESTree.Node): Reference[] {
  const [start, end] = node.range;
  const inside = (range: TSESTree.Range): boolean => range[0] >= start && range[1] <= end;
  const result: Reference[] = [];
  // Scopes nest as deep as the code's blocks and functions: a stack, not recursion (children pushed last first, so in order).
  const scopes: TSESLint.Scope.Scope[] = [getScopeOf(sourceCode, node)];
  while (scopes.length > 0) {
    const scope = scopes.pop() as TSESLint.Scope.Scope;
    for (const reference of scope.references) if (inside(reference.identifier.range)) result.push(reference);
    for (let index = scope.childScopes.length - 1; index >= 0; index--) {
      const child = scope.childScopes[index] as TSESLint.Scope.Scope;
      if (child.block.range[1] < start || child.block.range[0] > end) continue;
      scopes.push(child);
    }
  }
  return result;
}

type Root = { readonly kind: 'this' } | { readonly kind: 'variable'; readonly variable: Variable } | { readonly kind: 'global'; readonly name: string };

/** `a.b.c()` → `a`; `this.x()` → this; `getDb().q()` → `getDb`. Null for a plain call `f()` (a function, not a receiver). */
function getReceiverRoot(operation: TSESTree.CallExpression, references: readonly Reference[]): Root | null {
  let callee = skipExpressionWrappers(operation.callee);
  // p.then(…)/catch/finally: the receiver is that of the chained call
  while (callee.type === AST_NODE_TYPES.MemberExpression && isChainMethod(callee)) {
    const inner = skipExpressionWrappers(callee.object);
    if (inner.type !== AST_NODE_TYPES.CallExpression) break;
    callee = skipExpressionWrappers(inner.callee);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  let node: TSESTree.Node = callee;
  for (let steps = 0; steps < 64; steps++) {
    if (node.type === AST_NODE_TYPES.MemberExpression) node = skipExpressionWrappers(node.object);
    else if (node.type === AST_NODE_TYPES.CallExpression) node = skipExpressionWrappers(node.callee);
    else break;
  }
  if (node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Super) return { kind: 'this' };
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const identifier = node;
  const reference = references.find((candidate) => candidate.identifier === identifier);
  if (reference?.resolved) return { kind: 'variable', variable: reference.resolved };
  return { kind: 'global', name: identifier.name };
}

function isChainMethod(member: TSESTree.MemberExpression): boolean {
  const name = getStaticPropertyName(member);
  return name === 'then' || name === 'catch' || name === 'finally';
}

/** The receiver of `first` is used anywhere in `second` (`db.a()` then `db.b()` or `f(db)`). */
function sharesReceiver(
  first: TSESTree.CallExpression,
  firstRefs: readonly Reference[],
  second: TSESTree.CallExpression,
  secondRefs: readonly Reference[],
): boolean {
  const root = getReceiverRoot(first, firstRefs);
  if (!root) return false;
  switch (root.kind) {
    case 'this':
      return containsThis(second);
    case 'variable':
      return secondRefs.some((reference) => reference.resolved === root.variable);
    case 'global':
      return secondRefs.some((reference) => reference.resolved === null && reference.identifier.name === root.name);
  }
}


interface TouchedState {
  /** Variables the operation (or a local function it calls) assigns or mutates through a method or property. */
  readonly written: ReadonlySet<Variable>;
  /** Variables it reads or writes. */
  readonly touched: ReadonlySet<Variable>;
}

/** Methods that change the object they are called on. */
const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'assign',
  'append', 'remove', 'put', 'insert', 'update', 'write', 'emit',
]);

function getTouchedState(sourceCode: SourceCode, operation: TSESTree.CallExpression, references: readonly Reference[]): TouchedState {
  const written = new Set<Variable>();
  const touched = new Set<Variable>();
  const record = (reference: Reference): void => {
    const variable = reference.resolved;
    if (!variable) return;
    touched.add(variable);
    if (reference.isWrite() || isMutatedThrough(reference.identifier)) written.add(variable);
  };
  references.forEach(record);
  for (const callable of resolveLocalCallables(sourceCode, operation.callee)) {
    if (!isFunctionNode(callable)) continue;
    const scope = sourceCode.scopeManager?.acquire(callable);
    scope?.through.forEach(record);
  }
  return { written, touched };
}

/** `x.y = …`, `x.y++`, `x.set(…)`, `x.push(…)`: the object `identifier` names is changed. */
function isMutatedThrough(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const parent = member.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) return true;
  if (parent?.type === AST_NODE_TYPES.UpdateExpression) return true;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
    const method = getStaticPropertyName(member);
    return method !== null && MUTATING_METHODS.has(method);
  }
  return false;
}

function intersects(a: ReadonlySet<Variable>, b: ReadonlySet<Variable>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}

/** Both calls receive the same identifier whose value is (or may be, with types) a mutable object. */
function sharesMutableArgument(context: AnyRuleContext, first: TSESTree.CallExpression, second: TSESTree.CallExpression): boolean {
  const sourceCode = context.sourceCode;
  const firstArgs = new Map<Variable, TSESTree.Identifier>();
  for (const argument of first.arguments) {
    const identifier = asIdentifier(argument);
    const variable = identifier ? findResolved(sourceCode, identifier) : null;
    if (identifier && variable) firstArgs.set(variable, identifier);
  }
  for (const argument of second.arguments) {
    const identifier = asIdentifier(argument);
    const variable = identifier ? findResolved(sourceCode, identifier) : null;
    if (!identifier || !variable || !firstArgs.has(variable)) continue;
    if (isMutableValue(context, variable, identifier)) return true;
  }
  return false;
}

function asIdentifier(argument: TSESTree.CallExpressionArgument): TSESTree.Identifier | null {
  const node = skipExpressionWrappers(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument);
  return node.type === AST_NODE_TYPES.Identifier ? node : null;
}

function findResolved(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | null {
  const scope = getScopeOf(sourceCode, identifier);
  const reference = scope.references.find((candidate) => candidate.identifier === identifier);
  return reference?.resolved ?? null;
}

/**
 * Declared from an object/array literal or `new X()`, or named as a connection, session or transaction
 * (`client`, `conn`, `tx`, `session`…); with types, any value whose type is an object (not a function).
 */
function isMutableValue(context: AnyRuleContext, variable: Variable, identifier: TSESTree.Identifier): boolean {
  if (splitIdentifierWords(identifier.name).some((word) => CONNECTION_WORDS.has(word))) return true;
  const definition = variable.defs[0];
  if (definition?.type === 'Variable' && definition.node.init) {
    const init = skipExpressionWrappers(definition.node.init);
    if (
      init.type === AST_NODE_TYPES.ObjectExpression ||
      init.type === AST_NODE_TYPES.ArrayExpression ||
      init.type === AST_NODE_TYPES.NewExpression
    ) {
      return true;
    }
  }
  const services = getTypedServices(context);
  if (!services) return false;
  const type = getNodeType(services, identifier);
  if (!type) return false;
  const ts = getTypeScript();
  const parts = type.isUnion() ? type.types : [type];
  return parts.some(
    (part) =>
      (part.flags & ts.TypeFlags.Object) !== 0 &&
      part.getCallSignatures().length === 0 &&
      !isReadonlyLike(services.program.getTypeChecker(), part),
  );
}

/** `Readonly<…>`/`readonly T[]` values cannot be changed through this reference. */
function isReadonlyLike(checker: import('typescript').TypeChecker, type: import('typescript').Type): boolean {
  const name = type.getSymbol()?.getName() ?? type.aliasSymbol?.getName();
  if (name === 'ReadonlyArray' || name === 'Readonly' || name === 'ReadonlyMap' || name === 'ReadonlySet') return true;
  return checker.isTupleType(type) && (type as import('typescript').TupleTypeReference).target.readonly;
}
