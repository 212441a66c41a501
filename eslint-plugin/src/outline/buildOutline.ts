import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, isDirective, isFunctionNode, pushChildrenLastFirst, shortText, skipExpressionWrappers } from '../core/ast';
import { getFunctionAsyncContext, getAsyncContext } from '../roles/asyncContext';
import { findIndependentPredecessor } from '../concurrency/awaitDependencies';
import { BlockingAnalyzer, type BlockingOptions } from '../blocking/blockingCalls';
import { analyzeFanOut, isUnboundedFanOut, type FanOut } from '../concurrency/fanOut';
import { type FloatingOptions, findFloatingPromise, isDanglingStoredPromise } from '../promises/floatingPromises';
import { resolveLocalCallables } from '../modules/localFunctions';
import { getResourceCatalog, matchAcquisition, type ResourceCatalog } from '../resources/resourceAnalysis';
import type { UserResourceEntry } from '../resources/resourceCatalog';
import { describeResourceRelease } from './resourceFacts';
import type { AsyncOutline, OutlineNode, OutlineNodeKind, OutlineRange } from './types';
import { nameAsyncUnit } from './unitNames';
import type { AnyRuleContext } from '../core/ruleContext';

/** The options of the rules whose decisions the outline shows, so that it agrees with their diagnostics. */
export interface OutlineOptions {
  readonly blocking: BlockingOptions & { readonly checkHelpers: boolean };
  readonly floating: FloatingOptions & { readonly checkStored: boolean };
  readonly resources: readonly UserResourceEntry[];
}

export const DEFAULT_OUTLINE_OPTIONS: OutlineOptions = {
  blocking: { blockingCalls: [], allow: [], checkRequire: false, checkHelpers: true },
  floating: { checkVoid: false, checkThenables: false, allowForKnownSafeCalls: [], allowForKnownSafePromises: [], checkStored: true },
  resources: [],
};

interface MutableNode extends OutlineNode {
  children: MutableNode[];
}

/**
 * Builds the async outline of the file `context` lints: one node per async unit, nested as in the
 * source, with its awaits, fan-outs, detached promises, blocking calls, resources and calls of other
 * units in source order. Every fact comes from the shared analysis the rules use.
 */
export function buildAsyncOutline(context: AnyRuleContext, options: OutlineOptions = DEFAULT_OUTLINE_OPTIONS): AsyncOutline {
  const builder = new OutlineBuilder(context, options);
  builder.visit(context.sourceCode.ast);
  return { summary: builder.summary, units: builder.roots };
}

class OutlineBuilder {
  readonly roots: MutableNode[] = [];
  readonly summary = { asyncUnits: 0, awaits: 0, fanOuts: 0, detached: 0, blocking: 0, leaks: 0 };
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly blocking: BlockingAnalyzer;
  private readonly catalog: ResourceCatalog;
  private readonly unitByFunction = new Map<FunctionNode, MutableNode>();

  constructor(
    private readonly context: AnyRuleContext,
    private readonly options: OutlineOptions,
  ) {
    this.sourceCode = context.sourceCode;
    this.blocking = new BlockingAnalyzer(context, options.blocking);
    this.catalog = getResourceCatalog([...options.resources]);
  }

  /** Every node under `root` in source order, each with the unit it belongs to (a stack: code nests deeper than the call stack). */
  visit(root: TSESTree.Node): void {
    const nodes: TSESTree.Node[] = [root];
    const units: (MutableNode | null)[] = [null];
    while (nodes.length > 0) {
      const node = nodes.pop() as TSESTree.Node;
      let current = units.pop() ?? null;
      if (isFunctionNode(node)) current = this.enterFunction(node, current);
      else if (current) this.describe(node, current);
      else this.describeOutsideUnits(node);
      const firstChild = nodes.length;
      pushChildrenLastFirst(node, nodes, this.sourceCode);
      for (let index = firstChild; index < nodes.length; index++) units.push(current);
    }
  }

  private enterFunction(fn: FunctionNode, unit: MutableNode | null): MutableNode | null {
    const asyncContext = getFunctionAsyncContext(this.sourceCode, fn);
    if (!asyncContext) return null; // a synchronous function: not event-loop code (its callers may be)
    if (asyncContext.functionNode !== fn) return unit; // runs where it is written: part of the enclosing unit
    const node = this.makeNode('unit', nameAsyncUnit(this.sourceCode, fn, asyncContext.kind), unitDescription(fn, asyncContext.kind), unitIcon(fn), fn);
    this.unitByFunction.set(fn, node);
    this.summary.asyncUnits++;
    (unit ? unit.children : this.roots).push(node);
    return node;
  }

