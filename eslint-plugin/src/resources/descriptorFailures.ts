import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getOutermostWrapper, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { DESCRIPTOR_CLOSES, descriptorCallOf, getOpenedDescriptor } from './callbackDescriptors';

/**
 * A failure path that leaves the descriptor open: inside the `fs.open` callback, a later callback that gets the
 * descriptor's operation's error (`i2c.setAddrAsync(fd, addr, (err) => { if (err) return cb(err); … })`) hands it to
 * the caller's callback without closing `fd`, where the success path hands the descriptor on (`cb(null, fd)`, or keeps
 * it: `bus._peripherals[addr] = fd`). The caller got an error and no descriptor, so nobody can close it
 * (i2c-bus 0.11.3's `peripheral()` leaked a descriptor per busy device; 1.0.0 keeps it before the call, where the bus
 * closes it).
 */
export interface DescriptorLeftByFailure {
  /** The `fs.open(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The callback's name for the descriptor (`fd`). */
  readonly name: string;
  /** The call that hands the error on (`cb(err)`), and the callee's text. */
  readonly failure: TSESTree.CallExpression;
  readonly callback: string;
  /** The operation whose failure it is (`i2c.setAddrAsync`). */
  readonly operation: string;
}

export function findDescriptorsLeftByFailure(sourceCode: SourceCode, call: TSESTree.CallExpression): DescriptorLeftByFailure[] {
  const opened = getOpenedDescriptor(sourceCode, call);
  if (!opened || opened.callback.body.type !== AST_NODE_TYPES.BlockStatement) return [];
  const { parameter, variable } = opened;
  const fdReads = variable.references.filter((reference) => reference.identifier !== parameter && reference.isRead()).map((reference) => reference.identifier);
  // closed anywhere: the code manages it (which paths reach the close is not judged here)
  if (fdReads.some((identifier) => DESCRIPTOR_CLOSES.has(descriptorCallOf(sourceCode, identifier as TSESTree.Identifier) ?? ''))) return [];
  const handedOnTo = successCallbacks(fdReads);
  const keptAt = fdReads.filter((identifier) => {
    const position = getOutermostWrapper(identifier);
    return position.parent?.type === AST_NODE_TYPES.AssignmentExpression && position.parent.right === position && position.parent.left.type === AST_NODE_TYPES.MemberExpression;
  });
  if (handedOnTo.size === 0 && keptAt.length === 0) return [];
  const found: DescriptorLeftByFailure[] = [];
  for (const identifier of fdReads) {
    // an operation given the descriptor and a callback: `op(fd, …, (err) => …)`
    const operation = getOutermostWrapper(identifier).parent;
    if (operation?.type !== AST_NODE_TYPES.CallExpression || !operation.arguments.includes(getOutermostWrapper(identifier) as TSESTree.CallExpressionArgument)) continue;
    // kept by an owner before the operation (`bus._peripherals[addr] = fd; op(fd, …)`): the owner closes it
    if (keptAt.some((kept) => kept.range[1] <= operation.range[0])) continue;
    const last = operation.arguments[operation.arguments.length - 1];
    const inner = last ? skipExpressionWrappers(last) : null;
    if (!inner || !isFunctionNode(inner) || inner.body.type !== AST_NODE_TYPES.BlockStatement || inner.params[0]?.type !== AST_NODE_TYPES.Identifier) continue;
    const error = inner.params[0].name;
    for (const statement of inner.body.body) {
      const failure = failureHandOff(statement, error);
      if (!failure) continue;
      const callee = sourceCode.getText(failure.callee);
      if ((handedOnTo.size > 0 && !handedOnTo.has(callee)) || !isCallersCallback(sourceCode, failure.callee as TSESTree.Identifier, call)) continue;
      found.push({ call, name: parameter.name, failure, callback: callee, operation: sourceCode.getText(operation.callee) });
    }
  }
  return found;
}

/** The callees the descriptor is handed to as a success (`cb(null, fd)`): the caller's callbacks. */
function successCallbacks(fdReads: readonly TSESTree.Node[]): Set<string> {
  const names = new Set<string>();
  for (const identifier of fdReads) {
    const position = getOutermostWrapper(identifier);
    const call = position.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== position) continue;
    const first = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
    const isNull = first?.type === AST_NODE_TYPES.Literal && first.value === null;
    const callee = skipExpressionWrappers(call.callee);
    if (isNull && callee.type === AST_NODE_TYPES.Identifier) names.add(callee.name);
  }
  return names;
}

/** `if (err) return cb(err);` (or `if (err) { cb(err); return; }`): the call that hands `error` on and leaves. */
function failureHandOff(statement: TSESTree.Statement, error: string): TSESTree.CallExpression | null {
  if (statement.type !== AST_NODE_TYPES.IfStatement || skipExpressionWrappers(statement.test).type !== AST_NODE_TYPES.Identifier) return null;
  if ((skipExpressionWrappers(statement.test) as TSESTree.Identifier).name !== error) return null;
  const body = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [statement.consequent];
  const first = body[0];
  const expression = first?.type === AST_NODE_TYPES.ReturnStatement ? first.argument : first?.type === AST_NODE_TYPES.ExpressionStatement ? first.expression : null;
  const call = expression ? skipExpressionWrappers(expression) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || skipExpressionWrappers(call.callee).type !== AST_NODE_TYPES.Identifier) return null;
  const argument = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  if (argument?.type !== AST_NODE_TYPES.Identifier || argument.name !== error) return null;
  // (one statement, or the call then `return`: nothing else that might close it)
  if (body.length > 2 || (body.length === 2 && body[1]?.type !== AST_NODE_TYPES.ReturnStatement)) return null;
  return call;
}

/** A parameter of a function around the `open` call: the caller's callback, which the error reaches. */
function isCallersCallback(sourceCode: SourceCode, name: TSESTree.Identifier, open: TSESTree.CallExpression): boolean {
  const definition = findVariableOf(sourceCode, name)?.defs[0];
  return definition?.type === 'Parameter' && definition.node.range[0] <= open.range[0] && open.range[1] <= definition.node.range[1];
}
