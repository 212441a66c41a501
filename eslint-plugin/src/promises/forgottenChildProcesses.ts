import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { isAsyncFunction } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveModuleReference } from '../modules/moduleBindings';

/**
 * A child process started as a statement of an `async` function and forgotten: `spawn('bundle', args, { stdio:
 * 'inherit' })` (also `exec`, `execFile` without a callback, `fork`, of Node's `child_process`), its `ChildProcess`
 * dropped. The function's promise resolves while the process still runs, so its caller goes on (or exits) before the
 * command is done and never learns how it ended, and the process's 'error' event (a command that is not installed)
 * has no listener, which crashes the program. It is the process form of a floating promise. @shopify/cli-kit 3.3.2's
 * `execCLI2` spawned the Ruby CLI and returned at once; 3.3.3 awaits it. Not when the options say the child is meant
 * to outlive the call (`detached: true`), nor for `exec`/`execFile` given a callback (it hears the end).
 */
export interface ForgottenChildProcess {
  readonly call: TSESTree.CallExpression;
  /** The function of `child_process` called: `spawn`, `exec`, `execFile`, `fork`. */
  readonly method: string;
}

/** Cheap text filter: the file loads `child_process`. */
export function mayForgetChildProcesses(text: string): boolean {
  return text.includes('child_process');
}

const STARTERS: ReadonlySet<string> = new Set(['spawn', 'exec', 'execFile', 'fork']);

export function findForgottenChildProcess(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement): ForgottenChildProcess | null {
  const call = skipExpressionWrappers(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const reference = resolveModuleReference(sourceCode, call.callee);
  const method = reference?.module === 'child_process' && reference.path.length === 1 ? reference.path[0] : undefined;
  if (method === undefined || !STARTERS.has(method)) return null;
  if (call.arguments.some((argument) => isFunctionNode(argument) || isDetachedOption(argument))) return null;
  // a callback passed by name (`exec(cmd, done)`) hears the end too
  if ((method === 'exec' || method === 'execFile') && call.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument !== call.arguments[0])) return null;
  const fn = getEnclosingFunction(statement);
  return fn && isAsyncFunction(fn) ? { call, method } : null;
}

/** `{ detached: true, … }`: a child meant to run on after the call. */
function isDetachedOption(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || getStaticPropertyName(property) !== 'detached') return false;
    const value = skipExpressionWrappers(property.value);
    return !(value.type === AST_NODE_TYPES.Literal && value.value === false);
  });
}
