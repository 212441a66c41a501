import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { firstStartingFrom, getEnclosingFunction, getStatementList, getStaticPropertyName, isFunctionNode, isNestedFunction, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { getInterlude, type Interlude } from './interludes';
import { containsThis } from '../core/thisBinding';
import { isOrderedOperation } from './orderedOperations';
import { CONNECTION_WORDS, isIndependentReadPair } from './sharedReceiver';
import { resolveLocalCallables } from '../modules/localFunctions';
import { isPromiseExpression } from '../promises/promiseInference';
import { type AwaitNode, isAwaitNode } from '../core/compiledAsync';
import { getNodeType, getTypedServices, getTypeScript } from '../core/typeInfo';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';

type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

/**
 * One statement that awaits one asynchronous operation and nothing else:
 * `const x = await f();`, `let { a }: T = await obj.m(y);`, `var [p] = await g();` or `await f();` (or their
 * compiled forms with `yield`, see `core/compiledAsync.ts`); or a `try`
 * that holds only such a statement (also `x = await f();`) and whose `catch` handles the failure and goes on
 * (a **guarded** step: `try { a = await f(); } catch (error) { log(error); }`).
 */
export interface AwaitStep {
  readonly statement: TSESTree.VariableDeclaration | TSESTree.ExpressionStatement;
  readonly awaitExpression: AwaitNode;
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
  let awaitExpression: AwaitNode;
  let declarator: TSESTree.VariableDeclarator | null = null;
  let assigned: TSESTree.Identifier | null = null;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = statement.expression;
    if (isAwaitNode(expression)) {
      awaitExpression = expression;
    } else if (
      allowAssignment &&
      expression.type === AST_NODE_TYPES.AssignmentExpression &&
      expression.operator === '=' &&
      expression.left.type === AST_NODE_TYPES.Identifier &&
      isAwaitNode(expression.right)
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
    if (!only?.init || !isAwaitNode(only.init)) return null;
    awaitExpression = only.init;
    declarator = only;
  } else {
    return null;
  }
  const awaited = awaitExpression.argument;
  if (!awaited) return null;
  const operation = skipExpressionWrappers(awaited);
  if (operation.type !== AST_NODE_TYPES.CallExpression) return null;
  if (isFunctionNode(skipExpressionWrappers(operation.callee))) return null; // an awaited IIFE is a block of code
  if (containsOwnAwait(operation) || isOrderedOperation(operation)) return null;
  if (!isPromiseExpression(context, awaited)) return null;
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
  // What the steps of the current run read, write and go through, merged: a new step is compared with all of them
  // at once, not with each (a run of thousands of independent awaits made millions of comparisons).
  let earlier = new EarlierSteps();
  const flush = (): void => {
    if (current.length >= 2) runs.push({ steps: current, contiguous });
    current = [];
    interludes = [];
    pending = [];
    contiguous = true;
    earlier = new EarlierSteps();
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
    const facts = getStepFacts(context.sourceCode, step);
    if (first) {
      const between = [...interludes, ...pending];
      const independent =
        guarded === (first.guard !== null) &&
        earlier.dependencyOf(context, facts) === null &&
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
    earlier.add(facts);
  }
  flush();
  return runs;
}

/** The later step reads what code between it and the run's first step writes, or writes what that code reads. */
function dependsOnInterludes(context: AnyRuleContext, step: AwaitStep, interludes: readonly Interlude[]): boolean {
  if (interludes.length === 0) return false;
  const sourceCode = context.sourceCode;
  const { state } = getStepFacts(sourceCode, step);
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
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) return isAwaitNode(statement.expression);
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length === 1 &&
    statement.declarations[0]?.init != null &&
    isAwaitNode(statement.declarations[0].init)
  );
}

