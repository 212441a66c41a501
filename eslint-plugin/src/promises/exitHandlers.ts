import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, someNodeWithin, someOwnReturn, walk } from '../core/ast';
import { resolveLocalCallables } from '../modules/localFunctions';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { isGlobalName, isModuleExport, resolveModuleReference } from '../modules/moduleBindings';
import { isPromiseExpression } from './promiseInference';
import { isProcess, PROCESS_SHUTDOWN_EVENTS } from '../roles/shutdownListeners';

/**
 * Async work started in a handler after which the process exits, and not waited for: `nodeCleanup(() => {
 * killProcesses(true); })`, `process.on('SIGINT', () => { server.close(); db.end(); process.exit(0); })`. The exit
 * does not wait for the promise, so the work is cut off midway: child processes left running, a flush or a write
 * lost. That holds even where a dropped rejection would not matter (a command-line script, a promise that cannot
 * reject): the loss is the work, not the error (tsc-watch 2.1.2 exited before its `onSuccess` children were killed;
 * 2.2.0 waits for them, then exits).
 *
 * The handlers read as "the process exits right after": a listener of `process`'s `'exit'` event (no async work runs
 * after it), a handler of `node-cleanup`, `exit-hook` or `signal-exit` (which exit once the handlers return; a
 * node-cleanup handler that returns `false` takes the exit over and is left alone), and a listener of a signal or of
 * `beforeExit` that itself calls `process.exit()` after the statement. Not when the dropped chain itself exits when
 * it settles (`work().then(() => process.exit())`).
 */
export interface WorkCutByExit {
  /** What ends the process, for messages: `process.exit()`, `node-cleanup`… */
  readonly exit: string;
  /**
   * Where the work runs: a listener of the 'exit' event (no async work can finish there at all), a node-cleanup handler
   * (which can take the exit over by returning `false`), or another handler that exits after it.
   */
  readonly handler: 'exit-event' | 'node-cleanup' | 'exiting';
}

/** Packages whose handlers run as the process exits, which they end once every handler has returned. */
const EXIT_HANDLER_PACKAGES: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['node-cleanup', [[], ['default']]],
  ['exit-hook', [[], ['default']]],
  ['signal-exit', [[], ['default'], ['onExit']]],
]);

