import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { resolveLocalCallables } from '../modules/localFunctions';
import { isWriteStreamCall } from '../promises/droppedFileWrites';

/**
 * A file write stream a function opens, writes to and never ends: `const stream = fs.createWriteStream(dest);
 * stream.write(header); for (…) writeImage(image, stream); resolve(dest);`. Nothing calls `end()` (or `close()`,
 * `destroy()`) on it, pipes into it or hands it on, so its file descriptor stays open for the life of the process,
 * and what the stream still buffers may never reach the file (the caller reads a file that is not all there yet).
 * icon-gen 1.1.2's ICNS and ICO generators resolved with the path of a stream they never ended; 1.1.3 ends it on
 * every way out.
 *
 * Only a stream held in a variable of a function (not of the module, where a log file open for the whole run is
 * common), every use of which writes to it (`stream.write(…)`, `stream.cork()`), listens to it
 * (`stream.on('error', …)`), or passes it to a function of this file that only writes to it. A use in a nested
 * function counts only inside a callback of an array's iteration (`items.forEach((item) => stream.write(item))`):
 * a stream written by a callback that outlives the call (a returned logger, an event handler) is kept on purpose.
 */
export interface UnendedWriteStream {
  /** The `createWriteStream(…)` call. */
  readonly open: TSESTree.CallExpression;
  /** The variable that holds it. */
  readonly name: string;
}

/** Methods that write to a stream or listen to it, and leave it open. */
const WRITING_METHODS: ReadonlySet<string> = new Set(['write', 'cork', 'uncork', 'setDefaultEncoding', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Array methods whose callback runs before the call returns. */
const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'reduce', 'some', 'every', 'flatMap']);

/** Cheap text filter. */
export function mayLeaveWriteStreamsOpen(text: string): boolean {
  return text.includes('createWriteStream');
}

/** The write stream `call` opens, when its function never ends it nor hands it on; null otherwise. */
export function findUnendedWriteStream(sourceCode: SourceCode, call: TSESTree.CallExpression): UnendedWriteStream | null {
  if (!isWriteStreamCall(call)) return null;
  const declarator = call.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== call || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const fn = getEnclosingFunction(declarator);
  if (!fn) return null;
  const variable = findVariableOf(sourceCode, declarator.id);
  if (!variable || variable.defs.length !== 1) return null;
  const uses = variable.references.filter((reference) => reference.identifier !== declarator.id).map((reference) => reference.identifier);
  if (uses.length === 0) return null;
  const ownUses = uses.every((use) => isWithinCallOf(use, fn) && (isWritingUse(use) || isPassedToWriter(sourceCode, use)));
  return ownUses && uses.some(isWritingUse) ? { open: call, name: declarator.id.name } : null;
}

/** `stream.write(…)`, `stream.on('error', …)`: the stream is written to or listened to, and stays open. */
function isWritingUse(use: TSESTree.Node): boolean {
  const member = use.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use) return false;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && WRITING_METHODS.has(getStaticPropertyName(member) ?? '');
}

/**
 * The stream is an argument of a call of a function of this file whose parameter in that place only writes to it
 * (every function the call may land on, each with a plain parameter there).
 */
function isPassedToWriter(sourceCode: SourceCode, use: TSESTree.Node): boolean {
  const call = use.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === use) return false;
  const index = call.arguments.indexOf(use as TSESTree.CallExpressionArgument);
  const callees = index < 0 ? [] : resolveLocalCallables(sourceCode, call.callee);
  return callees.length > 0 && callees.every((callee) => {
    if (!isFunctionNode(callee)) return false;
    const parameter = callee.params[index];
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
    const references = findVariableOf(sourceCode, parameter)?.references.filter((reference) => reference.identifier !== parameter) ?? [];
    return references.length > 0 && references.every((reference) => isWritingUse(reference.identifier) && getStaticPropertyName(reference.identifier.parent as TSESTree.MemberExpression) === 'write');
  });
}

/**
 * `use` runs while `fn` runs: in `fn` itself, or in callbacks of an array's iteration inside it (one level or more).
 */
function isWithinCallOf(use: TSESTree.Node, fn: FunctionNode): boolean {
  for (let inner = getEnclosingFunction(use); inner !== fn; inner = getEnclosingFunction(inner)) {
    if (!inner) return false;
    const call = inner.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(inner as TSESTree.CallExpressionArgument)) return false;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !ITERATION_METHODS.has(getStaticPropertyName(callee) ?? '')) return false;
  }
  return true;
}
