import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { exportPath, resolveModuleReference } from '../modules/moduleBindings';
import { FILE_SYSTEM_MODULES } from '../modules/fileSystemModules';
import { enclosingInstanceMethod, findInstanceStopMethods, isThisReceiver, methodName } from './teardownPaths';

type Variable = TSESLint.Scope.Variable;

/**
 * A file descriptor that callback-style `fs.open(path, flags, (err, fd) => …)` hands to its callback and that nothing
 * closes: the callback and the callbacks nested in it use `fd` only for reads and writes through `fs` (or not at all),
 * and no `fs.close(fd)` exists. Each call leaks one descriptor until the process hits its limit (EMFILE)
 * (rotating-file-stream 1.2.1's `touch()`, carbone 1.1.0's `isZipped()`).
 */
export interface DescriptorNeverClosed {
  /** The `fs.open(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The callback's name for the descriptor (`fd`). */
  readonly name: string;
  /** The descriptor is never read at all (opened only to create the file, or by mistake). */
  readonly unused: boolean;
  /** Where the instance keeps it (`this._fd = fd`), and the stop method that lets the instance go without closing it. */
  readonly kept?: { readonly field: string; readonly stop: string };
}

/** `fs` functions that take a descriptor first and keep it open: its uses that hand nothing on. */
const DESCRIPTOR_USES: ReadonlySet<string> = new Set([
  'read', 'write', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'futimes', 'fchmod', 'fchown', 'readSync', 'writeSync', 'fstatSync',
  'fsyncSync', 'fdatasyncSync', 'ftruncateSync', 'futimesSync', 'fchmodSync', 'fchownSync', 'readv', 'writev',
]);

export const DESCRIPTOR_CLOSES: ReadonlySet<string> = new Set(['close', 'closeSync']);

/** The cheap test of a file's text. */
export function mayLeakCallbackDescriptors(text: string): boolean {
  return text.includes('.open(');
}

/** What callback-style `fs.open(…, (err, fd) => …)` hands over: its callback, and the callback's name for the descriptor. */
export interface OpenedDescriptor {
  readonly callback: FunctionNode;
  readonly parameter: TSESTree.Identifier;
  readonly variable: Variable;
}

/** For a call of `fs.open` (of `fs`, `graceful-fs`, `fs-extra`) with an inline `(err, fd)` callback: what it hands over. */
export function getOpenedDescriptor(sourceCode: SourceCode, call: TSESTree.CallExpression): OpenedDescriptor | null {
  if (fsFunctionOf(sourceCode, call.callee) !== 'open' || call.arguments.length < 2) return null;
  const callback = skipExpressionWrappers(call.arguments[call.arguments.length - 1]!);
  if (!isFunctionNode(callback)) return null;
  const parameter = callback.params[1];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, parameter);
  return variable ? { callback, parameter, variable } : null;
}

/** For `fs.open(…, (err, fd) => …)`: the report when the callback's descriptor is never closed nor handed on; else null. */
export function findDescriptorNeverClosed(sourceCode: SourceCode, call: TSESTree.CallExpression): DescriptorNeverClosed | null {
  const opened = getOpenedDescriptor(sourceCode, call);
  if (!opened) return null;
  const { parameter, variable } = opened;
  let reads = 0;
  let field: string | null = null;
  for (const reference of variable.references) {
    if (reference.init || reference.identifier === parameter) continue;
    if (!reference.isRead() || reference.isWrite() || reference.identifier.type !== AST_NODE_TYPES.Identifier) return null;
    const kept = keptInField(sourceCode, reference.identifier);
    if (kept !== null && field === null) {
      field = kept;
      continue;
    }
    if (field !== null && isEmittedWith(reference.identifier)) continue;
    const use = descriptorCallOf(sourceCode, reference.identifier);
    // closed, or handed to anything but an `fs` read or write (a stream, a field, the caller): not judged
    if (use === null || DESCRIPTOR_CLOSES.has(use) || !DESCRIPTOR_USES.has(use)) return null;
    reads++;
  }
  if (field === null) return { call, name: parameter.name, unused: reads === 0 };
  const stop = stopLeavingFieldOpen(sourceCode, call, field);
  return stop === null ? null : { call, name: parameter.name, unused: false, kept: { field, stop } };
}

