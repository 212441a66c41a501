import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getHoldingIdentifier, getOutermostWrapper, walk } from '../core/ast';
import { findVariableOf } from '../core/scope';
import { clearCallOf, isGlobalCall, isUnrefOf } from './timerCalls';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/**
 * An interval kept in a variable that nothing clears, armed beside other timers the code does clear: the teardown
 * that clears the siblings says they must all stop with it, and this one runs on after it, for good (@jsreport/
 * jsreport-core 4.6.0's profiler armed three intervals and its close listener cleared the first one twice, never the
 * third; 4.6.1 clears it). Only when the variable is used for nothing but `unref()`/`ref()` (a handle handed on or
 * returned may be cleared elsewhere), and some other timer armed in the same function is held in a variable that a
 * `clearInterval`/`clearTimeout` call receives.
 */
export interface IntervalLeftBySiblings {
  readonly call: TSESTree.CallExpression;
  /** The variable that holds the interval. */
  readonly name: string;
  /** A sibling's clear, as the evidence. */
  readonly siblingClear: TSESTree.CallExpression;
  /** The sibling's variable. */
  readonly sibling: string;
}

/** The cheap test of a file's text. */
export function mayLeaveIntervalsBySiblings(text: string): boolean {
  return text.includes('setInterval(') && /\bclear(?:Interval|Timeout)\(/.test(text);
}

export function findIntervalLeftBySiblings(sourceCode: SourceCode, call: TSESTree.CallExpression): IntervalLeftBySiblings | null {
  if (!isGlobalCall(sourceCode, call, 'setInterval')) return null;
  const holder = getHoldingIdentifier(getOutermostWrapper(call));
  const variable = holder ? findVariableOf(sourceCode, holder) : null;
  const owner = getEnclosingFunction(call);
  if (!holder || !variable || !owner || !isOnlyArmedAndUnrefed(sourceCode, variable)) return null;
  const sibling = findClearedSibling(sourceCode, owner, variable);
  return sibling ? { call, name: holder.name, siblingClear: sibling.clear, sibling: sibling.name } : null;
}

/** Every read of the variable is `v.unref()` or `v.ref()`, and every write is a timer armed here: nothing can clear it. */
function isOnlyArmedAndUnrefed(sourceCode: SourceCode, variable: Variable): boolean {
  return variable.references.every((reference) => {
    const identifier = reference.identifier;
    if (reference.isWrite()) return true;
    if (clearCallOf(sourceCode, identifier)) return false;
    if (isUnrefOf(identifier)) return true;
    const position = getOutermostWrapper(identifier);
    const member = position.parent;
    // `if (timer)`: a test of the handle, not a use of it
    if (member?.type === AST_NODE_TYPES.IfStatement && member.test === position) return true;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === position && !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'ref';
  });
}

/** Another timer armed in `owner` (outside nested functions) and held in a variable that some clear call receives. */
function findClearedSibling(sourceCode: SourceCode, owner: FunctionNode, variable: Variable): { clear: TSESTree.CallExpression; name: string } | null {
  let found: { clear: TSESTree.CallExpression; name: string } | null = null;
  walk(owner.body, (node) => {
    if (found || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || getEnclosingFunction(node) !== owner) return true;
    if (!isGlobalCall(sourceCode, node, 'setInterval') && !isGlobalCall(sourceCode, node, 'setTimeout')) return true;
    const holder = getHoldingIdentifier(getOutermostWrapper(node));
    const sibling = holder ? findVariableOf(sourceCode, holder) : null;
    if (!holder || !sibling || sibling === variable) return true;
    for (const reference of sibling.references) {
      const clear = reference.isRead() ? clearCallOf(sourceCode, reference.identifier) : null;
      if (clear) {
        found = { clear, name: holder.name };
        return false;
      }
    }
    return true;
  });
  return found;
}
