import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '../core/astUtils';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, isFunctionNode, skipExpressionWrappers, someNodeWithin, someOwnReturn } from '../core/ast';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findVariableOf, getScopeOf, isNeverReassigned } from '../core/scope';
import { getNodeType, getTypedServices, getTypeScript, unionParts } from '../core/typeInfo';
import { resolveLocalCallables } from '../modules/localFunctions';
import { getAsyncContext } from '../roles/asyncContext';
import { isKnownArray } from './knownArrays';
import { getCallbackPromiseKind, getPromiseKind } from './promiseInference';

/**
 * The rewrites `no-misused-async-callback` offers, each exact and type-correct where it is offered:
 * - `tryCatch`: the body of an async function wrapped in `try { … } catch (error) { console.error(error); }`,
 *   so the promise it returns cannot reject (what an emitter or a `() => void` slot needs);
 * - `nextCatch`: the same for an async middleware, whose `catch` hands the error on with `next(error)`;
 * - `voidCatch`: a named async function with no parameters (or a promise-returning expression body)
 *   called as `void fn().catch((error) => console.error(error))`;
 * - `forOf`, `promiseAll`: `xs.forEach(async …)` as a `for…of` loop, or as `await Promise.all(xs.map(…))`;
 * - `await`: a promise used as a condition, awaited;
 * - `awaitSpread`: `{ ...promise }` as `{ ...(await promise) }`;
 * - `asyncDispose`: `using x = { async [Symbol.dispose]() {} }` as `await using` with `[Symbol.asyncDispose]`.
 */
export type RewriteKind = 'tryCatch' | 'nextCatch' | 'voidCatch' | 'forOf' | 'promiseAll' | 'await' | 'awaitSpread' | 'asyncDispose';

export interface Rewrite {
  readonly kind: RewriteKind;
  readonly fix: TSESLint.ReportFixFunction;
}

// ---------------------------------------------------------------------------------------------
// Handling the rejection where the promise is made

/**
 * The rewrite that makes the promise of a function value unable to reject: `tryCatch` for an async function
 * literal, `voidCatch` for a name or a promise-returning expression body. Null when none is exact: a body
 * that returns values (its type would change), a written return type other than `Promise<void>`, a
 * generator, a shadowed `console`, a function with parameters called by name.
 */
export function handleRejectionRewrite(context: AnyRuleContext, value: TSESTree.Node): Rewrite | null {
  const sourceCode = context.sourceCode;
  const inner = skipExpressionWrappers(value);
  if (!isConsoleGlobal(sourceCode, inner)) return null;
  if (isFunctionNode(inner)) {
    if (inner.async) return tryCatchRewrite(sourceCode, inner);
    return expressionCatchRewrite(context, inner);
  }
  if (inner.type === AST_NODE_TYPES.Identifier) return namedCatchRewrite(context, value, inner);
  return null;
}

const HANDLER = 'console.error(error);';

/**
 * An async middleware's body in `try { … } catch (error) { next(error); }`: the framework's error handling gets
 * the failure and answers the request. Null where `tryCatch` would be (see `handleRejectionRewrite`), and for a
 * compiled or non-async function.
 */
export function passToNextRewrite(context: AnyRuleContext, fn: FunctionNode, next: string): Rewrite | null {
  if (!fn.async) return null;
  const rewrite = tryCatchRewrite(context.sourceCode, fn, `${next}(error);`);
  return rewrite ? { kind: 'nextCatch', fix: rewrite.fix } : null;
}

function tryCatchRewrite(sourceCode: SourceCode, fn: FunctionNode, handler = HANDLER): Rewrite | null {
  if (fn.generator || (fn.returnType && !isPromiseOfVoid(fn.returnType.typeAnnotation))) return null;
  const body = fn.body;
  const base = lineIndent(sourceCode, body.loc.start.line);
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    const unit = '  ';
    const expression = sourceCode.getText(body);
    const awaited = body.type === AST_NODE_TYPES.AwaitExpression ? expression : `await ${isTight(body) ? expression : `(${expression})`}`;
    const range = bodyRangeWithParentheses(sourceCode, body);
    const text = `{\n${base}${unit}try {\n${base}${unit}${unit}${awaited};\n${base}${unit}} catch (error) {\n${base}${unit}${unit}${handler}\n${base}${unit}}\n${base}}`;
    return { kind: 'tryCatch', fix: (fixer) => fixer.replaceTextRange(range, text) };
  }
  if (body.body.length === 0 || someOwnReturn(body, (statement) => statement.argument !== null)) return null;
  const inside = sourceCode.text.slice(body.range[0] + 1, body.range[1] - 1);
  const lines = inside.split('\n');
  if (lines.length < 2) {
    const text = `{ try {${inside.trimEnd()} } catch (error) { ${handler} } }`;
    return { kind: 'tryCatch', fix: (fixer) => fixer.replaceText(body, text) };
  }
  const unit = indentUnit(sourceCode, body, base);
  const protectedLines = linesInsideTokens(sourceCode, body);
  const head = lines[0] ?? '';
  const statements: string[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (index === lines.length - 1 && line.trim() === '') break; // the indentation of the closing brace
    const lineNumber = body.loc.start.line + index;
    statements.push(line.trim() === '' || protectedLines.has(lineNumber) ? line : `${unit}${line}`);
  }
  const text = `{${head}\n${base}${unit}try {\n${statements.join('\n')}\n${base}${unit}} catch (error) {\n${base}${unit}${unit}${handler}\n${base}${unit}}\n${base}}`;
  return { kind: 'tryCatch', fix: (fixer) => fixer.replaceText(body, text) };
}

