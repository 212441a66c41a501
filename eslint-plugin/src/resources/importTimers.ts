import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getEnclosingFunction, getHoldingIdentifier, getOutermostWrapper, getTrailingName, skipBind, skipExpressionWrappers } from '../core/ast';
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

/**
 * The same through an instance the module makes as it is loaded: `var singleton = Honeybadger(); module.exports =
 * singleton;` where `Honeybadger()` starts a timer that arms itself again each time it runs (`function collect() {
 * …; setTimeout(collect, interval); } process.nextTick(collect);`) and throws the handle away. Nothing can clear it,
 * so it keeps every program that imports the module alive for good (honeybadger 1.1.1: AWS Lambda invocations never
 * finished; 1.1.2 arms a timeout only when a metric is recorded).
 *
 * Only when the `setTimeout(f, …)` is an unconditional statement of `f`'s own body (a loop with no way out), `f` is a
 * function declaration started by the body of a function of the file (called, or given to `process.nextTick`,
 * `setImmediate` or `setTimeout`, bound or not) that the module's top level calls, the handle is never kept or
 * `unref()`ed, and the module exports something (`module.exports`, `exports.x`, `export`).
 */
export interface PerpetualTimerAtLoad {
  readonly call: TSESTree.CallExpression;
  /** The function that arms itself again (`collectMetrics`). */
  readonly loop: string;
  /** The function the module calls as it loads (`Honeybadger`). */
  readonly factory: string;
}

/** The cheap test of a file's text. */
export function mayStartTimersAtLoad(text: string): boolean {
  return text.includes('setTimeout(') && /\bmodule\.exports\b|\bexports\.|^export\b/m.test(text);
}

export function findPerpetualTimerAtLoad(sourceCode: SourceCode, call: TSESTree.CallExpression): PerpetualTimerAtLoad | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout') || isUnrefOf(call)) return null;
  const loop = getEnclosingFunction(call);
  const callback = call.arguments[0] ? skipBind(call.arguments[0]) : null;
  if (loop?.type !== AST_NODE_TYPES.FunctionDeclaration || !loop.id || callback?.type !== AST_NODE_TYPES.Identifier || callback.name !== loop.id.name) return null;
  const statement = getOutermostWrapper(call).parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== loop.body) return null;
  const factory = getEnclosingFunction(loop);
  if (factory?.type !== AST_NODE_TYPES.FunctionDeclaration || !factory.id || !startsWithin(factory, loop.id.name)) return null;
  if (!isCalledAtLoad(sourceCode, factory.id)) return null;
  return { call, loop: loop.id.name, factory: factory.id.name };
}

const DEFERRING_CALLS: ReadonlySet<string> = new Set(['nextTick', 'setImmediate', 'setTimeout']);

/** A statement of `factory`'s own body calls `name` or hands it to `process.nextTick`/`setImmediate`/`setTimeout`. */
function startsWithin(factory: TSESTree.FunctionDeclaration, name: string): boolean {
  return factory.body.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const call = skipExpressionWrappers(statement.expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipBind(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === name) return true;
    const deferring = getTrailingName(call.callee);
    const first = call.arguments[0] ? skipBind(call.arguments[0]) : null;
    return deferring !== null && DEFERRING_CALLS.has(deferring) && first?.type === AST_NODE_TYPES.Identifier && first.name === name;
  });
}

/** The module's top level calls `factory` (`var x = factory()`, `module.exports = factory()`, `new factory()`, `factory();`). */
function isCalledAtLoad(sourceCode: SourceCode, factory: TSESTree.Identifier): boolean {
  return (findVariableOf(sourceCode, factory)?.references ?? []).some((reference) => {
    const call = reference.identifier.parent;
    if ((call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) || call.callee !== reference.identifier) return false;
    return getEnclosingFunction(call) === null && isTopLevelStatement(call as TSESTree.CallExpression);
  });
}
