import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getStaticString, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit } from '../core/scope';
import { exportPath, isGlobalName, isModuleExport, resolveModuleReference } from '../modules/moduleBindings';

/**
 * Shutdown listeners: `process.on('SIGINT', …)`, `process.once('beforeExit', …)`, a REPL's `'exit'`.
 * They run while the process is ending; a rejection there has nothing left to disturb, and the process
 * exits with the error reported either way.
 */

export const PROCESS_SHUTDOWN_EVENTS: ReadonlySet<string> = new Set([
  'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGBREAK', 'SIGUSR2', 'beforeExit', 'exit',
]);

/** True when `call` registers a listener for the end of the process (or of a REPL session). */
export function isShutdownListenerCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  const event = getStaticString(call.arguments[0]);
  if (!member || event === null) return false;
  const receiver = skipExpressionWrappers(member.object);
  if (PROCESS_SHUTDOWN_EVENTS.has(event) && isProcess(sourceCode, receiver)) return true;
  return event === 'exit' && isReplServer(sourceCode, receiver);
}

/** The global `process`, or the `process` module (`require('node:process')`, its compiled default import). */
export function isProcess(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (isGlobalName(sourceCode, node, 'process')) return true;
  const reference = resolveModuleReference(sourceCode, node);
  return reference?.module === 'process' && exportPath(reference).length === 0;
}

/** `repl.start(…)`, or a `const` bound to it. */
function isReplServer(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const value = node.type === AST_NODE_TYPES.Identifier ? (getConstInit(sourceCode, node) ?? node) : node;
  return value.type === AST_NODE_TYPES.CallExpression && isModuleExport(resolveModuleReference(sourceCode, value.callee), 'repl', ['start']);
}
