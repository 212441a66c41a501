import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';
import { resolveModuleReference } from '../modules/moduleBindings';
import { FILE_SYSTEM_MODULES } from '../modules/fileSystemModules';
import { EMITTER_ADD_METHODS } from './listenerMethods';
import { findResponsePipe, getPipedSource, isCloseHandlingCall } from './responsePipes';

/**
 * `fs.createReadStream(from).pipe(destination).on('error', onError)`: the code handles the destination's failure, but
 * `pipe` does not close its source when the destination fails (it only stops writing to it), so the file stays open,
 * its descriptor held until the process ends (bower 1.6.0 destroyed its archives' read streams, fs-jetpack 0.10.1
 * drained its copy's source on the write stream's error, for this). `stream.pipeline` destroys every stream of the
 * chain when one fails.
 */
export interface PipedFileSource {
  /** The `fs.createReadStream(…)` call that opens the file. */
  readonly open: TSESTree.CallExpression;
  /** The `.pipe(…)` call. */
  readonly pipe: TSESTree.CallExpression;
  /** The `.on('error', …)` call that handles the destination's failure. */
  readonly errorListener: TSESTree.CallExpression;
  /** The line of that listener's method name (a chain's call starts where the statement does). */
  readonly errorLine: number;
}

/** The source a `.pipe(…)` call leaves open when its destination fails, or null. */
export function findPipedFileSource(sourceCode: SourceCode, call: TSESTree.CallExpression): PipedFileSource | null {
  const member = getCalleeMember(call);
  if (!member || getStaticPropertyName(member) !== 'pipe' || call.arguments.length !== 1) return null;
  // the first `.pipe` of a chain only: `a.pipe(gunzip).pipe(out)` is one source
  if (isAfterPipe(member.object)) return null;
  const fn = getEnclosingFunction(call);
  if (!fn) return null;
  const source = skipExpressionWrappers(getPipedSource(member.object));
  const open = openedFile(sourceCode, source);
  if (!open || (source.type === AST_NODE_TYPES.Identifier && !isOnlyPipedAndListened(sourceCode, source, fn))) return null;
  const errorListener = findDestinationErrorListener(sourceCode, call, fn);
  // a request handler's response: the response-pipe report says it (the client going away is the usual failure)
  if (!errorListener || callsClosingHelper(fn) || findResponsePipe(sourceCode, call) !== null) return null;
  const errorLine = (errorListener.callee.type === AST_NODE_TYPES.MemberExpression ? errorListener.callee.property : errorListener).loc.start.line;
  return { open, pipe: call, errorListener, errorLine };
}

/** Cheap text filter: a file that never pipes a read stream has nothing to report. */
export function mayPipeFileSources(text: string): boolean {
  return text.includes('createReadStream') && text.includes('.pipe(');
}

/** `x.pipe(y)` (through `.on(…)` calls after it): the receiver is itself the result of a pipe. */
function isAfterPipe(receiver: TSESTree.Node): boolean {
  let current = skipExpressionWrappers(receiver);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const member = getCalleeMember(current);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null) return false;
    if (method === 'pipe') return true;
    if (!EMITTER_ADD_METHODS.has(method)) return false;
    current = skipExpressionWrappers(member.object);
  }
  return false;
}

/** `fs.createReadStream(…)` (of `fs` or a drop-in replacement), written in place or held in a `const`. */
function openedFile(sourceCode: SourceCode, source: TSESTree.Node): TSESTree.CallExpression | null {
  const value = source.type === AST_NODE_TYPES.Identifier ? getConstInit(sourceCode, source) : source;
  const call = value ? skipExpressionWrappers(value) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return null;
  const reference = resolveModuleReference(sourceCode, call.callee);
  const name = reference?.path[reference.path.length - 1];
  return reference && FILE_SYSTEM_MODULES.has(reference.module) && name === 'createReadStream' ? call : null;
}

/**
 * Every use of the stream's name in the function is a `.pipe(…)` or a listener added to it: nothing releases it
 * (`destroy`, `close`, `resume` to drain it) and nothing hands it on (a helper that may).
 */
function isOnlyPipedAndListened(sourceCode: SourceCode, identifier: TSESTree.Identifier, fn: FunctionNode): boolean {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable) return false;
  return variable.references.every((reference) => {
    if (reference.init) return true;
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) return false;
    const method = getStaticPropertyName(parent);
    return parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent && (method === 'pipe' || (method !== null && EMITTER_ADD_METHODS.has(method))) && fn.range[0] <= parent.range[0];
  });
}

/**
 * An `'error'` listener on the destination: chained after the pipe (`.pipe(out).on('error', f)`, also after a later
 * `.pipe`), or added in the function to the destination's name (`out.on('error', f)`).
 */
function findDestinationErrorListener(sourceCode: SourceCode, pipe: TSESTree.CallExpression, fn: FunctionNode): TSESTree.CallExpression | null {
  for (let current: TSESTree.Node = pipe; ; ) {
    const member: TSESTree.Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const call: TSESTree.Node | undefined = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    if (isErrorListener(call)) return call;
    current = call;
  }
  const destination = skipExpressionWrappers(pipe.arguments[0] as TSESTree.Node);
  if (destination.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, destination);
  if (!variable) return null;
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || call?.type !== AST_NODE_TYPES.CallExpression) continue;
    if (call.callee === member && isErrorListener(call) && getEnclosingFunction(call) === fn) return call;
  }
  return null;
}

function isErrorListener(call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  return method !== null && EMITTER_ADD_METHODS.has(method) && getStaticString(call.arguments[0]) === 'error';
}

/** The function calls `pipeline`, `pump`, `finished`… somewhere (`isCloseHandlingCall`): it ties streams' ends together itself. */
function callsClosingHelper(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isCloseHandlingCall(node)) found = true;
    return !found;
  });
  return found;
}
