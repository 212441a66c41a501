import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getFunctionName, getOutermostWrapper, getStaticPropertyName, getTrailingName, isClassConstructor, isFunctionNode, isNullishValue, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { type AwaitNode, isAsyncBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { createFileCache } from '../core/fileCache';
import { returnsAlways } from '../roles/lazyInitialization';

/**
 * A field an async method checks at its start and turns the call away when it is empty (`if (!this.player) return;`),
 * then, after an `await`, uses again without checking (`this.player.onError(e)`, `const { id } = this.session`), in a
 * file where other code empties it (`stop() { this.player = null; }`): a `stop()` that runs while the call waits
 * leaves the field empty, and the use after the `await` throws. The check is the code's own word that the field can
 * be empty when the call comes; the `await` gives another call the turn to empty it. shaka-player 3.0.7's HLS
 * update checked `playerInterface_` before `await this.update()` and used it in the `catch` (3.0.8 checks again);
 * @stream-io/video-client 1.58.0 checked `this.sfuClient` before `await this.notifyTrackMuteState(…)` and read its
 * session after.
 *
 * Only for a method that runs by itself, whenever a timer or an event says (its name handed on as a value,
 * `this.onUpdate` given to a timer, or called from a callback given to a timer, an event registration or a
 * constructor that takes one: `new Timer(() => this.onUpdate())`): the caller of a method of an API orders its own
 * calls of `stop()` and the rest, but nothing orders a timer's run with them. And only for a field of `this` checked
 * at the top of the function's body (`!this.x`, `this.x == null`, an operand of
 * `||`), the first use after the first `await` that follows, in the function itself (not a callback), with no other
 * mention of the field between that `await` and the use (a new check, a local copy, an optional `this.x?.y`), a
 * function that does not set the field itself, and an emptying (`= null`, `= undefined`, `delete`) outside any
 * constructor.
 */
export interface FieldUsedAfterAwait {
  /** The check at the top of the function. */
  readonly guard: TSESTree.IfStatement;
  readonly awaitNode: AwaitNode;
  /** The use after the `await`: `this.x.y`, or the `this.x` a destructuring reads. */
  readonly use: TSESTree.Node;
  /** The field as written: `this.x`. */
  readonly field: string;
  /** The emptying elsewhere, and the name of its function. */
  readonly emptying: TSESTree.Node;
  readonly emptiedIn: string | null;
}

/** Cheap text filter: the file empties some field of `this`. */
export function mayUseFieldsAfterAwait(text: string): boolean {
  return /\bthis\.[\w$]+\s*=\s*(?:null|undefined|void 0)\b|\bdelete this\./.test(text);
}

export function findFieldUsedAfterAwait(sourceCode: SourceCode, guard: TSESTree.IfStatement): FieldUsedAfterAwait | null {
  const fn = guardedBackgroundMethod(sourceCode, guard);
  if (!fn) return null;
  for (const field of fieldsCheckedEmpty(guard.test)) {
    const emptying = fieldWritesOf(sourceCode).get(field)?.find((write) => isEmptying(write) && getEnclosingFunction(write) !== fn);
    if (!emptying || setsField(fn, field)) continue;
    const found = firstUseAfterAwait(fn, guard, field);
    if (found) return { guard, ...found, field: `this.${field}`, emptying, emptiedIn: enclosingFunctionName(emptying) };
  }
  return null;
}

/**
 * The async method `guard` turns calls away from, when it is a statement of that method's own body that always
 * returns (or throws) and has no `else`, and the method runs by itself (`backgroundMethodsOf`); null otherwise.
 */
export function guardedBackgroundMethod(sourceCode: SourceCode, guard: TSESTree.IfStatement): FunctionNode | null {
  if (guard.alternate || !returnsAlways(guard.consequent)) return null;
  const body = guard.parent;
  const fn = body.type === AST_NODE_TYPES.BlockStatement ? body.parent : null;
  if (body.type !== AST_NODE_TYPES.BlockStatement || !fn || !isFunctionNode(fn) || fn.body !== body || !isAsyncBody(fn)) return null;
  const name = getFunctionName(fn);
  return name !== null && backgroundMethodsOf(sourceCode).has(name) ? fn : null;
}

/** The fields of `this` a test finds empty: `!this.x`, `this.x == null`, `this.x === undefined`, operands of `||`. */
function fieldsCheckedEmpty(raw: TSESTree.Expression): string[] {
  const names: string[] = [];
  for (const test of orOperands(raw)) {
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') pushField(names, test.argument);
    else if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '==' || test.operator === '===')) {
      if (isNullishValue(test.right)) pushField(names, test.left);
      else if (isNullishValue(test.left)) pushField(names, test.right);
    }
  }
  return names;
}

