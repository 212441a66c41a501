import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, contains, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { GENERIC_RELEASE_METHODS } from './releaseSpec';

type Variable = TSESLint.Scope.Variable;

/**
 * Callback code that releases a value before it hands one failure to its caller, and hands another failure on
 * without releasing it (amqplib 0.8's `connect`: the socket is ended and destroyed when the connection times out,
 * and left open when the handshake fails). The release before one failure is the code's own word that the value
 * must not outlive a failure; a failure handed on without it leaks the value (a socket keeps its connection and the
 * process alive).
 */
export interface FailureWithoutRelease {
  /** The call that hands a failure on while the value is still held. */
  readonly handOff: TSESTree.CallExpression;
  readonly resource: string;
  readonly callback: string;
  /** The release before another failure, and that failure: the evidence. */
  readonly release: TSESTree.CallExpression;
  readonly releasedFailure: TSESTree.CallExpression;
}

/** Releases that free what a value holds: `end`/`destroy`/`close`/`release`… (`GENERIC_RELEASE_METHODS`). */
const FAILURE_RELEASE_METHODS = GENERIC_RELEASE_METHODS;

/** Names an error-first callback gives its error parameter. */
const ERROR_PARAMETER = /^(?:err|error|e|ex|reason|cause)$/i;

/**
 * A file whose text has no release call followed by a callback of an error cannot hold this shape: skips the
 * per-call work in almost every file.
 */
export function mayReleaseBeforeFailures(text: string): boolean {
  return /\.(?:end|destroy|close|release)\(\)/.test(text) && /\b(?:err|error|Error)\b/.test(text);
}

/**
 * For a release statement `v.destroy()` followed in its block by a failure handed to a callback parameter
 * (`cb(new Error('timeout'))`, `cb(err)`): the other failures the same function hands to that callback while `v`
 * is still held, none of them preceded by a release of `v`. Empty unless all of this holds:
 * - `v` is a variable of the function that owns the callback parameter, given a call's result there (what the
 *   function acquired: `sock = net.connect(…)`), never returned or stored in a property (then someone else owns it);
 * - a failure is a call of the callback whose first argument is an error: `new …Error(…)`, or the error parameter
 *   of the callback it is in (`function (err, ok) { … cb(err) }`) or of a `catch`;
 * - failures inside a function handed to one of `v`'s own methods (`v.once('error', …)`, `v.write(data, …)`) are
 *   `v`'s own failures, after which it is already broken or closed; failures the function's own body hands on before
 *   it acquires `v` precede it.
 */
export function findFailuresWithoutRelease(sourceCode: SourceCode, release: TSESTree.CallExpression): FailureWithoutRelease[] {
  const resourceNode = releasedValue(release);
  if (!resourceNode) return [];
  const statement = release.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return [];
  const evidence = followingFailure(sourceCode, statement);
  if (!evidence) return [];
  const callbackVariable = findVariableOf(sourceCode, evidence.callee);
  const owner = callbackVariable ? parameterOwner(callbackVariable) : null;
  const resource = findVariableOf(sourceCode, resourceNode);
  if (!owner || !resource || !isAcquiredIn(resource, owner) || escapes(resource)) return [];
  const acquiredAt = firstAcquisition(resource);
  const found: FailureWithoutRelease[] = [];
  for (const reference of callbackVariable!.references) {
    const call = reference.identifier.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier || call === evidence.call) continue;
    if (!isFailureHandOff(sourceCode, call)) continue;
    if (getEnclosingFunction(call) === owner && acquiredAt !== null && call.range[0] < acquiredAt) continue;
    if (isInOwnCallback(call, resource, owner) || isReleasedBefore(call, resource, owner)) continue;
    found.push({ handOff: call, resource: resource.name, callback: evidence.callee.name, release, releasedFailure: evidence.call });
  }
  return found;
}

/** `v` in `v.destroy()` (a bare release call with no arguments on a name). */
function releasedValue(call: TSESTree.CallExpression): TSESTree.Identifier | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 0) return null;
  const method = getStaticPropertyName(callee);
  const object = skipExpressionWrappers(callee.object);
  return method !== null && FAILURE_RELEASE_METHODS.has(method) && object.type === AST_NODE_TYPES.Identifier ? object : null;
}

