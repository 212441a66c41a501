import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys as typescriptVisitorKeys } from '@typescript-eslint/visitor-keys';

import { AST_NODE_TYPES } from './nodeTypes';

/** A function with a body: the unit that async context, transitive analysis and ownership talk about. */
export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/**
 * The index of the first of `items` (sorted by where they start) that starts at or after `offset`;
 * `items.length` when none does. A binary search.
 */
export function firstStartingFrom<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (startOf(items[middle] as T) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** {@link firstStartingFrom} for nodes (the statements of a block, the nodes of a walk in source order). */
export function firstNodeFrom(nodes: readonly TSESTree.Node[], offset: number): number {
  return firstStartingFrom(nodes, offset, nodeStart);
}

const nodeStart = (node: TSESTree.Node): number => node.range[0];

/** True when `inner`'s source range lies within `outer`'s (`inner` is `outer` or a node inside it). */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

export type LoopStatement =
  | TSESTree.ForStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** The nearest loop around `node` below `stopAt` (a function: loops around that function do not run `node` again). */
export function getEnclosingLoop(node: TSESTree.Node, stopAt: TSESTree.Node): LoopStatement | null {
  for (let current = node.parent; current && current !== stopAt; current = current.parent) {
    if (isLoopStatement(current)) return current;
  }
  return null;
}

const LOOP_STATEMENTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** A loop statement: `for`, `for…in`, `for…of`, `while`, `do…while`. */
export function isLoopStatement(node: TSESTree.Node): node is LoopStatement {
  return LOOP_STATEMENTS.has(node.type);
}

/** `fn` is a class's `constructor(…) { … }`. */
export function isClassConstructor(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor';
}

/** The nearest function that contains `node` (not `node` itself), or null at module level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

const TYPE_WRAPPERS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
  AST_NODE_TYPES.ChainExpression,
]);

/**
 * A directive of a prologue (`'use strict';`), which holds a string. Parsers mark ordinary statements
 * differently: typescript-eslint with `directive: undefined`, espree by leaving the property out, oxlint's
 * JS plugin host with `directive: null`.
 */
export function isDirective(statement: TSESTree.ExpressionStatement): boolean {
  return typeof (statement as { directive?: unknown }).directive === 'string';
}

/** Strips TypeScript-only wrappers (`x as T`, `x!`, `x satisfies T`, `<T>x`) and optional chains. */
export function skipExpressionWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (TYPE_WRAPPERS.has(current.type)) {
    current = (current as { expression: TSESTree.Node }).expression;
  }
  return current;
}

/**
 * `(0, f)`: `f`, wrappers skipped. Compilers call imported functions this way so they get no `this`
 * (`(0, _pFinally2.default)(child, done)`, `(0, tslib_1.__awaiter)(…)`); any other node as it is, wrappers skipped.
 */
export function skipIndirectCallee(node: TSESTree.Node): TSESTree.Node {
  const value = skipExpressionWrappers(node);
  if (value.type !== AST_NODE_TYPES.SequenceExpression || value.expressions.length !== 2) return value;
  const [first, last] = value.expressions;
  return first?.type === AST_NODE_TYPES.Literal && last ? skipExpressionWrappers(last) : value;
}

/** `f.bind(…)`: `f`, the function it binds (wrappers skipped); any other node as it is, wrappers skipped. */
export function skipBind(node: TSESTree.Node): TSESTree.Node {
  const value = skipExpressionWrappers(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return value;
  const callee = skipExpressionWrappers(value.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'bind' ? skipExpressionWrappers(callee.object) : value;
}

/** The identifier a value (at `position`, its outermost wrapper) is given to: `const name = value` or `name = value`. */
export function getHoldingIdentifier(position: TSESTree.Node): TSESTree.Identifier | null {
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position) return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : null;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.right !== position) return null;
  return parent.left.type === AST_NODE_TYPES.Identifier ? parent.left : null;
}

/** The outermost wrapper around `node` (the node whose parent is the real syntactic context). */
export function getOutermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && TYPE_WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** The value of a string literal or a template literal without expressions. */
export function getStaticString(node: TSESTree.Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

type KeyedNode =
  | TSESTree.MemberExpression
  | TSESTree.Property
  | TSESTree.MethodDefinition
  | TSESTree.PropertyDefinition
  | TSESTree.TSAbstractMethodDefinition
  | TSESTree.TSAbstractPropertyDefinition;

/** The name of a member access or a property key when it is known without running the code. */
export function getStaticPropertyName(node: KeyedNode): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  }
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return getStaticString(key);
}

/**
 * The name a function goes by: the key of the method or property it is the value of (`destroy() {}`, `destroy:
 * function destroy$1() {}`, `close = () => {}`), else its own name, the variable it initialises, or the member it is
 * assigned to (`Foo.prototype.stop = function () {}`). Null for anonymous callbacks.
 */
export function getFunctionName(fn: FunctionNode): string | null {
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === position) {
    return getStaticPropertyName(parent);
  }
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === position && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return getStaticPropertyName(parent.left);
  }
  return null;
}

