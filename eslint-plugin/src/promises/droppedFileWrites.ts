import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, getTrailingName, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { isAsyncFunction } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getExecutorPromise } from './executors';

/**
 * A file write started by piping into a write stream made on the spot (`source.pipe(fs.createWriteStream(path))`)
 * as a statement, in code that waits for its work (an `async` function, a promise's executor) and waits for the
 * source's end (`source.on('end', resolve)`) instead of the write's, with nothing listening to the write stream: no
 * 'finish' says when the file is written, and no 'error' catches a failed write (an 'error' event without a listener
 * crashes the process). The write is the stream form of a floating promise: its completion and its failure are lost.
 * pdfmake 0.3.0's `write(filename)` piped the document into `fs.createWriteStream(filename)` and resolved on the
 * document's 'end', before the file was written; 0.3.1 waits for the file stream's 'finish' and rejects on its
 * 'error'. Code that does not wait for the source either (a debug log a child process's output is piped into) means
 * the write to go on by itself, and is not reported.
 */
export interface DroppedFileWrite {
  /** The `.pipe(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The `createWriteStream(…)` call that makes the write stream. */
  readonly writeStream: TSESTree.CallExpression;
}

/** The text can hold the shape: the per-statement work runs only then. */
export function mayDropFileWrites(text: string): boolean {
  return text.includes('createWriteStream') && text.includes('.pipe(');
}

export function findDroppedFileWrite(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement): DroppedFileWrite | null {
  const call = skipExpressionWrappers(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const member = getCalleeMember(call);
  const [target] = call.arguments;
  if (!member || getStaticPropertyName(member) !== 'pipe' || !target || target.type === AST_NODE_TYPES.SpreadElement) return null;
  const writeStream = unheardWriteStream(sourceCode, target, call);
  const fn = writeStream ? getEnclosingFunction(statement) : null;
  if (!writeStream || !fn || (!isAsyncFunction(fn) && !getExecutorPromise(sourceCode, fn))) return null;
  return waitsForEndOf(sourceCode, fn, member.object) ? { call, writeStream } : null;
}

/** Events that say a readable is done. */
const END_EVENTS: ReadonlySet<string> = new Set(['end', 'close', 'finish']);

/**
 * `fn` waits for the end of `source`, as written, anywhere in its body: `source.on('end', resolve)`,
 * `source.once('close', …)`, `await once(source, 'end')`, `finished(source, …)`.
 */
function waitsForEndOf(sourceCode: SourceCode, fn: FunctionNode, source: TSESTree.Node): boolean {
  const text = sourceCode.getText(skipExpressionWrappers(source));
  const isSource = (node: TSESTree.Node | undefined): boolean => node !== undefined && sourceCode.getText(skipExpressionWrappers(node)) === text;
  return someNodeWithin(
    fn.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const member = getCalleeMember(node);
      const name = getTrailingName(node.callee);
      const event = getStaticString(node.arguments[0]);
      if (member && (name === 'on' || name === 'once')) return event !== null && END_EVENTS.has(event) && isSource(member.object);
      const [first, second] = node.arguments;
      if (name === 'once') return isSource(first) && second !== undefined && END_EVENTS.has(getStaticString(second) ?? '');
      return (name === 'finished' || name === 'eos') && isSource(first);
    },
    () => true,
  );
}

/**
 * `createWriteStream(…)` (of `fs`, `fs-extra`, `graceful-fs`: any callee of that name) written as the argument, or
 * a `const` holding one that nothing else touches (no listener, not handed on, not returned). Null otherwise.
 */
function unheardWriteStream(sourceCode: SourceCode, raw: TSESTree.Node, pipe: TSESTree.CallExpression): TSESTree.CallExpression | null {
  const target = skipExpressionWrappers(raw);
  if (isWriteStreamCall(target)) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  const definition = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable' || definition.parent.kind !== 'const') return null;
  const init = definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
  if (!init || !isWriteStreamCall(init)) return null;
  const onlyPiped = variable.references.every((reference) => reference.init === true || getOutermostWrapper(reference.identifier).parent === pipe);
  return onlyPiped ? init : null;
}

export function isWriteStreamCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return node.type === AST_NODE_TYPES.CallExpression && getTrailingName(node.callee) === 'createWriteStream';
}