/** `() => fetch(url)` → `() => { void fetch(url).catch(…); }`: only for a real `Promise` (it has `.catch`). */
function expressionCatchRewrite(context: AnyRuleContext, fn: FunctionNode): Rewrite | null {
  const sourceCode = context.sourceCode;
  const body = fn.body;
  if (fn.generator || fn.returnType || body.type === AST_NODE_TYPES.BlockStatement) return null;
  if (getPromiseKind(context, body) !== 'promise') return null;
  const expression = sourceCode.getText(body);
  const callable = isTight(body) && body.type !== AST_NODE_TYPES.NewExpression && body.type !== AST_NODE_TYPES.AwaitExpression ? expression : `(${expression})`;
  const text = `{ void ${callable}.catch((error) => ${HANDLER.slice(0, -1)}); }`;
  const range = bodyRangeWithParentheses(sourceCode, body);
  return { kind: 'voidCatch', fix: (fixer) => fixer.replaceTextRange(range, text) };
}

/** `handler` (an async function without parameters) → `() => { void handler().catch(…); }`. */
function namedCatchRewrite(context: AnyRuleContext, value: TSESTree.Node, name: TSESTree.Identifier): Rewrite | null {
  const sourceCode = context.sourceCode;
  const variable = findVariableOf(sourceCode, name);
  if (!variable || !isNeverReassigned(variable) && !variable.defs.every((definition) => definition.type === 'FunctionName')) return null;
  if (getCallbackPromiseKind(context, name) !== 'promise' || !takesNoArguments(context, name)) return null;
  const arrow = `() => { void ${name.name}().catch((error) => ${HANDLER.slice(0, -1)}); }`;
  const property = value.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.shorthand) {
    return { kind: 'voidCatch', fix: (fixer) => fixer.replaceText(property, `${name.name}: ${arrow}`) };
  }
  return { kind: 'voidCatch', fix: (fixer) => fixer.replaceText(value, arrow) };
}

/** Every function the name may denote declares no parameter (so calling it with none is what it expects). */
function takesNoArguments(context: AnyRuleContext, name: TSESTree.Identifier): boolean {
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, name);
    const signatures = type ? unionParts(type).flatMap((part) => part.getCallSignatures()) : [];
    return signatures.length > 0 && signatures.every((signature) => signature.parameters.length === 0);
  }
  const callables = resolveLocalCallables(context.sourceCode, name);
  return callables.length > 0 && callables.every((callable) => callable.params.length === 0);
}

function isPromiseOfVoid(type: TSESTree.TypeNode): boolean {
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    type.typeName.name === 'Promise' &&
    type.typeArguments?.params.length === 1 &&
    type.typeArguments.params[0]?.type === AST_NODE_TYPES.TSVoidKeyword
  );
}

/** `console` is the global one at `node` (no local binding shadows it). */
function isConsoleGlobal(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  for (let scope: TSESLint.Scope.Scope | null = getScopeOf(sourceCode, node); scope; scope = scope.upper) {
    const variable = scope.set.get('console');
    if (variable && variable.defs.length > 0) return false;
  }
  return true;
}

/** The body's range with the parentheses around an expression body (`=> ({ … })`). */
function bodyRangeWithParentheses(sourceCode: SourceCode, body: TSESTree.Node): [number, number] {
  let start = body.range[0];
  let end = body.range[1];
  let before = sourceCode.getTokenBefore(body);
  let after = sourceCode.getTokenAfter(body);
  while (before && after && before.value === '(' && after.value === ')' && ASTUtils.isParenthesized(body, sourceCode)) {
    start = before.range[0];
    end = after.range[1];
    const outerBefore = sourceCode.getTokenBefore(before);
    const outerAfter = sourceCode.getTokenAfter(after);
    if (!outerBefore || outerBefore.value !== '(' || !outerAfter || outerAfter.value !== ')') break;
    before = outerBefore;
    after = outerAfter;
  }
  return [start, end];
}