/** The failure handed to a callback by a later statement of the same block (`return cb(err)` too). */
function followingFailure(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement): { call: TSESTree.CallExpression; callee: TSESTree.Identifier } | null {
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return null;
  for (const next of block.body.slice(block.body.indexOf(statement) + 1)) {
    const expression = next.type === AST_NODE_TYPES.ExpressionStatement ? next.expression : next.type === AST_NODE_TYPES.ReturnStatement ? next.argument : null;
    const call = expression ? skipExpressionWrappers(expression) : null;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.Identifier && isFailureHandOff(sourceCode, call)) {
      return { call, callee: call.callee };
    }
  }
  return null;
}

/** The function whose parameter `variable` is. */
function parameterOwner(variable: Variable): FunctionNode | null {
  const definition = variable.defs[0];
  return definition?.type === 'Parameter' && isFunctionNode(definition.node) ? definition.node : null;
}

/** Declared in `owner` itself (not a nested function) and given a call's result somewhere. */
function isAcquiredIn(resource: Variable, owner: FunctionNode): boolean {
  const definition = resource.defs[0];
  if (definition?.type !== 'Variable' || getEnclosingFunction(definition.node) !== owner) return false;
  return firstAcquisition(resource) !== null;
}

/** Where the variable is first given a call's or construction's result. */
function firstAcquisition(resource: Variable): number | null {
  let first: number | null = null;
  for (const reference of resource.references) {
    const value = reference.writeExpr ? skipExpressionWrappers(reference.writeExpr) : null;
    if (value?.type !== AST_NODE_TYPES.CallExpression && value?.type !== AST_NODE_TYPES.NewExpression) continue;
    if (first === null || value.range[0] < first) first = value.range[0];
  }
  return first;
}

/** Returned, or stored in a property: who releases it is then decided elsewhere. */
function escapes(resource: Variable): boolean {
  return resource.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === reference.identifier) return true;
    return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === reference.identifier && parent.left.type === AST_NODE_TYPES.MemberExpression;
  });
}

/** `cb(new SomeError(…))`, `cb(err)` with the enclosing callback's error parameter or a `catch` parameter. */
function isFailureHandOff(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const value = skipExpressionWrappers(first);
  if (value.type === AST_NODE_TYPES.NewExpression) {
    return value.callee.type === AST_NODE_TYPES.Identifier && /Error$/.test(value.callee.name);
  }
  if (value.type !== AST_NODE_TYPES.Identifier || !ERROR_PARAMETER.test(value.name)) return false;
  const definition = findVariableOf(sourceCode, value)?.defs[0];
  if (definition?.type === 'CatchClause') return true;
  return definition?.type === 'Parameter' && isFunctionNode(definition.node) && definition.node.params[0] === definition.name;
}

/**
 * In a function handed to one of the value's own methods (`sock.once('error', (err) => cb(err))`): the value's
 * own failure, after which it is broken or closed already.
 */
function isInOwnCallback(call: TSESTree.CallExpression, resource: Variable, owner: FunctionNode): boolean {
  for (let fn = getEnclosingFunction(call); fn && fn !== owner; fn = getEnclosingFunction(fn)) {
    const parent = fn.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) continue;
    const callee = skipExpressionWrappers(parent.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const object = skipExpressionWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && resource.references.some((reference) => reference.identifier === object)) return true;
  }
  return false;
}

/** A release of the value in a statement before the hand-off on its way up to `owner` (`v.end(); cb(err)`). */
function isReleasedBefore(call: TSESTree.CallExpression, resource: Variable, owner: FunctionNode): boolean {
  for (let node: TSESTree.Node = call; node !== owner; node = node.parent) {
    const parent = node.parent;
    if (!parent) return false;
    if (parent.type !== AST_NODE_TYPES.BlockStatement) continue;
    for (const earlier of parent.body.slice(0, parent.body.indexOf(node as TSESTree.Statement))) {
      if (releasesIn(earlier, resource)) return true;
    }
  }
  return false;
}

function releasesIn(statement: TSESTree.Statement, resource: Variable): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = skipExpressionWrappers(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const released = releasedValue(call);
  return released !== null && resource.references.some((reference) => reference.identifier === released) && contains(statement, released);
}
