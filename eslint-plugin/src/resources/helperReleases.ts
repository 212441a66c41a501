import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getFunctionName, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { resolveLocalCallables } from '../modules/localFunctions';
import { INFERRED_RELEASE_METHODS } from './inferredResources';

/**
 * An object a function makes (`var client = new Client()`) and hands, on two different paths, to functions of this
 * file (`if (parsed.host) cp2local(client, …); else cp2remote(client, …);`), where one of them releases it (its
 * parameter's `close()`, `end()`, `destroy()`…) and another only uses it (calls its other methods, reads its fields)
 * and never releases it nor hands it on. The releasing function is the code's word that the object is the callee's
 * to release once its work is done; on the other path it stays open: a connection, a socket or a session per call,
 * for the life of the process. scp2 0.2.2's `scp()` closed its client after an upload and left it open after a
 * download; 0.3.0 closes it in the download's callback too.
 *
 * Only an object made with `new` and held in a variable of the function that makes it, every use of which (but the
 * hand-overs) calls one of its methods other than a release; the two hand-overs in the two branches of one `if`, `? :`
 * or `switch`; each callee a function of this file (one function for the call) whose parameter in that place is a
 * plain name. A callee "only uses" its parameter when every use calls a method of it or reads a field of it, in the
 * function or in its callbacks.
 */
export interface HelperSkippedRelease {
  /** The `new X(…)` that makes the object. */
  readonly creation: TSESTree.NewExpression;
  readonly name: string;
  /** The function that releases it, and the method it calls. */
  readonly releasing: string;
  readonly method: string;
  /** The function that does not, and the call that hands the object to it. */
  readonly skipping: string;
  readonly handOff: TSESTree.CallExpression;
}

/** Cheap text filter: something is made with `new` and something is released by a method. */
export function mayLeaveHelperReleases(text: string): boolean {
  return text.includes('new ') && /\.\s*(?:release|close|end|destroy|quit|disconnect|dispose|terminate)\s*\(/.test(text);
}

interface HandOff {
  readonly call: TSESTree.CallExpression;
  readonly callee: FunctionNode;
  readonly parameter: TSESTree.Identifier;
}

export function findHelperSkippedRelease(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): HelperSkippedRelease | null {
  const creation = declarator.init ? skipExpressionWrappers(declarator.init) : null;
  if (creation?.type !== AST_NODE_TYPES.NewExpression || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const fn = getEnclosingFunction(declarator);
  const variable = fn ? findVariableOf(sourceCode, declarator.id) : null;
  if (!fn || !variable || variable.defs.length !== 1) return null;
  const handOffs: HandOff[] = [];
  for (const reference of variable.references) {
    const use = reference.identifier;
    if (use === declarator.id) continue;
    if (getEnclosingFunction(use) !== fn) return null;
    const method = calledMethod(use);
    if (method !== null) {
      if (INFERRED_RELEASE_METHODS.has(method)) return null;
      continue;
    }
    const handOff = handOffOf(sourceCode, use);
    if (!handOff) return null;
    handOffs.push(handOff);
  }
  for (const releasing of handOffs) {
    const method = releaseMethodOf(sourceCode, releasing.parameter);
    if (method === null) continue;
    for (const skipping of handOffs) {
      if (skipping.callee === releasing.callee || !onlyUses(sourceCode, skipping.parameter) || !onAlternativePaths(releasing.call, skipping.call)) continue;
      const releasingName = getFunctionName(releasing.callee);
      const skippingName = getFunctionName(skipping.callee);
      if (releasingName === null || skippingName === null) continue;
      return { creation, name: declarator.id.name, releasing: releasingName, method, skipping: skippingName, handOff: skipping.call };
    }
  }
  return null;
}

/** `x.m(…)` where `use` is `x`: the method's name; null for any other use. */
function calledMethod(use: TSESTree.Node): string | null {
  const member = use.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use) return null;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? getStaticPropertyName(member) : null;
}

/** `f(…, x, …)` where `f` is one function of this file with a plain parameter in that place. */
function handOffOf(sourceCode: SourceCode, use: TSESTree.Node): HandOff | null {
  const call = use.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === use || call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const index = call.arguments.indexOf(use as TSESTree.CallExpressionArgument);
  const callees = index < 0 ? [] : resolveLocalCallables(sourceCode, call.callee);
  const callee = callees.length === 1 ? callees[0] : undefined;
  if (!callee || !isFunctionNode(callee)) return null;
  const parameter = callee.params[index];
  return parameter?.type === AST_NODE_TYPES.Identifier ? { call, callee, parameter } : null;
}

function parameterUses(sourceCode: SourceCode, parameter: TSESTree.Identifier): TSESTree.Identifier[] {
  const variable = findVariableOf(sourceCode, parameter);
  if (!variable || variable.defs.length !== 1) return [];
  return variable.references.filter((reference) => reference.identifier !== parameter && reference.isRead()).map((reference) => reference.identifier as TSESTree.Identifier);
}

/** The release method the callee calls on its parameter (in it or in its callbacks), or null. */
function releaseMethodOf(sourceCode: SourceCode, parameter: TSESTree.Identifier): string | null {
  for (const use of parameterUses(sourceCode, parameter)) {
    const method = calledMethod(use);
    if (method !== null && INFERRED_RELEASE_METHODS.has(method)) return method;
  }
  return null;
}

/** Every use of the parameter calls a method of it other than a release, or reads a field of it; and there is one. */
function onlyUses(sourceCode: SourceCode, parameter: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, parameter);
  if (!variable || variable.references.some((reference) => reference.isWrite())) return false;
  const uses = parameterUses(sourceCode, parameter);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const method = calledMethod(use);
      if (method !== null) return !INFERRED_RELEASE_METHODS.has(method);
      const member = use.parent;
      return member?.type === AST_NODE_TYPES.MemberExpression && member.object === use && !isWritten(member);
    })
  );
}

function isWritten(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) || (parent.type === AST_NODE_TYPES.UpdateExpression && parent.argument === member);
}

/** The two calls sit in the two branches of one `if`, `? :` or in two cases of one `switch`. */
function onAlternativePaths(first: TSESTree.Node, second: TSESTree.Node): boolean {
  const firstAncestors = new Set<TSESTree.Node>();
  for (let node: TSESTree.Node | undefined = first; node; node = node.parent) firstAncestors.add(node);
  let child: TSESTree.Node = second;
  for (let node = second.parent; node; child = node, node = node.parent) {
    if (!firstAncestors.has(node)) continue;
    const firstChild = [...firstAncestors].find((ancestor) => ancestor.parent === node);
    if (!firstChild || firstChild === child) return false;
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) return firstChild !== node.test && child !== node.test;
    if (node.type === AST_NODE_TYPES.SwitchStatement) return firstChild.type === AST_NODE_TYPES.SwitchCase && child.type === AST_NODE_TYPES.SwitchCase;
    return false;
  }
  return false;
}