function lineIndent(sourceCode: SourceCode, line: number): string {
  return /^\s*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/** The indentation one level deeper than `base`, as the body's first statement has it (two spaces if unclear). */
function indentUnit(sourceCode: SourceCode, body: TSESTree.BlockStatement, base: string): string {
  const first = body.body[0];
  if (!first || first.loc.start.line === body.loc.start.line) return '  ';
  const indent = lineIndent(sourceCode, first.loc.start.line);
  return indent.startsWith(base) && indent.length > base.length ? indent.slice(base.length) : '  ';
}

/** Lines that begin inside a multi-line token (a template literal): indenting them would change a string. */
function linesInsideTokens(sourceCode: SourceCode, body: TSESTree.Node): Set<number> {
  const lines = new Set<number>();
  for (const token of sourceCode.getTokens(body)) {
    for (let line = token.loc.start.line + 1; line <= token.loc.end.line; line++) lines.add(line);
  }
  return lines;
}

/** Expressions that stay one operand after `await ` or before `.catch(`. */
function isTight(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.NewExpression ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.ImportExpression ||
    node.type === AST_NODE_TYPES.AwaitExpression
  );
}

// ---------------------------------------------------------------------------------------------
// Awaiting where the code can

/** `await` is allowed at `node` and belongs to the function around it (not a nested callback). */
export function canAwaitAt(context: AnyRuleContext, node: TSESTree.Node): boolean {
  const asyncContext = getAsyncContext(context.sourceCode, node);
  return asyncContext !== null && asyncContext.canAwait && asyncContext.functionNode === getEnclosingFunction(node);
}

/** A promise used as a condition, awaited: `if (ready())` → `if (await ready())`. */
export function awaitConditionRewrite(context: AnyRuleContext, node: TSESTree.Node): Rewrite | null {
  if (!canAwaitAt(context, node)) return null;
  const sourceCode = context.sourceCode;
  return {
    kind: 'await',
    fix: (fixer) => {
      if (ASTUtils.isParenthesized(node, sourceCode)) {
        const opening = sourceCode.getTokenBefore(node);
        return opening ? fixer.insertTextAfter(opening, 'await ') : fixer.insertTextBefore(node, 'await ');
      }
      const inner = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
      // `!p` → `!await p`; an operand of `&&` takes `await p()` as it is (await binds tighter)
      if (isTight(inner)) return fixer.insertTextBefore(node, 'await ');
      return [fixer.insertTextBefore(node, 'await ('), fixer.insertTextAfter(node, ')')];
    },
  };
}

/**
 * `{ ...promise }` → `{ ...(await promise) }` inside an async function, when the awaited value may be spread
 * (with types: an object, `undefined` or `null`; without types only in JavaScript, where no type can object).
 */
export function awaitSpreadRewrite(context: AnyRuleContext, spread: TSESTree.SpreadElement): Rewrite | null {
  if (!canAwaitAt(context, spread)) return null;
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, spread.argument);
    if (!type) return null;
    const checker = services.program.getTypeChecker();
    const awaited = checker.getAwaitedType(type);
    const { TypeFlags } = getTypeScript();
    const spreadable = awaited !== undefined && unionParts(awaited).every((part) => (part.flags & (TypeFlags.Object | TypeFlags.Undefined | TypeFlags.Null | TypeFlags.NonPrimitive)) !== 0 || part.isIntersection());
    if (!spreadable) return null;
  } else if (!/\.[cm]?jsx?$/.test(context.physicalFilename)) {
    return null;
  }
  const text = `(await ${context.sourceCode.getText(spread.argument)})`;
  return { kind: 'awaitSpread', fix: (fixer) => fixer.replaceText(spread.argument, text) };
}

/**
 * `using x = { async [Symbol.dispose]() {} }` → `await using x = { async [Symbol.asyncDispose]() {} }`, in an
 * async function, when `x` is only used through its own members (nothing else may call its `Symbol.dispose`).
 */
export function asyncDisposeRewrite(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator, method: TSESTree.Property): Rewrite | null {
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1 || !canAwaitAt(context, declaration)) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || method.key.type !== AST_NODE_TYPES.MemberExpression) return null;
  const variable = findVariableOf(context.sourceCode, declarator.id);
  const onlyMembers = variable?.references.every((reference) => {
    if (reference.init) return true;
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && !parent.computed;
  });
  if (!onlyMembers) return null;
  const keyword = context.sourceCode.getFirstToken(declaration);
  const property = method.key.property;
  if (!keyword || keyword.value !== 'using') return null;
  return {
    kind: 'asyncDispose',
    fix: (fixer) => [fixer.insertTextBefore(keyword, 'await '), fixer.replaceText(property, 'asyncDispose')],
  };
}

