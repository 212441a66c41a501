import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, contains, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isEmptyContainer, isFilledElsewhere } from './lateResets';
import { stateText } from './sharedState';

/**
 * A batch taken out of a shared buffer before async work and put back whole when the work fails:
 * `batch = this.pendingLogs; this.pendingLogs = []; post(batch).catch(() => { this.pendingLogs = batch; })`. While the
 * work was pending, other calls added to the new, empty buffer (`this.pendingLogs.push(…)`); putting the batch back
 * replaces that buffer, and everything added meanwhile is lost (sumo-logger 2.0.1 lost the logs of a failed send's
 * window; 2.5.0 leaves the buffer in place and takes out only what was sent).
 *
 * Only for state (a member of `this` or of another object, not a local) that the function empties right after taking
 * the batch, that the file fills elsewhere (`push`, `set`, `+=`…), and that is put back from the same variable in a
 * callback of the function (a `.catch`, an error listener) or after an `await` of it.
 */
export interface RestoredBatch {
  /** `this.pendingLogs = logsToSend`, the write that puts the batch back. */
  readonly write: TSESTree.AssignmentExpression;
  readonly state: string;
  readonly batch: string;
  /** `this.pendingLogs = []`: where the buffer was emptied. */
  readonly reset: TSESTree.AssignmentExpression;
}

/** The cheap test of a file's text: a member emptied, and a rejection handled somewhere. */
export function mayRestoreBatches(text: string): boolean {
  return /\.[\w$]+\s*=\s*(?:\[\s*\]|\{\s*\}|new (?:Map|Set)\(\))/.test(text) && /\bcatch\b/.test(text);
}

export function findRestoredBatch(sourceCode: SourceCode, write: TSESTree.AssignmentExpression): RestoredBatch | null {
  if (write.operator !== '=' || write.left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const batch = skipExpressionWrappers(write.right);
  if (batch.type !== AST_NODE_TYPES.Identifier) return null;
  const state = stateText(sourceCode, write.left);
  const variable = findVariableOf(sourceCode, batch);
  const scope = variable?.scope.variableScope.block;
  if (!variable || !scope || !isFunctionNode(scope)) return null;
  const owner: FunctionNode = scope;
  // `batch = this.pendingLogs` (or `const batch = this.pendingLogs`) in the function that owns the batch
  const take = variable.references.find((reference) => {
    if (!reference.isWrite() || getEnclosingFunction(reference.identifier) !== owner) return false;
    const value = reference.writeExpr ? skipExpressionWrappers(reference.writeExpr) : null;
    return value !== null && value.type === AST_NODE_TYPES.MemberExpression && stateText(sourceCode, value) === state;
  });
  if (!take || take.identifier.range[0] >= write.range[0]) return null;
  // every other write of the batch is a reset to nothing (`logsToSend = []` once it is sent)
  if (variable.references.some((reference) => reference !== take && reference.isWrite() && !isEmptied(reference.writeExpr))) return null;
  const reset = findReset(sourceCode, owner, state, take.identifier.range[1], write.range[0]);
  if (!reset || !runsLater(write, owner, reset)) return null;
  if (!isFilledElsewhere(sourceCode, state, owner) && !isExtendedElsewhere(sourceCode, state, owner)) return null;
  return { write, state, batch: batch.name, reset };
}

/** `batch = []`: the batch let go of once sent. */
function isEmptied(value: TSESTree.Node | null | undefined): boolean {
  return value !== null && value !== undefined && isEmptyContainer(value);
}

/** `this.pendingLogs = []` in `owner`'s own code between `start` and `end`. */
function findReset(sourceCode: SourceCode, owner: FunctionNode, state: string, start: number, end: number): TSESTree.AssignmentExpression | null {
  let found: TSESTree.AssignmentExpression | null = null;
  walk(owner.body, (node) => {
    if (found || node.range[1] <= start || node.range[0] >= end) return false;
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && isEmptyContainer(node.right) && stateText(sourceCode, node.left) === state) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * The write runs after the async work started: in a callback written in `owner` (a `.catch`, a listener), or in
 * `owner`'s own code after an `await` that follows the reset.
 */
function runsLater(write: TSESTree.AssignmentExpression, owner: FunctionNode, reset: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(write);
  if (fn !== owner) return fn !== null && contains(owner, fn);
  let awaited = false;
  walk(owner.body, (node) => {
    if (awaited || node.range[1] <= reset.range[1] || node.range[0] >= write.range[0]) return false;
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) awaited = true;
    return !awaited;
  });
  return awaited;
}

/** `this.pendingLogs = this.pendingLogs.concat(messages)` or `= [...this.pendingLogs, entry]` outside `owner`. */
function isExtendedElsewhere(sourceCode: SourceCode, state: string, owner: FunctionNode): boolean {
  return someNodeWithin(
    sourceCode.ast,
    (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=' || stateText(sourceCode, node.left) !== state) return false;
      const value = skipExpressionWrappers(node.right);
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        return value.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement && stateText(sourceCode, element.argument) === state);
      }
      if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      return getStaticPropertyName(value.callee) === 'concat' && stateText(sourceCode, value.callee.object) === state;
    },
    (node) => node !== owner,
  );
}