  /** Facts about code inside an async unit. */
  private describe(node: TSESTree.Node, unit: MutableNode): void {
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.describeAwait(node, unit);
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) this.add(unit, 'await', `for await (… of ${shortText(this.sourceCode.getText(node.right), 30)})`, 'one await per element', 'sync', node.right);
        return;
      case AST_NODE_TYPES.CallExpression:
        this.describeCall(node, unit);
        this.describeResource(node, unit);
        return;
      case AST_NODE_TYPES.NewExpression:
        this.describeResource(node, unit);
        return;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement: {
        const busyWait = this.blocking.classifyLoop(node);
        if (busyWait) {
          this.summary.blocking++;
          this.add(unit, 'blocking', `busy-wait on ${busyWait.displayName}`, 'spins the event loop', 'flame', busyWait.test, 'no-blocking-in-async');
        }
        return;
      }
      default:
        this.describeDetached(node, unit);
    }
  }

  /** At module level only detached promises matter (start-up code may block, and awaits belong to no unit). */
  private describeOutsideUnits(node: TSESTree.Node): void {
    if (node.type === AST_NODE_TYPES.ExpressionStatement || node.type === AST_NODE_TYPES.VariableDeclarator) {
      const detached = this.detachedFacts(node);
      if (detached) {
        this.summary.detached++;
        this.roots.push(this.makeNode('detached', detached.label, detached.description, 'debug-disconnect', detached.node, 'no-floating-promises'));
      }
    }
  }

  private describeAwait(node: TSESTree.AwaitExpression, unit: MutableNode): void {
    this.summary.awaits++;
    const predecessor = findIndependentPredecessor(this.context, node);
    const description = predecessor
      ? `sequential: independent of the await on line ${predecessor.loc.start.line}`
      : '';
    this.add(unit, 'await', `await ${shortText(this.sourceCode.getText(node.argument), 40)}`, description, predecessor ? 'debug-step-over' : 'watch', node, predecessor ? 'prefer-concurrent-awaits' : undefined);
  }

  private describeCall(call: TSESTree.CallExpression, unit: MutableNode): void {
    const fanOut = analyzeFanOut(this.context, call);
    if (fanOut) {
      this.summary.fanOuts++;
      const unbounded = isUnboundedFanOut(fanOut);
      this.add(unit, 'fan-out', fanOut.api, describeFanOut(this.sourceCode, fanOut), unbounded ? 'warning' : 'split-horizontal', call, unbounded ? 'no-unbounded-concurrency' : undefined);
      return;
    }
    const operation = this.blocking.classifyCall(call);
    if (operation) {
      if (this.blocking.isAllowed(operation) || !getAsyncContext(this.sourceCode, call)) return;
      this.summary.blocking++;
      this.add(unit, 'blocking', `blocks: ${operation.displayName}`, 'blocks the event loop', 'flame', call, 'no-blocking-in-async');
      return;
    }
    const callee = resolveLocalCallables(this.sourceCode, call.callee).find((candidate) => isFunctionNode(candidate) && candidate.async);
    if (callee && isFunctionNode(callee)) {
      const name = nameAsyncUnit(this.sourceCode, callee, 'async-function');
      this.add(unit, 'call', `calls ${name}()`, describeCallUse(call), 'call-outgoing', call);
      return;
    }
    if (this.options.blocking.checkHelpers) {
      const chain = this.blocking.chainOfCall(call);
      if (chain) {
        this.summary.blocking++;
        this.add(unit, 'blocking', `blocks via ${chain.names.join(' → ')}`, 'a local helper blocks the event loop', 'flame', call, 'no-blocking-in-async');
      }
    }
  }

  private describeResource(call: TSESTree.CallExpression | TSESTree.NewExpression, unit: MutableNode): void {
    const acquisition = matchAcquisition(this.sourceCode, this.catalog, call);
    if (!acquisition) return;
    const release = describeResourceRelease(this.context, acquisition);
    if (!release) return;
    if (release.problem) this.summary.leaks++;
    this.add(unit, 'resource', `holds ${release.name}`, release.description, release.problem ? 'warning' : 'lock', call, release.problem ? 'require-async-dispose' : undefined);
  }

  private describeDetached(node: TSESTree.Node, unit: MutableNode): void {
    if (node.type !== AST_NODE_TYPES.ExpressionStatement && node.type !== AST_NODE_TYPES.VariableDeclarator) return;
    const detached = this.detachedFacts(node);
    if (!detached) return;
    this.summary.detached++;
    this.add(unit, 'detached', detached.label, detached.description, 'debug-disconnect', detached.node, detached.ruleId);
  }

  private detachedFacts(node: TSESTree.ExpressionStatement | TSESTree.VariableDeclarator): { label: string; description: string; node: TSESTree.Node; ruleId?: string } | null {
    const floating = this.options.floating;
    if (node.type === AST_NODE_TYPES.VariableDeclarator) {
      if (!floating.checkStored || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return null;
      if (!isDanglingStoredPromise(this.context, node, floating)) return null;
      return { label: `stored: ${node.id.name}`, description: 'a promise stored and never awaited', node: node.id, ruleId: 'no-floating-promises' };
    }
    if (isDirective(node)) return null;
    const expression = skipExpressionWrappers(node.expression);
    if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
      // `void promise` is detached on purpose: shown, and a problem only when the rule reports `void` too.
      const reason = findFloatingPromise(this.context, node.expression, { ...floating, checkVoid: true });
      if (!reason) return null;
      return { label: `detached: ${shortText(this.sourceCode.getText(expression.argument), 40)}`, description: 'void: detached on purpose', node, ruleId: floating.checkVoid ? 'no-floating-promises' : undefined };
    }
    const reason = findFloatingPromise(this.context, node.expression, floating);
    if (!reason) return null;
    const description = reason === 'promiseArray' ? 'promises nobody awaits' : reason === 'uselessHandler' ? 'the rejection handler is not a function' : 'floating: its result and error are lost';
    return { label: `floating: ${shortText(this.sourceCode.getText(expression), 40)}`, description, node, ruleId: 'no-floating-promises' };
  }

  private add(unit: MutableNode, kind: OutlineNodeKind, label: string, description: string, icon: string, node: TSESTree.Node, ruleId?: string): void {
    unit.children.push(this.makeNode(kind, label, description, icon, node, ruleId));
  }

  private makeNode(kind: OutlineNodeKind, label: string, description: string, icon: string, node: TSESTree.Node, ruleId?: string): MutableNode {
    return { kind, label, description, icon, range: toRange(node), ...(ruleId ? { ruleId } : {}), children: [] };
  }

}

