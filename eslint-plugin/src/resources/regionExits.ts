import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { contains, firstNodeFrom, type FunctionNode, isConsoleCall, getStaticPropertyName, getTrailingName, isFunctionNode, isLoopStatement, pushChildrenLastFirst, skipExpressionWrappers, skipIndirectCallee } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { FirstBelow } from '../core/firstBelow';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { callCannotReject } from '../promises/rejection';
import { LISTENER_SETUP, type ReleaseSpec } from './releaseSpec';

/**
 * What can leave a region of a function early, between a resource's acquisition and its release. A function is
 * walked once (per file) for the nodes that can leave (exits and calls, in source order), each with the regions
 * that do not count it (those that start before a `try … catch` around it, a `catch` clause it is in, the loop its
 * `break` leaves): a region is then a binary search and a search tree away from its first exit, so a function
 * holding n resources costs about n log n, not n² (or n³ when each candidate re-read its block).
 */

/** The nodes of one function (not of its nested functions or classes) that may leave a region, each list in source order. */
interface ExitCandidates {
  /** `await`, `return`, `throw`, `yield`, `break`, `continue`. */
  readonly exits: CandidateList;
  /** Calls and constructions (they can throw). */
  readonly calls: CandidateList;
}

interface CandidateList {
  readonly nodes: readonly TSESTree.Node[];
  /** For each node, its {@link excludedFrom} offset, in a search tree. */
  readonly excluded: FirstBelow;
}

const EXIT_TYPES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.ThrowStatement,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.BreakStatement,
  AST_NODE_TYPES.ContinueStatement,
]);

const candidatesCache = createFileCache<FunctionNode, ExitCandidates>();

function getExitCandidates(sourceCode: SourceCode, fn: FunctionNode): ExitCandidates {
  const cache = candidatesCache(sourceCode);
  const cached = cache.get(fn);
  if (cached) return cached;
  const exits: TSESTree.Node[] = [];
  const calls: TSESTree.Node[] = [];
  // In source order, with a stack (code nests deeper than the call stack).
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node !== fn.body && isFunctionNode(node)) continue;
    if (node.type === AST_NODE_TYPES.ClassBody) continue;
    if (EXIT_TYPES.has(node.type)) exits.push(node);
    else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) calls.push(node);
    pushChildrenLastFirst(node, stack, sourceCode);
  }
  const candidates = { exits: candidateList(exits, fn), calls: candidateList(calls, fn) };
  cache.set(fn, candidates);
  return candidates;
}

function candidateList(nodes: TSESTree.Node[], fn: FunctionNode): CandidateList {
  // The walk visits children in the order of the visitor keys, which is the source order; sorting keeps the binary
  // search right even where a parser's keys would differ (a stable sort of a sorted list costs one pass).
  nodes.sort((a, b) => a.range[0] - b.range[0]);
  return { nodes, excluded: new FirstBelow(nodes.map((node) => excludedFrom(node, fn))) };
}

/**
 * The last region start for which `node` does not leave the region, whatever the resource (a region counts it when it
 * starts after this offset): a `try … catch` around it that starts in the region handles the exception; a call in a
 * `catch` clause of the region handles an error rather than adding one; a `break` leaves the region only when its
 * loop starts before the region. `-Infinity`: every region counts it; `Infinity`: none does.
 */
function excludedFrom(node: TSESTree.Node, fn: FunctionNode): number {
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ThrowStatement:
      return innermostCatchingTry(node, fn);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (node.type === AST_NODE_TYPES.CallExpression && isConsoleCall(node)) return Infinity;
      return Math.max(innermostCatchingTry(node, fn), innermostCatchClause(node, fn));
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return getJumpTarget(node)?.range[0] ?? Infinity;
    default:
      return -Infinity;
  }
}

/** `node` is inside the `try` block of a `try … catch` (within `fn`): what it throws is caught there. */
export function isInCatchingTry(node: TSESTree.Node, fn: FunctionNode): boolean {
  return innermostCatchingTry(node, fn) !== -Infinity;
}

/** Where the innermost `try … catch` whose `try` block holds `node` starts (within `fn`); `-Infinity` when none does. */
function innermostCatchingTry(node: TSESTree.Node, fn: FunctionNode): number {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) return current.range[0];
    child = current;
  }
  return -Infinity;
}

/** `node` is inside a `catch` clause (within `fn`): it runs on a failure already caught. */
export function isInCatchClause(node: TSESTree.Node, fn: FunctionNode): boolean {
  return innermostCatchClause(node, fn) !== -Infinity;
}

/** Where the innermost `catch` clause holding `node` starts (within `fn`); `-Infinity` when none does. */
function innermostCatchClause(node: TSESTree.Node, fn: FunctionNode): number {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return current.range[0];
  }
  return -Infinity;
}

/**
 * The first node between `start` and `end` (source offsets, inside `fn` but not in nested functions) that can
 * leave that region without reaching `end`: an `await`, a call (when `spec.syncCallsCanThrow`), `throw`,
 * `return`, `yield`, or a `break`/`continue` out of a loop that holds both ends. An exit makes a better
 * explanation than a call that might throw, so the first exit is preferred to an earlier call. Exceptions caught
 * by a `try … catch` that lies wholly inside the region are not exits; nor is an exit preceded by a release, nor
 * anything inside a release.
 */