/** The operands of a test's `||` chain (the test itself when it is no `||`), wrappers skipped, right before left. */
export function orOperands(raw: TSESTree.Expression): TSESTree.Node[] {
  const leaves: TSESTree.Node[] = [];
  const operands: TSESTree.Node[] = [raw];
  for (let operand = operands.pop(); operand !== undefined; operand = operands.pop()) {
    const test = skipExpressionWrappers(operand);
    if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '||') operands.push(test.left, test.right);
    else leaves.push(test);
  }
  return leaves;
}

function pushField(names: string[], raw: TSESTree.Node): void {
  const name = thisFieldName(raw);
  if (name !== null) names.push(name);
}

/** `this.x` (not computed, not optional) → `x`. */
export function thisFieldName(raw: TSESTree.Node): string | null {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  return getStaticPropertyName(node);
}

/** `fn` writes `this.name` itself: it owns the field's value on its way. */
export function setsField(fn: FunctionNode, name: string): boolean {
  return someNodeWithin(
    fn.body,
    (node) => node.type === AST_NODE_TYPES.AssignmentExpression && thisFieldName(node.left) === name,
    (node) => !isFunctionNode(node),
  );
}

/**
 * After the guard: the first `await` of the function, then the first mention of `this.name` after it when that
 * mention dereferences the field (`this.x.y`, `const { y } = this.x`); null when the first mention is anything else
 * (a new check, a copy, `this.x?.y`), or there is none.
 */
function firstUseAfterAwait(fn: FunctionNode, guard: TSESTree.IfStatement, name: string): { awaitNode: AwaitNode; use: TSESTree.Node } | null {
  const found = firstAfterGuardAwait(fn, guard, (node) => node.type === AST_NODE_TYPES.MemberExpression && thisFieldName(node) === name);
  if (!found) return null;
  const { awaitNode } = found;
  const use = found.node as TSESTree.MemberExpression;
  const parent = use.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use && !parent.optional) return { awaitNode, use: parent };
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === use && parent.id.type === AST_NODE_TYPES.ObjectPattern) return { awaitNode, use };
  return null;
}

/**
 * After `guard`: the function's first `await` (outside nested functions), and the first node after that `await`, in
 * source order, for which `matches` holds; null when there is no such `await` or node.
 */
export function firstAfterGuardAwait(fn: FunctionNode, guard: TSESTree.IfStatement, matches: (node: TSESTree.Node) => boolean): { awaitNode: AwaitNode; node: TSESTree.Node } | null {
  let awaitNode: AwaitNode | null = null;
  let found: TSESTree.Node | null = null;
  someNodeWithin(
    fn.body,
    (node) => {
      if (node.range[0] < guard.range[1]) return false;
      if (!awaitNode) {
        if (isAwaitNode(node)) awaitNode = node;
        return false;
      }
      if (node.range[0] < awaitNode.range[1] || !matches(node)) return false;
      found = node;
      return true;
    },
    (node) => !isFunctionNode(node),
  );
  return awaitNode && found ? { awaitNode, node: found } : null;
}