// ---------------------------------------------------------------------------------------------
// forEach

/**
 * Exact rewrites of `xs.forEach(async (x) => …)` as a statement in an async function:
 * `for (const x of xs) { … }` (simple parameter, no `return`/`var`/`this`/`arguments` changing meaning)
 * and `await Promise.all(xs.map(…))`. Only for receivers known to be arrays.
 */
export function forEachRewrites(context: AnyRuleContext, call: TSESTree.CallExpression, argument: TSESTree.Node): Rewrite[] {
  const sourceCode = context.sourceCode;
  const statement = call.parent;
  const member = call.callee;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || member.type !== AST_NODE_TYPES.MemberExpression) return [];
  if (member.optional || member.computed || call.optional || call.typeArguments) return [];
  if (!canAwaitAt(context, statement) || !isKnownArray(context, member.object)) return [];
  const dot = sourceCode.getTokenBefore(member.property);
  if (!dot || dot.value !== '.') return [];
  const receiverText = sourceCode.text.slice(call.range[0], dot.range[0]);
  const rewrites: Rewrite[] = [];

  const fn = skipExpressionWrappers(argument);
  const forOf = call.arguments.length === 1 && isFunctionNode(fn) ? forOfText(sourceCode, fn, receiverText) : null;
  if (forOf !== null) rewrites.push({ kind: 'forOf', fix: (fixer) => fixer.replaceText(statement, forOf) });

  if (!isPromiseShadowed(sourceCode, call)) {
    rewrites.push({
      kind: 'promiseAll',
      fix: (fixer) => [
        fixer.insertTextBefore(call, 'await Promise.all('),
        fixer.replaceText(member.property, 'map'),
        fixer.insertTextAfter(call, ')'),
      ],
    });
  }
  return rewrites;
}

function isPromiseShadowed(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  for (let scope: TSESLint.Scope.Scope | null = getScopeOf(sourceCode, node); scope; scope = scope.upper) {
    const variable = scope.set.get('Promise');
    if (variable && variable.defs.length > 0) return true;
  }
  return false;
}

function forOfText(sourceCode: SourceCode, fn: FunctionNode, receiverText: string): string | null {
  if (!fn.async) return null;
  if (fn.params.length !== 1) return null;
  const parameter = fn.params[0];
  if (parameter?.type !== AST_NODE_TYPES.Identifier || parameter.typeAnnotation || parameter.optional) return null;
  if (fn.type === AST_NODE_TYPES.FunctionExpression && (fn.id || usesOwnThisOrArguments(fn.body))) return null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return null;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    if (changesMeaningInLoop(fn.body)) return null;
    return `for (const ${parameter.name} of ${receiverText}) ${sourceCode.getText(fn.body)}`;
  }
  const body = fn.body;
  const bodyText = sourceCode.getText(body);
  const awaited = body.type === AST_NODE_TYPES.AwaitExpression ? bodyText : `await ${ASTUtils.isParenthesized(body, sourceCode) || isTight(body) ? bodyText : `(${bodyText})`}`;
  return `for (const ${parameter.name} of ${receiverText}) {\n${statementIndent(sourceCode, fn)}  ${awaited};\n${statementIndent(sourceCode, fn)}}`;
}

function statementIndent(sourceCode: SourceCode, node: TSESTree.Node): string {
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) {
    statement = statement.parent;
  }
  return lineIndent(sourceCode, statement.loc.start.line);
}

/** `return`, `var` and function declarations at the callback's own level mean something else inside a loop. */
function changesMeaningInLoop(node: TSESTree.Node): boolean {
  return someNodeWithin(
    node,
    (inner) =>
      inner.type === AST_NODE_TYPES.ReturnStatement ||
      (inner.type === AST_NODE_TYPES.VariableDeclaration && inner.kind === 'var') ||
      inner.type === AST_NODE_TYPES.FunctionDeclaration,
    (inner) => !isFunctionNode(inner) && inner.type !== AST_NODE_TYPES.ClassBody,
  );
}

function usesOwnThisOrArguments(node: TSESTree.Node): boolean {
  return someNodeWithin(
    node,
    (inner) => inner.type === AST_NODE_TYPES.ThisExpression || (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'arguments'),
    (inner) =>
      inner.type !== AST_NODE_TYPES.FunctionExpression && inner.type !== AST_NODE_TYPES.FunctionDeclaration && inner.type !== AST_NODE_TYPES.ClassBody,
  );
}