/** `a.b(...)` → the member expression `a.b`, after wrappers; null for other callees. */
export function getCalleeMember(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.MemberExpression | null {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee : null;
}

/**
 * The name an expression ends in, after wrappers: `name` for an identifier, the static property name of a member
 * (`b` of `a.b`, `b` of `a["b"]`); null for anything else.
 */
export function getTrailingName(node: TSESTree.Node): string | null {
  const value = skipExpressionWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(value);
  return null;
}

/**
 * A chain of static member accesses split into what it starts from and the names after it: `this.driver.send` gives
 * `this` and `["driver", "send"]`, after wrappers; null when a link is computed, or the chain is longer than
 * `maxLinks` (the start is then still a member expression).
 */
export function getStaticMemberPath(raw: TSESTree.Node, maxLinks: number): { readonly start: TSESTree.Node; readonly path: readonly string[] } | null {
  const path: string[] = [];
  let node = skipExpressionWrappers(raw);
  for (let step = 0; step < maxLinks && node.type === AST_NODE_TYPES.MemberExpression; step++) {
    const name = getStaticPropertyName(node);
    if (name === null) return null;
    path.unshift(name);
    node = skipExpressionWrappers(node.object);
  }
  return { start: node, path };
}

/** The static name of the method called by `a.b(...)`, or null. */
export function getCalledMethodName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const member = getCalleeMember(call);
  return member ? getStaticPropertyName(member) : null;
}

/**
 * The property `identifier` is read through as a plain value (`stream.id`, `res.statusCode`): the object of a
 * non-computed member that is neither called as a method nor written. Null for any other use of the identifier.
 */
export function getPlainPropertyRead(identifier: TSESTree.Identifier): { readonly member: TSESTree.MemberExpression; readonly name: string } | null {
  const use = getOutermostWrapper(identifier);
  const member = use.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use) return null;
  const name = getStaticPropertyName(member);
  if (name === null) return null;
  const position = getOutermostWrapper(member);
  const outer = position.parent;
  if (outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === position) return null;
  if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === position) return null;
  return { member, name };
}

/** The argument position of `node` in its parent call, or -1. `node` may be wrapped in TS-only syntax. */
export function getArgumentIndex(node: TSESTree.Node): number {
  const outer = getOutermostWrapper(node);
  const parent = outer.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return -1;
  return parent.arguments.indexOf(outer as TSESTree.CallExpressionArgument);
}

/** A short, single-line rendering of source text for messages. */
export function shortText(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * Short renderings of two texts that a message names side by side, which stay distinct when the texts are:
 * where both start alike (`fetchForwardedRequest(server, '1.1.1.1')` and `…('2.2.2.2')`), the shared start
 * is elided so the part that differs shows.
 */
export function distinctShortTexts(first: string, second: string, max = 40): [string, string] {
  const a = first.replace(/\s+/g, ' ').trim();
  const b = second.replace(/\s+/g, ' ').trim();
  const shortA = shortText(a, max);
  const shortB = shortText(b, max);
  if (shortA !== shortB || a === b) return [shortA, shortB];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  // keep a little context before the difference
  const from = Math.max(0, common - 8);
  return [shortText(`…${a.slice(from)}`, max), shortText(`…${b.slice(from)}`, max)];
}

const FALLBACK_SKIP_KEYS: ReadonlySet<string> = new Set(['parent', 'range', 'loc', 'type', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);

/**
 * Visits the child nodes of `node`, by the visitor keys of the parser that produced it (typescript-eslint's
 * when `sourceCode` is not given); for a node type no keys list, by its own properties.
 */
export function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node) => void, sourceCode?: Readonly<TSESLint.SourceCode>): void {
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeysOf(node, sourceCode)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

/**
 * Pushes the child nodes of `node` (those {@link forEachChild} visits) onto `stack`, last first, so that
 * popping the stack visits them in source order. For depth-first walks without a callback or an array per node.
 */
export function pushChildrenLastFirst(node: TSESTree.Node, stack: TSESTree.Node[], sourceCode?: Readonly<TSESLint.SourceCode>): void {
  const record = node as unknown as Record<string, unknown>;
  const keys = childKeysOf(node, sourceCode);
  for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
    const value = record[keys[keyIndex] as string];
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const item: unknown = value[index];
        if (isNode(item)) stack.push(item);
      }
    } else if (isNode(value)) {
      stack.push(value);
    }
  }
}

/** True when `predicate` holds for a child node of `node` (the children {@link forEachChild} visits); stops at the first. */
export function someChild(node: TSESTree.Node, predicate: (child: TSESTree.Node) => boolean, sourceCode?: Readonly<TSESLint.SourceCode>): boolean {
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeysOf(node, sourceCode)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item) && predicate(item)) return true;
    } else if (isNode(value) && predicate(value)) {
      return true;
    }
  }
  return false;
}

/**
 * True when `matches` holds for `root` or a node inside it, looking inside a node only when `descend` allows
 * (not inside nested functions, say); `matches` is asked first. A stack, not recursion: code can nest deeper
 * than the call stack.
 */