function toRange(node: TSESTree.Node): OutlineRange {
  return {
    start: { line: node.loc.start.line - 1, character: node.loc.start.column },
    end: { line: node.loc.end.line - 1, character: node.loc.end.column },
  };
}

function unitDescription(fn: FunctionNode, kind: string): string {
  if (kind === 'async-function') return fn.generator ? 'async generator' : 'async';
  return kind.replace('-', ' ');
}

function unitIcon(fn: FunctionNode): string {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return 'symbol-method';
  return fn.async ? 'symbol-function' : 'symbol-event';
}

function describeFanOut(sourceCode: Readonly<TSESLint.SourceCode>, fanOut: FanOut): string {
  const tasks =
    fanOut.taskCount !== null
      ? `${fanOut.taskCount} task${fanOut.taskCount === 1 ? '' : 's'}`
      : fanOut.collection
        ? `one per element of ${shortText(sourceCode.getText(fanOut.collection), 30)}`
        : fanOut.source === 'push-loop'
          ? 'one per loop iteration'
          : 'tasks from an unknown list';
  const bound = fanOut.bound ? `bounded: ${BOUND_LABELS[fanOut.bound]}` : isUnboundedFanOut(fanOut) ? 'unbounded' : fanOut.source === 'list' ? 'fixed size' : 'size unknown';
  return `${tasks}, ${bound}`;
}

const BOUND_LABELS: Readonly<Record<NonNullable<FanOut['bound']>, string>> = {
  'array-literal': 'a written list',
  tuple: 'a tuple',
  slice: 'a slice',
  batch: 'a batch',
  'batch-loop': 'a batch loop',
  'fixed-count': 'a fixed count',
  'small-collection': 'a small collection',
  limiter: 'a limiter',
  'concurrency-option': 'a concurrency option',
  'awaits-in-loop': 'awaits inside the loop',
  'length-guard': 'a length check',
};

function describeCallUse(call: TSESTree.CallExpression): string {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return 'awaited';
  if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node)) return 'returned';
  return 'not awaited here';
}