function isGuardedShape(statement: TSESTree.TryStatement): boolean {
  const [inner] = statement.block.body;
  if (!inner || statement.block.body.length !== 1 || !statement.handler || statement.finalizer) return false;
  if (isAwaitStatementShape(inner)) return true;
  return (
    inner.type === AST_NODE_TYPES.ExpressionStatement &&
    inner.expression.type === AST_NODE_TYPES.AssignmentExpression &&
    isAwaitNode(inner.expression.right)
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
export function findIndependentPredecessor(context: AnyRuleContext, awaitExpression: AwaitNode): AwaitNode | null {
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

/** Why `later` must wait for `earlier` (two steps of the same statement list, `earlier` first), or null. */
export function getDependency(context: AnyRuleContext, earlier: AwaitStep, later: AwaitStep): DependencyReason | null {
  const steps = new EarlierSteps();
  steps.add(getStepFacts(context.sourceCode, earlier));
  return steps.dependencyOf(context, getStepFacts(context.sourceCode, later));
}

/** What one step reads, writes and goes through: what its dependencies are decided from, computed once per step. */
interface StepFacts {
  readonly references: readonly Reference[];
  /** The variables it declares or writes. */
  readonly produced: ReadonlySet<Variable>;
  readonly text: string;
  readonly receiver: Root | null;
  readonly containsThis: boolean;
  readonly state: TouchedState;
  /** Its arguments that are plain names of variables, in order. */
  readonly argumentVariables: readonly (readonly [Variable, TSESTree.Identifier])[];
  readonly operation: TSESTree.CallExpression;
  /** Its result is kept (`const x = await …`, `x = await …`). */
  readonly keepsResult: boolean;
}

const stepFactsCache = createFileCache<TSESTree.CallExpression, StepFacts>();

function getStepFacts(sourceCode: SourceCode, step: AwaitStep): StepFacts {
  const cache = stepFactsCache(sourceCode);
  const { operation, declarator } = step;
  let facts = cache.get(operation);
  if (!facts) {
    const references = collectReferences(sourceCode, operation);
    const produced = new Set<Variable>(declarator ? sourceCode.getDeclaredVariables(declarator) : []);
    const assigned = step.assigned ? findResolved(sourceCode, step.assigned) : null;
    if (assigned) produced.add(assigned);
    for (const reference of references) if (reference.isWrite() && reference.resolved) produced.add(reference.resolved);
    const argumentVariables: (readonly [Variable, TSESTree.Identifier])[] = [];
    for (const argument of operation.arguments) {
      const identifier = asIdentifier(argument);
      const variable = identifier ? findResolved(sourceCode, identifier) : null;
      if (identifier && variable) argumentVariables.push([variable, identifier]);
    }
    facts = {
      references,
      produced,
      text: sourceCode.getText(operation),
      receiver: getReceiverRoot(operation, references),
      containsThis: containsThis(operation),
      state: getTouchedState(sourceCode, operation, references),
      argumentVariables,
      operation,
      keepsResult: declarator !== null || step.assigned !== null,
    };
    cache.set(operation, facts);
  }
  return facts;
}

/** The steps of a run so far, merged: whether a new step depends on any of them is one look-up per fact of the new step. */
class EarlierSteps {
  private readonly steps: StepFacts[] = [];
  private readonly produced = new Set<Variable>();
  private readonly texts = new Set<string>();
  private readonly receiverVariables = new Set<Variable>();
  private readonly receiverGlobals = new Set<string>();
  private receiverIsThis = false;
  private readonly referencedVariables = new Set<Variable>();
  private readonly referencedGlobals = new Set<string>();
  private containThis = false;
  private readonly written = new Set<Variable>();
  private readonly touched = new Set<Variable>();
  private readonly argumentVariables = new Set<Variable>();

  add(step: StepFacts): void {
    this.steps.push(step);
    for (const variable of step.produced) this.produced.add(variable);
    this.texts.add(step.text);
    if (step.receiver?.kind === 'this') this.receiverIsThis = true;
    else if (step.receiver?.kind === 'variable') this.receiverVariables.add(step.receiver.variable);
    else if (step.receiver?.kind === 'global') this.receiverGlobals.add(step.receiver.name);
    for (const reference of step.references) {
      if (reference.resolved) this.referencedVariables.add(reference.resolved);
      else this.referencedGlobals.add(reference.identifier.name);
    }
    this.containThis ||= step.containsThis;
    for (const variable of step.state.written) this.written.add(variable);
    for (const variable of step.state.touched) this.touched.add(variable);
    for (const [variable] of step.argumentVariables) this.argumentVariables.add(variable);
  }

  /** Why `later` must wait for one of the steps added so far, or null: the reasons of {@link DependencyReason}, in that order of precedence. */
  dependencyOf(context: AnyRuleContext, later: StepFacts): DependencyReason | null {
    // results and written variables
    if (later.references.some((reference) => reference.resolved !== null && this.produced.has(reference.resolved))) return 'uses-result';
    if (this.texts.has(later.text)) return 'repeated-call';
    if ((this.isReceiverUsedBy(later) || this.usesReceiverOf(later)) && this.sharesReceiverWithoutIndependentRead(later)) {
      return 'shared-receiver';
    }
    if (intersects(this.written, later.state.touched) || intersects(later.state.written, this.touched)) return 'shared-state';
    // both receive the same identifier whose value is (or may be, with types) a mutable object
    for (const [variable, identifier] of later.argumentVariables) {
      if (this.argumentVariables.has(variable) && isMutableValue(context, variable, identifier)) return 'shared-argument';
    }
    return null;
  }

  /**
   * Some earlier step shares a receiver with `later` and the two are not two reads that share no data
   * (`await api.get(a); await api.get(b)`: see `isIndependentReadPair`). Asked only when the merged sets say
   * some step shares one, so the steps are gone through only then.
   */
  private sharesReceiverWithoutIndependentRead(later: StepFacts): boolean {
    return this.steps.some(
      (earlier) =>
        (sharesReceiver(earlier, later) || sharesReceiver(later, earlier)) &&
        !isIndependentReadPair(
          { operation: earlier.operation, references: earlier.references, keepsResult: earlier.keepsResult },
          { operation: later.operation, references: later.references, keepsResult: true },
        ),
    );
  }

  /** The receiver of an earlier step is used anywhere in `later` (`db.a()` then `db.b()` or `f(db)`). */
  private isReceiverUsedBy(later: StepFacts): boolean {
    if (this.receiverIsThis && later.containsThis) return true;
    return later.references.some((reference) =>
      reference.resolved !== null ? this.receiverVariables.has(reference.resolved) : this.receiverGlobals.has(reference.identifier.name),
    );
  }

  /** The receiver of `later` is used anywhere in an earlier step. */
  private usesReceiverOf(later: StepFacts): boolean {
    switch (later.receiver?.kind) {
      case 'this':
        return this.containThis;
      case 'variable':
        return this.referencedVariables.has(later.receiver.variable);
      case 'global':
        return this.referencedGlobals.has(later.receiver.name);
      default:
        return false;
    }
  }
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

/** Every scope reference made inside `node`, nested functions included (remembered per node: each step meets every other of its run). */
function collectReferences(sourceCode: SourceCode, node: TSESTree.Node): readonly Reference[] {
  const cache = nodeReferencesCache(sourceCode);
  let references = cache.get(node);
  if (!references) {
    const [start, end] = node.range;
    const all = getReferencesInSourceOrder(sourceCode);
    const inside: Reference[] = [];
    for (let index = firstStartingFrom(all, start, referenceStart); index < all.length; index++) {
      const range = (all[index] as Reference).identifier.range;
      if (range[0] >= end) break;
      if (range[1] <= end) inside.push(all[index] as Reference);
    }
    references = inside;
    cache.set(node, references);
  }
  return references;
}

const referenceStart = (reference: Reference): number => reference.identifier.range[0];
const nodeReferencesCache = createFileCache<TSESTree.Node, readonly Reference[]>();
const fileReferencesCache = createFileCache<'all', readonly Reference[]>();

/**
 * Every reference of the file, of every scope, in the order of their identifiers: the references inside a node
 * are then one binary search away. Reading the scopes under the node instead read every reference and every
 * child scope of its function for each node (a function with thousands of awaits read them thousands of times).
 */
function getReferencesInSourceOrder(sourceCode: SourceCode): readonly Reference[] {
  const cache = fileReferencesCache(sourceCode);
  let all = cache.get('all');
  if (!all) {
    all = (sourceCode.scopeManager?.scopes ?? []).flatMap((scope) => scope.references).sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
    cache.set('all', all);
  }
  return all;
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
function sharesReceiver(first: StepFacts, second: StepFacts): boolean {
  const root = first.receiver;
  if (!root) return false;
  switch (root.kind) {
    case 'this':
      return second.containsThis;
    case 'variable':
      return second.references.some((reference) => reference.resolved === root.variable);
    case 'global':
      return second.references.some((reference) => reference.resolved === null && reference.identifier.name === root.name);
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

function asIdentifier(argument: TSESTree.CallExpressionArgument): TSESTree.Identifier | null {
  const node = skipExpressionWrappers(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument);
  return node.type === AST_NODE_TYPES.Identifier ? node : null;
}

function findResolved(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | null {
  const all = getReferencesInSourceOrder(sourceCode);
  for (let index = firstStartingFrom(all, identifier.range[0], referenceStart); index < all.length; index++) {
    const reference = all[index] as Reference;
    if (reference.identifier.range[0] !== identifier.range[0]) break;
    if (reference.identifier === identifier) return reference.resolved;
  }
  return null;
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