export function someNodeWithin(root: TSESTree.Node, matches: (node: TSESTree.Node) => boolean, descend: (node: TSESTree.Node) => boolean): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (matches(node)) return true;
    if (descend(node)) pushChildrenLastFirst(node, stack);
  }
  return false;
}

function childKeysOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode> | undefined): readonly string[] {
  return (sourceCode?.visitorKeys ?? typescriptVisitorKeys)[node.type] ?? Object.keys(node).filter((key) => !FALLBACK_SKIP_KEYS.has(key));
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const WALK_SKIPPED_KEYS: ReadonlySet<string> = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType']);

/**
 * Pre-order walk over the children of `node` (and `node` itself), in source order; `visit` returns false to
 * skip a subtree. A stack, not recursion: expressions can nest deeper than the call stack.
 */
export function walk(node: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as TSESTree.Node;
    if (!visit(current)) continue;
    const record = current as unknown as Record<string, unknown>;
    const keys = Object.keys(current);
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
      const key = keys[keyIndex] as string;
      if (WALK_SKIPPED_KEYS.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) {
        for (let index = value.length - 1; index >= 0; index--) {
          const item: unknown = value[index];
          if (isNode(item)) stack.push(item);
        }
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

/** The statements a block holds, in order: a `BlockStatement`, the `Program`, a class `StaticBlock` or a `SwitchCase`; null for other nodes. */
export function getStatementList(block: TSESTree.Node): readonly TSESTree.Node[] | null {
  switch (block.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return block.body;
    case AST_NODE_TYPES.SwitchCase:
      return block.consequent;
    default:
      return null;
  }
}

/** True for functions (not the function `root` itself): used to stop walks at nested function boundaries. */
export function isNestedFunction(node: TSESTree.Node, root: TSESTree.Node): boolean {
  return node !== root && (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody);
}

/**
 * Calls `visit` on each `return` inside `node`, outside nested functions and classes, in source order, until
 * it returns true; true when it did. (A stack, not recursion: blocks can nest deeper than the call stack.)
 */
export function someOwnReturn(node: TSESTree.Node, visit: (statement: TSESTree.ReturnStatement) => boolean): boolean {
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as TSESTree.Node;
    if (current.type === AST_NODE_TYPES.ReturnStatement) {
      if (visit(current)) return true;
      continue;
    }
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.ClassBody) continue;
    const record = current as unknown as Record<string, unknown>;
    for (let keyIndex = STATEMENT_CHILD_KEYS.length - 1; keyIndex >= 0; keyIndex--) {
      const child = record[STATEMENT_CHILD_KEYS[keyIndex] as string];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const item: unknown = child[index];
          if (isStatementLike(item)) stack.push(item);
        }
      } else if (isStatementLike(child)) {
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * True when `body` has an own `return` (outside nested functions) and every one hands back a value `accepts` takes; a
 * bare `return;` does not count as one. At most `limit` returns are looked at (more: false).
 */
export function everyOwnReturnIs(body: TSESTree.Node, accepts: (value: TSESTree.Expression) => boolean, limit = 32): boolean {
  let count = 0;
  const other = someOwnReturn(body, (statement) => ++count > limit || statement.argument === null || !accepts(statement.argument));
  return !other && count > 0;
}

function isStatementLike(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/** Keys of statements that may contain other statements (expressions cannot contain a `return`). */
const STATEMENT_CHILD_KEYS = ['body', 'consequent', 'alternate', 'block', 'handler', 'finalizer', 'cases'] as const;

/**
 * The `implements` clauses of a class. ESLint's default parser (espree) writes no `implements` field at all, so the
 * field typescript-eslint's types promise may be missing.
 */
export function getImplementsClauses(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): readonly TSESTree.TSClassImplements[] {
  return (node as { implements?: TSESTree.TSClassImplements[] }).implements ?? [];
}

/**
 * The outermost expression of a condition that `node` is an operand of, climbing through `!` and `&&`/`||` (and `??`
 * unless `throughNullish` is false): `!a || b` for `a`. `node` itself when it is no such operand.
 */
export function getConditionRoot(node: TSESTree.Node, throughNullish = true): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    const climbs =
      (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && (throughNullish || parent.operator !== '??'));
    if (!climbs) break;
    current = parent;
  }
  return current;
}

/** `node` is the test of an `if`, a `while`, `do` or `for` loop, or a conditional expression. */
export function isConditionTest(node: TSESTree.Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node;
    default:
      return false;
  }
}

/** `null`, `undefined` or `void …`: a value that is nothing. */
export function isNullishValue(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

/** `console.log(…)` and the like: diagnostic output, not work anyone waits for and not worth calling "can throw". */
export function isConsoleCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'console';
}

/** Whether `node` lies inside `outer`'s source range (or is `outer`). */
export function isWithin(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** A function literal passed to a call (`fs.writeFile(file, data, (err) => …)`), not one stored or returned. */
export function isCallbackArgument(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(fn as TSESTree.CallExpressionArgument);
}
