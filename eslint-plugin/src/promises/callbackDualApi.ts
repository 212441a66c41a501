import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getStaticPropertyName, isFunctionNode, isNullishValue, skipExpressionWrappers, someOwnReturn, walk } from '../core/ast';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getResolvedSymbol, getTypedServices, getTypeScript } from '../core/typeInfo';
import { resolveLocalCallables } from '../modules/localFunctions';
import { resolveModuleReference } from '../modules/moduleBindings';
import { someTsNode } from '../modules/tsSyntax';
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
  if (!last || last.type === AST_NODE_TYPES.SpreadElement) return false;
  const lastValue = skipExpressionWrappers(last);
  // a name or member that may hold a function is a callback unless it is the caller's own parameter, which the caller
  // tests for being absent (`typeof callback === 'function'`): then it may be, and the call returns the promise
  const passesFunction = isFunctionNode(lastValue);
  if (!passesFunction && (!couldBeCallback(last) || mayBeAbsentParameter(context.sourceCode, lastValue))) return false;
  const local = resolveLocalCallables(context.sourceCode, call.callee).filter(isFunctionNode);
  // given a name, only this file's dual APIs are known (and an async function returns its promise whatever it is given)
  if (!passesFunction) return local.length > 0 && local.every((fn) => !fn.async && testsLastParameterForCallback(fn));
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

/**
 * A parameter of an enclosing function that this function tests for being a function or absent (`typeof callback
 * === 'function'`, `if (!callback)`): its own word that callers may leave it out. Not when the function fills it in
 * (`if (!callback) callback = promisify()`, `cb = cb || noop`): any write other than taking another parameter's
 * value (`callback = options`, the shuffle of optional arguments) makes it present.
 */
function mayBeAbsentParameter(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, value);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Parameter' || !isFunctionNode(definition.node) || !definition.node.body) return false;
  const fn = definition.node;
  const fillsIn = variable.references.some((reference) => {
    if (!reference.writeExpr || reference.init) return false;
    const written = skipExpressionWrappers(reference.writeExpr);
    if (written.type !== AST_NODE_TYPES.Identifier) return true;
    const source = findVariableOf(sourceCode, written)?.defs[0];
    return source?.type !== 'Parameter' || source.node !== fn;
  });
  return !fillsIn && containsCallbackTest(fn.body, value.name);
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
  if (isNamed(left, name)) return isNullishValue(right);
  if (isNamed(right, name)) return isNullishValue(left);
  const typeOf = left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof' ? left : right.type === AST_NODE_TYPES.UnaryExpression && right.operator === 'typeof' ? right : null;
  const other = typeOf === left ? right : left;
  return typeOf !== null && isNamed(typeOf.argument, name) && other.type === AST_NODE_TYPES.Literal && (other.value === 'function' || other.value === 'undefined');
}

function isNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}


/**
 * The promise a dual API returns when it is called without a callback, as the function's own code shows it
 * (levelup, abstract-leveldown and their kin): `var promise; if (!callback) { callback = promisify(); promise =
 * callback.promise; } … return promise`. Every `return` returns that variable (or nothing), which is assigned only
 * in the branch taken when the last parameter is absent, and from a promise by its name (`callback.promise`,
 * `promise`) or `new Promise(…)`. True means "a promise when called without a callback" (see {@link
 * isCallbackStyleCall} for calls that pass one).
 */
export function returnsPromiseWithoutCallback(fn: FunctionNode): boolean {
  let known = dualPromiseFunctions.get(fn);
  if (known === undefined) {
    known = readsAsDualPromise(fn);
    dualPromiseFunctions.set(fn, known);
  }
  return known;
}

const dualPromiseFunctions = new WeakMap<FunctionNode, boolean>();

function readsAsDualPromise(fn: FunctionNode): boolean {
  const last = fn.params[fn.params.length - 1];
  const parameter = last?.type === AST_NODE_TYPES.AssignmentPattern ? last.left : last;
  if (parameter?.type !== AST_NODE_TYPES.Identifier || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const name = parameter.name;
  const promiseVariables = new Set<string>();
  const otherWrites = new Set<string>();
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) {
      const inAbsenceBranch = isInAbsenceBranch(node, fn, name);
      if (inAbsenceBranch && node.operator === '=' && isPromiseByName(node.right)) promiseVariables.add(node.left.name);
      else otherWrites.add(node.left.name);
    }
    return true;
  });
  for (const written of otherWrites) promiseVariables.delete(written);
  if (promiseVariables.size === 0) return false;
  let returnsPromise = false;
  let returnsOther = false;
  someOwnReturn(fn.body, (statement) => {
    if (!statement.argument) return false;
    const value = skipExpressionWrappers(statement.argument);
    if (value.type === AST_NODE_TYPES.Identifier && promiseVariables.has(value.name)) returnsPromise = true;
    else returnsOther = true;
    return returnsOther;
  });
  return returnsPromise && !returnsOther;
}

/** In the consequent of an `if` (of `fn` itself) that tests that `name` is absent: `!cb`, `cb == null`, `typeof cb !== 'function'`. */
function isInAbsenceBranch(node: TSESTree.Node, fn: FunctionNode, name: string): boolean {
  for (let current: TSESTree.Node = node; current !== fn; current = current.parent) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === current && isAbsenceTest(parent.test, name)) return true;
  }
  return false;
}

function isAbsenceTest(test: TSESTree.Node, name: string): boolean {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return isNamed(test.argument, name);
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const negated = test.operator === '!=' || test.operator === '!==';
  if (!negated && test.operator !== '==' && test.operator !== '===') return false;
  const { left, right } = test;
  if (!negated && ((isNamed(left, name) && isNullishValue(right)) || (isNamed(right, name) && isNullishValue(left)))) return true;
  const typeOf = left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof' ? left : right.type === AST_NODE_TYPES.UnaryExpression && right.operator === 'typeof' ? right : null;
  const other = typeOf === left ? right : left;
  if (typeOf === null || !isNamed(typeOf.argument, name) || other.type !== AST_NODE_TYPES.Literal) return false;
  return negated ? other.value === 'function' : other.value === 'undefined';
}

/** `new Promise(…)`, `promise`, `callback.promise`, `this._openPromise`: a promise by what the code calls it. */
function isPromiseByName(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  if (value.type === AST_NODE_TYPES.NewExpression) return isNamed(value.callee, 'Promise');
  const name = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(value) : null;
  return name !== null && /(?:^p|P)romise$/.test(name);
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


function skipTsParentheses(node: ts.Node): ts.Node {
  const typescript = getTypeScript();
  let current = node;
  while (typescript.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
