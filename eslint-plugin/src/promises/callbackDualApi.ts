import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { getResolvedSymbol, getTypedServices, getTypeScript } from '../core/typeInfo';
import { resolveLocalCallables } from '../modules/localFunctions';
import { resolveModuleReference } from '../modules/moduleBindings';
import { isCallbackConventionPackage } from './packagePromiseApis';

/**
 * Callback-style dual APIs: `close(cb)` returns a promise only when it is called without a callback
 * (`if (!cb) return new Promise(…)`), as many Node libraries written before promises do. A call that
 * passes the callback gets its result through the callback; whatever the function returns then is not
 * the operation's promise. Recognised by the callee's own code, in this file or (with types) anywhere:
 * it branches on its last parameter being absent or a function (`if (!cb) …`, `cb == null ? … : …`,
 * `typeof cb !== 'function'`), and the branch does something other than throw (an argument check that
 * throws is validation, not a second calling convention). Packages known to follow the convention
 * (`fs-extra`, `mz/fs`: `packagePromiseApis.ts`) are recognised by provenance.
 */
export function isCallbackStyleCall(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (call.arguments.length >= 2 && last && couldBeCallback(last) && isCallbackConventionPackage(resolveModuleReference(context.sourceCode, call.callee))) {
    return true;
  }
  if (!last || last.type === AST_NODE_TYPES.SpreadElement || !isFunctionNode(skipExpressionWrappers(last))) return false;
  const local = resolveLocalCallables(context.sourceCode, call.callee).filter(isFunctionNode);
  if (local.length > 0) return local.every(testsLastParameterForCallback);
  const services = getTypedServices(context);
  if (!services) return false;
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
  const declarations = getResolvedSymbol(services, name)?.declarations ?? [];
  const bodies = declarations.filter(hasFunctionBody);
  return bodies.length > 0 && bodies.every(testsLastTsParameterForCallback);
}

/**
 * An argument that may be a function: a function, or a name, member or call whose value is not visible here
 * (`fse.remove(dir, done)`). Literals, templates, object and array literals and arithmetic are not.
 */
function couldBeCallback(argument: TSESTree.CallExpressionArgument): boolean {
  const value = skipExpressionWrappers(argument);
  return isFunctionNode(value) || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression ||
    value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.ConditionalExpression ||
    value.type === AST_NODE_TYPES.LogicalExpression;
}

// ---------------------------------------------------------------------------------------------
// This file's functions (ESTree)

function testsLastParameterForCallback(fn: TSESTree.FunctionLike & { body: TSESTree.Node | null | undefined }): boolean {
  const last = fn.params[fn.params.length - 1];
  const parameter = last?.type === AST_NODE_TYPES.AssignmentPattern ? last.left : last;
  if (parameter?.type !== AST_NODE_TYPES.Identifier || !fn.body) return false;
  const name = parameter.name;
  let found = false;
  walk(fn.body, (node) => {
    if (found || (node !== fn.body && isFunctionNode(node))) return false;
    if ((node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) && !isThrowOnly(node.consequent)) {
      found = containsCallbackTest(node.test, name);
    }
    return !found;
  });
  return found;
}

function containsCallbackTest(test: TSESTree.Node, name: string): boolean {
  let found = false;
  walk(test, (node) => {
    if (found || isFunctionNode(node)) return false;
    found = isCallbackTest(node, name);
    return !found;
  });
  return found;
}

function isThrowOnly(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
  return node.type === AST_NODE_TYPES.BlockStatement && node.body.length === 1 && node.body[0]?.type === AST_NODE_TYPES.ThrowStatement;
}

function isCallbackTest(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return isNamed(node.argument, name);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !['==', '===', '!=', '!=='].includes(node.operator)) return false;
  const { left, right } = node;
  if (isNamed(left, name)) return isNullish(right);
  if (isNamed(right, name)) return isNullish(left);
  const typeOf = left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof' ? left : right.type === AST_NODE_TYPES.UnaryExpression && right.operator === 'typeof' ? right : null;
  const other = typeOf === left ? right : left;
  return typeOf !== null && isNamed(typeOf.argument, name) && other.type === AST_NODE_TYPES.Literal && (other.value === 'function' || other.value === 'undefined');
}

function isNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

// ---------------------------------------------------------------------------------------------
// Declarations found by the checker (TypeScript's AST), in any file of the program

type TsFunctionWithBody = ts.SignatureDeclaration & { readonly body: ts.Node };

function hasFunctionBody(declaration: ts.Declaration): declaration is TsFunctionWithBody {
  const typescript = getTypeScript();
  return (
    (typescript.isFunctionDeclaration(declaration) ||
      typescript.isMethodDeclaration(declaration) ||
      typescript.isFunctionExpression(declaration) ||
      typescript.isArrowFunction(declaration)) &&
    declaration.body !== undefined
  );
}

function testsLastTsParameterForCallback(fn: TsFunctionWithBody): boolean {
  const typescript = getTypeScript();
  const last = fn.parameters[fn.parameters.length - 1];
  if (!last || last.dotDotDotToken || !typescript.isIdentifier(last.name)) return false;
  const name = last.name.text;
  const isName = (node: ts.Node): boolean => typescript.isIdentifier(node) && node.text === name;
  const isNullishTs = (node: ts.Node): boolean =>
    node.kind === typescript.SyntaxKind.NullKeyword || (typescript.isIdentifier(node) && node.text === 'undefined') || typescript.isVoidExpression(node);
  const { EqualsEqualsToken, EqualsEqualsEqualsToken, ExclamationEqualsToken, ExclamationEqualsEqualsToken, ExclamationToken } = typescript.SyntaxKind;
  const equality = new Set<ts.SyntaxKind>([EqualsEqualsToken, EqualsEqualsEqualsToken, ExclamationEqualsToken, ExclamationEqualsEqualsToken]);
  const isCallbackTestTs = (node: ts.Node): boolean => {
    if (typescript.isPrefixUnaryExpression(node) && node.operator === ExclamationToken && isName(skipTsParentheses(node.operand))) return true;
    if (!typescript.isBinaryExpression(node) || !equality.has(node.operatorToken.kind)) return false;
    const left = skipTsParentheses(node.left);
    const right = skipTsParentheses(node.right);
    if ((isName(left) && isNullishTs(right)) || (isName(right) && isNullishTs(left))) return true;
    const typeOf = typescript.isTypeOfExpression(left) ? left : typescript.isTypeOfExpression(right) ? right : null;
    const other = typeOf === left ? right : left;
    return typeOf !== null && isName(skipTsParentheses(typeOf.expression)) && typescript.isStringLiteral(other) && (other.text === 'function' || other.text === 'undefined');
  };
  const containsTest = (root: ts.Node): boolean => someTsNode(root, isCallbackTestTs, (node) => !typescript.isFunctionLike(node));
  const isThrowOnlyTs = (node: ts.Node): boolean =>
    typescript.isThrowStatement(node) || (typescript.isBlock(node) && node.statements.length === 1 && node.statements[0] !== undefined && typescript.isThrowStatement(node.statements[0]));
  const branchesOnTest = (node: ts.Node): boolean =>
    (typescript.isIfStatement(node) && !isThrowOnlyTs(node.thenStatement) && containsTest(node.expression)) ||
    (typescript.isConditionalExpression(node) && containsTest(node.condition));
  return someTsNode(fn.body, branchesOnTest, (node) => node === fn.body || !typescript.isFunctionLike(node));
}

/** Like `someNodeWithin` for TypeScript's tree: `matches` on `root` and every node below it that `descend` lets through (a stack, not recursion). */
function someTsNode(root: ts.Node, matches: (node: ts.Node) => boolean, descend: (node: ts.Node) => boolean): boolean {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (!descend(node)) continue;
    if (matches(node)) return true;
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return false;
}

function skipTsParentheses(node: ts.Node): ts.Node {
  const typescript = getTypeScript();
  let current = node;
  while (typescript.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