/** The cheap test of a file's text. */
export function mayCutWorkByExit(text: string): boolean {
  return /\b(?:node-cleanup|exit-hook|signal-exit)\b/.test(text) || (/\bprocess\s*\.\s*(?:on|once|addListener)\s*\(/.test(text) && /['"](?:exit|SIG[A-Z0-9]+|beforeExit)['"]/.test(text));
}

export function findWorkCutByExit(context: AnyRuleContext, statement: TSESTree.ExpressionStatement): WorkCutByExit | null {
  const fn = getEnclosingFunction(statement);
  if (!fn || fn.async) return null;
  const found = exitAfter(context.sourceCode, fn, statement);
  if (found === null) return null;
  const expression = skipExpressionWrappers(statement.expression);
  if (expression.type !== AST_NODE_TYPES.CallExpression || !isPromiseExpression(context, expression)) return null;
  return exitsWhenSettled(context.sourceCode, expression) ? null : found;
}

/** How the process ends once `fn`, a handler, has run `statement`; null when `fn` is no such handler. */
function exitAfter(sourceCode: SourceCode, fn: FunctionNode, statement: TSESTree.Node): WorkCutByExit | null {
  const position = getOutermostWrapper(fn);
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(position as TSESTree.CallExpressionArgument)) return null;
  const packageName = exitHandlerPackage(sourceCode, call);
  if (packageName !== null) {
    // node-cleanup: a handler that returns false exits by itself when it is ready
    if (packageName === 'node-cleanup' && someOwnReturn(fn.body, (ret) => ret.argument?.type === AST_NODE_TYPES.Literal && ret.argument.value === false)) return null;
    return { exit: `\`${packageName}\` exits once its handlers return`, handler: packageName === 'node-cleanup' ? 'node-cleanup' : 'exiting' };
  }
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || (method !== 'on' && method !== 'once' && method !== 'addListener') || !isGlobalName(sourceCode, member.object, 'process')) return null;
  const event = getStaticString(call.arguments[0]);
  if (event === 'exit') return { exit: "no async work runs after the 'exit' event", handler: 'exit-event' };
  // the other events of the process's end (signals, `beforeExit`), whose listener the code ends with `process.exit()`
  if (event === null || !PROCESS_SHUTDOWN_EVENTS.has(event)) return null;
  return callsExitAfter(sourceCode, fn, statement) ? { exit: '`process.exit()` follows', handler: 'exiting' } : null;
}

function exitHandlerPackage(sourceCode: SourceCode, call: TSESTree.CallExpression): string | null {
  const reference = resolveModuleReference(sourceCode, call.callee);
  if (!reference) return null;
  const paths = EXIT_HANDLER_PACKAGES.get(reference.module);
  return paths?.some((path) => isModuleExport(reference, reference.module, path)) ? reference.module : null;
}

/** `process.exit(…)` in `fn`'s own code after `statement`. */
function callsExitAfter(sourceCode: SourceCode, fn: FunctionNode, statement: TSESTree.Node): boolean {
  return someNodeWithin(
    fn.body,
    (node) => node.range[0] >= statement.range[1] && isProcessExit(sourceCode, node),
    (node) => node === fn.body || !isFunctionNode(node),
  );
}

function isProcessExit(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const member = getCalleeMember(node);
  return member !== null && getStaticPropertyName(member) === 'exit' && isGlobalName(sourceCode, member.object, 'process');
}

/** `work().then(() => process.exit())`: the chain exits when the work settles. */
function exitsWhenSettled(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  return someNodeWithin(call, (node) => isProcessExit(sourceCode, node), () => true);
}

/**
 * `process.once('exit', this.#exitListener)` where the listener (inline, or a function of this file by name: a
 * method, a field's arrow) starts async work and detaches it with `void`: `#exitListener = () => { void this.end(false); }`.
 * The `void` says the call gives a promise; in an 'exit' listener nothing after the listeners runs, so the work never
 * gets past its first `await` (batch-cluster 17.0.0 ended its child processes so on exit, and they were left running;
 * 17.1.0 kills them synchronously there). The `void` expressions of the listener's own body, in source order.
 */
export function findVoidedWorkInExitListener(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.UnaryExpression[] {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || (method !== 'on' && method !== 'once' && method !== 'addListener' && method !== 'prependListener') || call.arguments.length !== 2) return [];
  if (getStaticString(call.arguments[0]) !== 'exit' || !isProcess(sourceCode, skipExpressionWrappers(member.object))) return [];
  const listener = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  const listeners = isFunctionNode(listener) ? [listener] : resolveLocalCallables(sourceCode, listener).filter(isFunctionNode);
  return listeners.flatMap((fn) => {
    // an async listener's own promise is the misuse there, not what it detaches
    if (fn.async) return [];
    if (fn.body.type === AST_NODE_TYPES.BlockStatement) return voidedStatements(fn.body);
    const body = skipExpressionWrappers(fn.body); // `() => void work()`
    return isVoidedCall(body) ? [body] : [];
  });
}

function voidedStatements(body: TSESTree.BlockStatement): TSESTree.UnaryExpression[] {
  const found: TSESTree.UnaryExpression[] = [];
  walk(body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = skipExpressionWrappers(node.expression);
      if (isVoidedCall(expression)) found.push(expression);
      return false;
    }
    return true;
  });
  return found;
}

function isVoidedCall(node: TSESTree.Node): node is TSESTree.UnaryExpression {
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void' && skipExpressionWrappers(node.argument).type === AST_NODE_TYPES.CallExpression;
}

/** The cheap test of a file's text for {@link findVoidedWorkInExitListener}. */
export function mayVoidWorkOnExit(text: string): boolean {
  return text.includes('void ') && /['"]exit['"]/.test(text);
}
