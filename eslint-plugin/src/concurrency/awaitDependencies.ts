import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { firstStartingFrom, getStaticPropertyName, isFunctionNode, isNestedFunction, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { isOrderedOperation } from './orderedOperations';
import { resolveLocalCallables } from '../modules/localFunctions';
import { isPromiseExpression } from '../promises/promiseInference';
import { getNodeType, getTypedServices, getTypeScript } from '../core/typeInfo';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';

type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

/**
 * One statement that awaits one asynchronous operation and nothing else:
 * `const x = await f();`, `let { a }: T = await obj.m(y);`, `var [p] = await g();` or `await f();`.
 */
export interface AwaitStep {
  readonly statement: TSESTree.VariableDeclaration | TSESTree.ExpressionStatement;
  readonly awaitExpression: TSESTree.AwaitExpression;
  /** The awaited call (TypeScript wrappers such as `as` removed). */
  readonly operation: TSESTree.CallExpression;
  /** The declarator for `const x = await f()`, null for a bare `await f();`. */
  readonly declarator: TSESTree.VariableDeclarator | null;
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

/** A run of two or more consecutive, pairwise independent await steps in one statement list. */
export interface IndependentAwaitRun {
  readonly steps: readonly AwaitStep[];
}

/**
 * The await step a statement is, or null. Only calls that are known to start asynchronous work count
 * (`isPromiseExpression`), whose name does not say that order matters (writes, deletes, process runs,
 * sleeps, locks… see `isOrderedOperation`), and whose arguments do not await themselves.
 */
export function getAwaitStep(context: AnyRuleContext, statement: TSESTree.Node): AwaitStep | null {
  let awaitExpression: TSESTree.AwaitExpression;
  let declarator: TSESTree.VariableDeclarator | null = null;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    if (statement.expression.type !== AST_NODE_TYPES.AwaitExpression) return null;
    awaitExpression = statement.expression;
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
  return { statement: statement as AwaitStep['statement'], awaitExpression, operation, declarator };
}

/**
 * Splits a statement list into maximal runs of consecutive await steps where no step depends on an earlier
 * one of the same run. Only runs of two or more are returned. Consecutive means nothing in between: any other
 * statement ends the run, and since the statements share one list they share one `try` context.
 */
export function findIndependentAwaitRuns(context: AnyRuleContext, statements: readonly TSESTree.Node[]): IndependentAwaitRun[] {
  // Most blocks have no two adjacent awaiting statements: leave before any allocation.
  let adjacent = false;
  for (let index = 1; index < statements.length && !adjacent; index++) {
    adjacent = isAwaitStatementShape(statements[index] as TSESTree.Node) && isAwaitStatementShape(statements[index - 1] as TSESTree.Node);
  }
  if (!adjacent) return [];
  const runs: IndependentAwaitRun[] = [];
  let current: AwaitStep[] = [];
  // What the steps of the current run read, write and go through, merged: a new step is compared with all of them
  // at once, not with each (a run of thousands of independent awaits made millions of comparisons).
  let earlier = new EarlierSteps();
  const flush = (): void => {
    if (current.length >= 2) runs.push({ steps: current });
    current = [];
    earlier = new EarlierSteps();
  };
  const shaped = statements.map(isAwaitStatementShape);
  for (const [index, statement] of statements.entries()) {
    // cheap filter: only a statement next to another awaiting statement can be part of a run
    const hasNeighbour = shaped[index - 1] === true || shaped[index + 1] === true;
    const step = shaped[index] && (hasNeighbour || current.length > 0) ? getAwaitStep(context, statement) : null;
    if (!step) {
      flush();
      continue;
    }
    const facts = getStepFacts(context.sourceCode, step);
    if (earlier.dependencyOf(context, facts) !== null) flush();
    current.push(step);
    earlier.add(facts);
  }
  flush();
  return runs;
}

/** `await …;` or a single declarator initialised with `await …`: what a step looks like before any analysis. */
function isAwaitStatementShape(statement: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) return statement.expression.type === AST_NODE_TYPES.AwaitExpression;
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.length === 1 &&
    statement.declarations[0]?.init?.type === AST_NODE_TYPES.AwaitExpression
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
  if (statement?.type === AST_NODE_TYPES.VariableDeclarator) statement = statement.parent;
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
}

const stepFactsCache = createFileCache<TSESTree.CallExpression, StepFacts>();

function getStepFacts(sourceCode: SourceCode, step: AwaitStep): StepFacts {
  const cache = stepFactsCache(sourceCode);
  const { operation, declarator } = step;
  let facts = cache.get(operation);
  if (!facts) {
    const references = collectReferences(sourceCode, operation);
    const produced = new Set<Variable>(declarator ? sourceCode.getDeclaredVariables(declarator) : []);
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
    };
    cache.set(operation, facts);
  }
  return facts;
}

/** The steps of a run so far, merged: whether a new step depends on any of them is one look-up per fact of the new step. */
class EarlierSteps {
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
    if (this.isReceiverUsedBy(later) || this.usesReceiverOf(later)) return 'shared-receiver';
    if (intersects(this.written, later.state.touched) || intersects(later.state.written, this.touched)) return 'shared-state';
    // both receive the same identifier whose value is (or may be, with types) a mutable object
    for (const [variable, identifier] of later.argumentVariables) {
      if (this.argumentVariables.has(variable) && isMutableValue(context, variable, identifier)) return 'shared-argument';
    }
    return null;
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

function containsThis(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.FunctionExpression || child.type === AST_NODE_TYPES.FunctionDeclaration) return false;
    if (child.type === AST_NODE_TYPES.ThisExpression || child.type === AST_NODE_TYPES.Super) found = true;
    return !found;
  });
  return found;
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

/** Words of a name that say "a connection, session or transaction": two operations through one stay in order. */
const CONNECTION_WORDS: ReadonlySet<string> = new Set([
  'client', 'connection', 'conn', 'db', 'database', 'tx', 'trx', 'transaction', 'session', 'socket', 'channel', 'cursor',
  'stream', 'writer', 'reader', 'handle', 'fd', 'page', 'browser', 'redis', 'knex', 'prisma', 'em', 'manager', 'runner',
]);

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
