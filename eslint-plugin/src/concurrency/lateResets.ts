import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import type { AwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { returnsAlways } from '../roles/lazyInitialization';
import { findStateReads, isStateWrittenBetween, stateText } from './sharedState';

/** The read of the state and the `await` after it, for the `reset-late` race of `racesAcrossAwait.ts`. */
export interface LateReset {
  readonly read: TSESTree.Node;
  readonly awaitNode: AwaitNode;
}

/**
 * `await send(JSON.stringify(this.pending)); this.pending = {};`: the state's entries are used before an `await` (in
 * place, not kept in a variable that is read after it) and the state is emptied after it, with no read in between,
 * while other code of the file adds entries to it (`this.pending[key] = …`, `this.queue.push(…)`).
 */
export function findLateReset(
  sourceCode: SourceCode,
  assignment: TSESTree.AssignmentExpression,
  text: string,
  awaits: readonly AwaitNode[],
  fn: FunctionNode,
): LateReset | null {
  if (!isEmptyContainer(assignment.right)) return null;
  const before = awaits.filter((awaited) => awaited.range[1] <= assignment.range[0]);
  const awaited = before[before.length - 1];
  if (!awaited) return null;
  const reads = findStateReads(sourceCode, fn.body, text);
  const used = reads.filter((read) => read.range[0] < awaited.range[1]);
  const read = used[used.length - 1];
  if (!read || used.some(isKeptInVariable) || reads.some((other) => other.range[0] >= awaited.range[1] && other.range[0] < assignment.range[0])) return null;
  if (isStateWrittenBetween(sourceCode, fn, text, read.range[0], assignment.range[0]) || !isFilledElsewhere(sourceCode, text, fn)) return null;
  if (isBusyGuarded(sourceCode, fn, awaited)) return null;
  return { read, awaitNode: awaited };
}

/**
 * The function leaves early while a busy flag or pending promise is set that it sets itself before the `await`
 * (`if (this.currentFlush) return; … this.currentFlush = post(…); await this.currentFlush;`): overlapping calls are
 * turned away, which is how the code says it handles them (flagsmith-nodejs 3.3.1).
 */
function isBusyGuarded(sourceCode: SourceCode, fn: FunctionNode, awaited: AwaitNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  return fn.body.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.range[0] >= awaited.range[0] || !returnsAlways(statement.consequent)) return false;
    const tested = new Set<string>();
    walk(statement.test, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) {
        tested.add(stateText(sourceCode, node));
        return node.type === AST_NODE_TYPES.MemberExpression ? false : true;
      }
      return !isFunctionNode(node);
    });
    return [...tested].some((text) => isStateWrittenBetween(sourceCode, fn, text, statement.range[1], awaited.range[1]));
  });
}

/** `{}`, `[]`, `''`, `new Map()`, `new Set()`: a container emptied. */
export function isEmptyContainer(raw: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.length === 0;
  if (value.type === AST_NODE_TYPES.Literal) return value.value === '';
  return (
    value.type === AST_NODE_TYPES.NewExpression &&
    value.arguments.length === 0 &&
    value.callee.type === AST_NODE_TYPES.Identifier &&
    EMPTY_CONSTRUCTORS.has(value.callee.name)
  );
}

const EMPTY_CONSTRUCTORS: ReadonlySet<string> = new Set(['Map', 'Set', 'Array', 'Object']);
/** Methods that add entries to a container. */
const FILL_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'set', 'add', 'append']);

/** The read is kept in a variable (`const batch = this.pending`): what is added later is in the same object, and read through `batch`. */
function isKeptInVariable(read: TSESTree.Node): boolean {
  const position = getOutermostWrapper(read);
  const parent = position.parent;
  return (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position) || (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === position);
}

/** Code of the file outside `fn` adds entries to the state: `state[key] = …`, `state.push(…)`, `state += …`. */
export function isFilledElsewhere(sourceCode: SourceCode, text: string, fn: FunctionNode): boolean {
  return someNodeWithin(
    sourceCode.ast,
    (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression) {
        const target = node.left;
        if (node.operator === '+=' && stateText(sourceCode, target) === text) return true;
        return target.type === AST_NODE_TYPES.MemberExpression && target.computed && stateText(sourceCode, target.object) === text;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticPropertyName(node.callee);
      return method !== null && FILL_METHODS.has(method) && stateText(sourceCode, node.callee.object) === text;
    },
    (node) => node !== fn,
  );
}
