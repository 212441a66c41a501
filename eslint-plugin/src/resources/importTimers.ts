import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getEnclosingFunction, getHoldingIdentifier, getOutermostWrapper } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getExportedValues } from '../modules/exportedValues';
import { clearCallOf, getWrittenDelay, isGlobalCall, isUnrefOf } from './timerCalls';

/**
 * A timer a library module arms as it is loaded (a statement of the module's top level, not of a function): every
 * program that imports the module, for whatever it wants of it, is kept alive by that timer, so a short command cannot
 * exit until it fires, or ever (an interval). gatsby-telemetry 1.0.2 armed its ten-minute flush loop when required,
 * and every quick `gatsby` command waited for it; 1.0.3 arms it only when a long-running command asks. The module
 * must export functions or classes (a library, not a program's own main file), and the timer must be an interval or
 * a timeout of a minute or more as written (a constant the code computes: `10 * 60 * 1000`), neither `unref()`ed nor
 * cleared anywhere in the file.
 */
export interface TimerArmedAtImport {
  readonly call: TSESTree.CallExpression;
  readonly repeating: boolean;
  /** The delay in milliseconds, when the code fixes it. */
  readonly delay: number | null;
}

/** Timeouts shorter than this end soon enough for a command to wait: a deferral at load, not a loop. */
const LONG_DELAY_MS = 60_000;

/** The cheap test of a file's text: a timer call at the start of a line (the top level of most modules). */
export function mayArmTimersAtImport(text: string): boolean {
  return /^(?:[\w$.]+\s*=\s*)?(?:(?:const|let|var)\s+[\w$]+\s*=\s*)?set(?:Timeout|Interval)\(/m.test(text);
}

export function findTimerArmedAtImport(sourceCode: SourceCode, call: TSESTree.CallExpression): TimerArmedAtImport | null {
  const repeating = isGlobalCall(sourceCode, call, 'setInterval');
  if (!repeating && !isGlobalCall(sourceCode, call, 'setTimeout')) return null;
  if (getEnclosingFunction(call) !== null || !isTopLevelStatement(call)) return null;
  const delay = getWrittenDelay(sourceCode, call);
  if (!repeating && (delay === null || delay < LONG_DELAY_MS)) return null;
  if (isUnrefOf(call) || isHandleReleased(sourceCode, call)) return null;
  const exported = getExportedValues(sourceCode);
  if (exported.functions.size === 0 && exported.classes.size === 0) return null;
  return { call, repeating, delay };
}

/** The call is (the value of) a statement of the program's body: it runs when the module is loaded. */
function isTopLevelStatement(call: TSESTree.CallExpression): boolean {
  let statement: TSESTree.Node = getOutermostWrapper(call);
  if (statement.parent?.type === AST_NODE_TYPES.VariableDeclarator) statement = statement.parent.parent;
  else if (statement.parent?.type === AST_NODE_TYPES.AssignmentExpression) statement = statement.parent;
  const parent = statement.type === AST_NODE_TYPES.VariableDeclaration ? statement.parent : statement.parent?.type === AST_NODE_TYPES.ExpressionStatement ? statement.parent.parent : null;
  return parent?.type === AST_NODE_TYPES.Program;
}

/** The handle is kept in a variable the file `unref()`s or clears somewhere (a stop function, a test hook). */
function isHandleReleased(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const holder = getHoldingIdentifier(getOutermostWrapper(call));
  const variable = holder ? findVariableOf(sourceCode, holder) : null;
  if (!variable) return false;
  return variable.references.some((reference) => {
    if (reference.isWrite()) return false;
    // a read that is not a statement of its own hands the handle on (a clear and an `unref()` are such reads)
    return isUnrefOf(reference.identifier) || clearCallOf(sourceCode, reference.identifier) !== null || getOutermostWrapper(reference.identifier).parent?.type !== AST_NODE_TYPES.ExpressionStatement;
  });
}