/** `this._fd = fd` (or `self._fd = fd`): the field of the instance the descriptor is kept in, or null. */
function keptInField(sourceCode: SourceCode, identifier: TSESTree.Identifier): string | null {
  const position = getOutermostWrapper(identifier);
  const assignment = position.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.right !== position) return null;
  const target = assignment.left;
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || !isThisReceiver(sourceCode, target.object)) return null;
  return getStaticPropertyName(target);
}

/** `self.emit('open', fd)`: the descriptor announced to listeners (as `fs.ReadStream` does), not handed to an owner. */
function isEmittedWith(identifier: TSESTree.Identifier): boolean {
  const position = getOutermostWrapper(identifier);
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] === position || !call.arguments.includes(position as TSESTree.CallExpressionArgument)) return false;
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'emit';
}

/**
 * For a descriptor an instance method keeps in `this.<field>`: the instance's stop method (`destroy`, `close`), when
 * the file never closes the field and uses it only for `fs` reads and writes, tests and writes of the field
 * (azure-storage 0.4.5's `FileReadStream` kept `fs.open`'s descriptor in `this._fd`, and its `destroy()` only emitted
 * 'close'); null otherwise (the instance closes it, hands it on, or has no stop method to judge by).
 */
function stopLeavingFieldOpen(sourceCode: SourceCode, call: TSESTree.CallExpression, field: string): string | null {
  const owner = enclosingInstanceMethod(sourceCode, call);
  if (!owner) return null;
  const [stop] = findInstanceStopMethods(owner.instance);
  const stopName = stop ? methodName(owner.instance, stop) : null;
  // (a stop method that runs the base class's own, `super.destroy()`, may close what the base knows of)
  if (!stop || !stopName || someNodeWithin(stop.body, isBaseMethodCall, (node) => !isFunctionNode(node))) return null;
  let handedOn = false;
  walk(sourceCode.ast, (node) => {
    if (handedOn) return false;
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || getStaticPropertyName(node) !== field) return true;
    if (!isOwnFieldUse(sourceCode, node)) handedOn = true;
    return true;
  });
  return handedOn ? null : stopName;
}

/** `super.m(…)`, `Base.prototype.m.call(this, …)`: a call of the base class's method. */
function isBaseMethodCall(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Super) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(node) === 'prototype';
}

/** A use of `x.<field>` that keeps the descriptor where it is: an `fs` read or write of it, a test, a write of the field. */
function isOwnFieldUse(sourceCode: SourceCode, member: TSESTree.MemberExpression): boolean {
  const position = getOutermostWrapper(member);
  const parent = position.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === position) return true;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
  if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === position) return true;
  if (parent.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(parent.operator)) return true;
  if (parent.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== position) return false;
  const use = fsFunctionOf(sourceCode, parent.callee);
  return use !== null && DESCRIPTOR_USES.has(use);
}

/** The `fs` function a call of `identifier` as its first argument is (`fs.read(fd, …)` → `read`), or null. */
export function descriptorCallOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): string | null {
  const position = getOutermostWrapper(identifier);
  const parent = position.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== position) return null;
  return fsFunctionOf(sourceCode, parent.callee);
}

/** `fs.open`, `require('graceful-fs').read`, `import { close } from 'fs'`: the function's name, or null for anything else. */
function fsFunctionOf(sourceCode: SourceCode, callee: TSESTree.Node): string | null {
  const reference = resolveModuleReference(sourceCode, callee);
  if (!reference || !FILE_SYSTEM_MODULES.has(reference.module)) return null;
  const path = exportPath(reference);
  return path.length === 1 ? path[0]! : null;
}