export function findRisk(
  sourceCode: SourceCode,
  fn: FunctionNode,
  start: number,
  end: number,
  spec: ReleaseSpec,
  id: TSESTree.Identifier,
  releases: readonly TSESTree.Node[],
): TSESTree.Node | null {
  const { exits, calls } = getExitCandidates(sourceCode, fn);
  const releasesInside = releases.filter((release) => release.range[0] >= start && release.range[1] <= end);
  const firstRisk = ({ nodes, excluded }: CandidateList): TSESTree.Node | null => {
    for (let index = excluded.firstBelow(firstNodeFrom(nodes, start), start); index >= 0; index = excluded.firstBelow(index + 1, start)) {
      const node = nodes[index] as TSESTree.Node;
      if (node.range[0] >= end) break;
      if (node.range[1] > end) continue;
      if (releasesInside.some((release) => contains(release, node))) continue; // the release itself and its arguments
      if (leavesRegion(sourceCode, node, spec, id, end, releases) && !isGuardedByRelease(node, fn, start, releases)) return node;
    }
    return null;
  };
  return firstRisk(exits) ?? (spec.syncCallsCanThrow ? firstRisk(calls) : null);
}

/**
 * What a candidate that the region counts ({@link excludedFrom}) still needs in order to leave it, for this resource:
 * an `await` that is not the release or the resource's own setup, a call that is not its setup, a `break` whose loop
 * also holds the region's end.
 */
function leavesRegion(sourceCode: SourceCode, node: TSESTree.Node, spec: ReleaseSpec, id: TSESTree.Identifier, end: number, releases: readonly TSESTree.Node[]): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      if (spec.awaitsMayNotReject === true && awaitCannotReject(sourceCode, node)) return false;
      return !releases.includes(skipExpressionWrappers(node.argument)) && !isSetupCall(sourceCode, node.argument, spec, id);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !isSetupCall(sourceCode, node, spec, id);
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return (getJumpTarget(node)?.range[1] ?? -Infinity) >= end;
    default:
      return true;
  }
}

/**
 * `await Promise.resolve(x)`, `await sleep(ms)`, `await settle()` of an async function of the file whose failures are
 * all caught.
 */
function awaitCannotReject(sourceCode: SourceCode, node: TSESTree.AwaitExpression): boolean {
  const argument = skipExpressionWrappers(node.argument);
  if (argument.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(argument.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'resolve' && isGlobalName(sourceCode, callee.object, 'Promise')) return true;
  return isSleepCall(argument) || callCannotReject(sourceCode, argument);
}

/** Waits that only let time pass (`sleep(ms)`, `delay(ms)`, compiled `(0, utils_1.Wait)(ms)`, also another file's helper): they do not reject. */
const SLEEP_NAMES = /^(?:sleep|delay|wait|pause|setTimeout|setImmediate)$/i;

export function isSleepCall(call: TSESTree.CallExpression): boolean {
  return SLEEP_NAMES.test(getTrailingName(skipIndirectCallee(call.callee)) ?? '');
}

/** `client.connect()`, `socket.on('error', …)`: preparing the resource itself. */
function isSetupCall(sourceCode: SourceCode, node: TSESTree.Node, spec: ReleaseSpec, id: TSESTree.Identifier): boolean {
  const call = skipExpressionWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(callee.object);
  const name = getStaticPropertyName(callee);
  if (object.type !== AST_NODE_TYPES.Identifier || name === null) return false;
  if (!spec.setup.includes(name) && !LISTENER_SETUP.includes(name)) return false;
  return object.name === id.name && findVariableOf(sourceCode, object) === findVariableOf(sourceCode, id);
}

/**
 * True when a statement before `node` (after the acquisition, in `node`'s blocks) already released the value.
 * The statements of each enclosing block that lie between `start` and `node` are found by binary search: a
 * block of thousands of statements is not read once per candidate.
 */
function isGuardedByRelease(node: TSESTree.Node, fn: FunctionNode, start: number, releases: readonly TSESTree.Node[]): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn.parent; current = current.parent) {
    const statements =
      current.type === AST_NODE_TYPES.BlockStatement ? current.body : current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : null;
    if (statements) {
      const first = firstNodeFrom(statements, start);
      const beyond = firstNodeFrom(statements, child.range[0]);
      if (first < beyond) {
        const from = (statements[first] as TSESTree.Node).range[0];
        const to = (statements[beyond - 1] as TSESTree.Node).range[1];
        if (releases.some((release) => release.range[0] >= from && release.range[1] <= to)) return true;
      }
    }
    if (current === fn) break;
    child = current;
  }
  return false;
}

function getJumpTarget(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return null;
    if (node.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label.name) return current;
      continue;
    }
    if (isLoopStatement(current)) return current;
    if (node.type === AST_NODE_TYPES.BreakStatement && current.type === AST_NODE_TYPES.SwitchStatement) return current;
  }
  return null;
}
