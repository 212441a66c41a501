import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, skipExpressionWrappers } from '../core/ast';
import type { AwaitNode } from '../core/compiledAsync';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { enclosingFunctionName, type FieldWrite, fieldWritesOf, firstAfterGuardAwait, guardedBackgroundMethod, orOperands, setsField, thisFieldName } from './staleGuards';

/**
 * A method that runs by itself (a poll a timer starts, an event's handler) and turns the call away at its start when
 * the object has been stopped (`if (this._stopped) return;`, `if (!this.running) return;`), then, after an `await`,
 * goes on working for the object (`this._dataHandler(flags)`, `this.emit('update', data)`, `this.scheduleNext()`)
 * without looking at the flag again, in a file whose other code sets that flag (`stop() { this._stopped = true; }`).
 * A stop that comes while the call waits is not seen: the call hands a stopped object's result on, or starts its
 * work again. The check at the start is the code's word that a stop can come before the call; the `await` lets one
 * come during it. @launchdarkly/js-client-sdk-common 1.15.1 checks `_stopped` again after its poll's request.
 *
 * Same limits as {@link findFieldUsedAfterAwait} (`staleGuards.ts`): a method run by a timer or an event, the check
 * at the top of its body, the first `await` after it, a function that does not set the flag itself, and a setting of
 * the flag to its stopped value outside constructors. The flag's name must say it: its last word `stopped`,
 * `closed`, `destroyed`, `disposed`, `aborted`, `cancelled`, `terminated` (and their `-ing` forms, `shutdown`), or,
 * checked negated, `running`, `active`, `started`, `polling`. The work is the first call on `this` after the
 * `await` in the function itself, when nothing between mentions the flag; logging is not work.
 */
export interface WorkAfterStop {
  readonly guard: TSESTree.IfStatement;
  readonly awaitNode: AwaitNode;
  /** The call that goes on working after the `await`. */
  readonly work: TSESTree.CallExpression;
  /** The flag as written: `this._stopped`. */
  readonly field: string;
  /** Where the file sets the flag to its stopped value, and the name of its function. */
  readonly stopping: TSESTree.AssignmentExpression;
  readonly stoppedIn: string | null;
}

/** Cheap text filter: the file sets a field of `this` to a boolean. */
export function mayWorkAfterStop(text: string): boolean {
  return /\bthis\.[\w$]+\s*=\s*(?:true|false)\b/.test(text);
}

const STOPPED_WORDS: ReadonlySet<string> = new Set(['stopped', 'stopping', 'closed', 'closing', 'destroyed', 'destroying', 'disposed', 'disposing', 'aborted', 'cancelled', 'canceled', 'terminated', 'shutdown']);
const RUNNING_WORDS: ReadonlySet<string> = new Set(['running', 'active', 'started', 'polling']);
/** Words of a callee that logs (`this._logger?.debug(…)`, `this.log(…)`): not work done for the object. */
const LOGGING_WORDS: ReadonlySet<string> = new Set(['log', 'logger', 'debug', 'trace', 'verbose', 'console']);

export function findWorkAfterStop(sourceCode: SourceCode, guard: TSESTree.IfStatement): WorkAfterStop | null {
  const fn = guardedBackgroundMethod(sourceCode, guard);
  if (!fn) return null;
  for (const { field, stoppedValue } of stopFlagsChecked(guard.test)) {
    const stopping = fieldWritesOf(sourceCode).get(field)?.find((write) => booleanWritten(write) === stoppedValue && getEnclosingFunction(write) !== fn);
    if (stopping?.type !== AST_NODE_TYPES.AssignmentExpression || setsField(fn, field)) continue;
    const found = firstWorkAfterAwait(fn, guard, field);
    if (found) return { guard, ...found, field: `this.${field}`, stopping, stoppedIn: enclosingFunctionName(stopping) };
  }
  return null;
}

/** The stop flags a test turns the call away on: `this.stopped`, `!this.running`, operands of `||`. */
function stopFlagsChecked(raw: TSESTree.Expression): { field: string; stoppedValue: boolean }[] {
  const flags: { field: string; stoppedValue: boolean }[] = [];
  for (const test of orOperands(raw)) {
    const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
    const field = thisFieldName(negated ? test.argument : test);
    const last = field === null ? undefined : splitIdentifierWords(field).at(-1);
    if (field === null || last === undefined) continue;
    if (!negated && STOPPED_WORDS.has(last)) flags.push({ field, stoppedValue: true });
    else if (negated && RUNNING_WORDS.has(last)) flags.push({ field, stoppedValue: false });
  }
  return flags;
}

/** `true` or `false` when the write sets the field to that literal, else null. */
function booleanWritten(write: FieldWrite): boolean | null {
  if (write.type !== AST_NODE_TYPES.AssignmentExpression) return null;
  const value = skipExpressionWrappers(write.right);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : null;
}

/**
 * After the guard: the first `await` of the function, then the first call on `this` after it that is not logging,
 * when nothing between the two mentions `this.name`; null when the flag is looked at again first, or there is no such call.
 */
function firstWorkAfterAwait(fn: FunctionNode, guard: TSESTree.IfStatement, name: string): { awaitNode: AwaitNode; work: TSESTree.CallExpression } | null {
  const isFlag = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && thisFieldName(node) === name;
  const found = firstAfterGuardAwait(fn, guard, (node) => isFlag(node) || (node.type === AST_NODE_TYPES.CallExpression && isWorkOnThis(node)));
  if (!found || found.node.type !== AST_NODE_TYPES.CallExpression) return null;
  return { awaitNode: found.awaitNode, work: found.node };
}

/** `this.x(…)`, `this.x?.(…)`, `this.a.b(…)`: a call on the object, unless a word of its path says it logs. */
function isWorkOnThis(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = skipExpressionWrappers(call.callee);
  const words: string[] = [];
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    if (node.property.type === AST_NODE_TYPES.Identifier) words.push(...splitIdentifierWords(node.property.name));
    node = skipExpressionWrappers(node.object);
  }
  return node.type === AST_NODE_TYPES.ThisExpression && words.length > 0 && !words.some((word) => LOGGING_WORDS.has(word));
}