/** Calls that run a callback when a timer or an event says (a constructor that takes a callback counts too). */
const TRIGGERS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate', 'on', 'once', 'addListener', 'addEventListener', 'subscribe']);

const backgroundCache = createFileCache<'background', Set<string>>();

/**
 * The names of the file's methods that run by themselves: `this.name` as a value (not called: handed to a timer
 * or an emitter, bound), or called in a callback given to a trigger or to `new …(callback)`.
 */
function backgroundMethodsOf(sourceCode: SourceCode): Set<string> {
  const cache = backgroundCache(sourceCode);
  const cached = cache.get('background');
  if (cached) return cached;
  const found = new Set<string>();
  cache.set('background', found);
  walk(sourceCode.ast, (node) => {
    const name = node.type === AST_NODE_TYPES.MemberExpression ? thisFieldName(node) : null;
    if (name === null) return true;
    const parent = getOutermostWrapper(node).parent;
    const called = parent?.type === AST_NODE_TYPES.CallExpression && skipExpressionWrappers(parent.callee) === node;
    if (!called) {
      const written = parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === getOutermostWrapper(node);
      if (!written) found.add(name);
      return true;
    }
    const callback = getEnclosingFunction(node);
    const position = callback ? getOutermostWrapper(callback) : null;
    const registration = position?.parent;
    if (!registration || (registration.type !== AST_NODE_TYPES.CallExpression && registration.type !== AST_NODE_TYPES.NewExpression)) return true;
    if (!registration.arguments.includes(position as TSESTree.CallExpressionArgument)) return true;
    const trigger = getTrailingName(registration.callee);
    if (registration.type === AST_NODE_TYPES.NewExpression || (trigger !== null && TRIGGERS.has(trigger))) found.add(name);
    return true;
  });
  return found;
}

/** A write of a field of `this`: `this.x = value`, or `delete this.x`. */
export type FieldWrite = TSESTree.AssignmentExpression | TSESTree.UnaryExpression;

const fieldWritesCache = createFileCache<'writes', Map<string, FieldWrite[]>>();

/**
 * Per field name: where the file writes `this.name` (`this.name = …`, `delete this.name`) outside constructors, in
 * source order; each check picks the writes it asks about (an emptying here, a stop flag's setting in `stoppedGuards`).
 */
export function fieldWritesOf(sourceCode: SourceCode): Map<string, FieldWrite[]> {
  const cache = fieldWritesCache(sourceCode);
  const cached = cache.get('writes');
  if (cached) return cached;
  const found = new Map<string, FieldWrite[]>();
  cache.set('writes', found);
  walk(sourceCode.ast, (node) => {
    let name: string | null = null;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') name = thisFieldName(node.left);
    else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') name = thisFieldName(node.argument);
    if (name === null) return true;
    const fn = getEnclosingFunction(node);
    if (!fn || isConstructor(fn)) return true;
    const list = found.get(name) ?? [];
    list.push(node as FieldWrite);
    found.set(name, list);
    return true;
  });
  return found;
}

/** `this.x = null` (`undefined`, `void 0`) or `delete this.x`: a write that empties the field. */
function isEmptying(write: FieldWrite): boolean {
  return write.type === AST_NODE_TYPES.UnaryExpression || isNullishValue(write.right);
}

/** A class's constructor, or an ES5 constructor function (its name capitalised): it sets fields up, it does not empty them. */
function isConstructor(fn: FunctionNode): boolean {
  if (isClassConstructor(fn)) return true;
  const name = getFunctionName(fn);
  return name !== null && /^[A-Z]/.test(name);
}

/** The name of the function `node` is in (the method that empties or sets a field), or null. */
export function enclosingFunctionName(node: TSESTree.Node): string | null {
  const fn = getEnclosingFunction(node);
  return fn ? getFunctionName(fn) : null;
}
