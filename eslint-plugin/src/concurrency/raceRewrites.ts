import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getAwaitedValue, isAwaitNode } from '../core/compiledAsync';
import { type FunctionNode, getEnclosingFunction, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { ASTUtils } from '../core/astUtils';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findVariableOf, getScopeOf } from '../core/scope';
import { getThisClass } from '../core/thisBinding';
import { getPromiseKind } from '../promises/promiseInference';
import type { Race } from './racesAcrossAwait';
import { stateText } from './sharedState';

/** A rewrite of the source: replace `range` with `text`. */
export interface RaceRewrite {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * `state += await op;` → `const value = await op;` then `state += value;`: the state is read and written
 * in one step after the `await`, so an update made meanwhile is kept. Offered only when moving the `await`
 * before the rest of the statement reorders nothing but plain reads (no calls, no assignments), the `await`
 * runs on every path of the statement, and the statement sits in a block (where a declaration may go). In a compiled
 * `async` function the moved await is its `yield`, as written.
 */
export function buildAwaitFirstRewrite(sourceCode: SourceCode, race: Race): RaceRewrite | null {
  if (race.kind !== 'read-modify-write' || race.write.type !== AST_NODE_TYPES.AssignmentExpression) return null;
  const statement = race.write.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || (statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.SwitchCase)) {
    return null;
  }
  const awaited = race.awaitNode;
  if (!isUnconditional(awaited, statement) || !onlyPlainReadsBefore(statement, awaited) || countAwaits(statement) !== 1) return null;
  if (sourceCode.getCommentsInside(statement).length > 0 || readsState(sourceCode, getAwaitedValue(awaited), race.state.text)) return null;
  const name = freeName(sourceCode, statement, ['value', 'awaited', 'result']);
  if (name === null) return null;
  const indent = indentationOf(sourceCode, statement);
  const outer = ASTUtils.isParenthesized(awaited, sourceCode) ? [sourceCode.getTokenBefore(awaited)!.range[0], sourceCode.getTokenAfter(awaited)!.range[1]] : awaited.range;
  const text = sourceCode.text;
  const rest = text.slice(statement.range[0], outer[0]) + name + text.slice(outer[1], statement.range[1]);
  return { range: statement.range, text: `const ${name} = ${sourceCode.getText(awaited)};\n${indent}${rest}` };
}

/**
 * `if (!client) { client = await connect(); }` → `client ??= connect().catch((error) => { client = undefined; throw error; });`:
 * overlapping calls share one pending promise, and a failure clears it so that the next call tries again.
 * Offered only where nothing else can see the change of what the state holds (a promise instead of its
 * value): a module `let` or a `#private` field without a type annotation, every other use of which is
 * `return state` or `await state` in this function; and only for a promise by the shared inference (or types).
 */
export function buildPromiseCacheRewrite(context: AnyRuleContext, race: Race): RaceRewrite | null {
  // a write in another method (`race.writer`) is not rewritten from here
  if (race.kind !== 'lazy-init' || race.writer || race.write.type !== AST_NODE_TYPES.AssignmentExpression) return null;
  const sourceCode = context.sourceCode;
  const write = race.write;
  if (skipExpressionWrappers(write.right) !== race.awaitNode) return null;
  // compiled code (a `yield` of `__awaiter`'s generator) targets a runtime older than `??=`: no rewrite there
  if (race.awaitNode.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const replaced = statementToReplace(sourceCode, write);
  if (!replaced || sourceCode.getCommentsInside(replaced).length > 0) return null;
  const operation = skipExpressionWrappers(race.awaitNode.argument);
  if (getPromiseKind(context, operation) !== 'promise') return null;
  const stateNode = skipExpressionWrappers(write.left);
  const uses = usesOfPrivateState(sourceCode, stateNode);
  if (!uses) return null;
  const fn = race.functionNode;
  const ownUses = (use: TSESTree.Node): boolean => (use.range[0] >= replaced.range[0] && use.range[1] <= replaced.range[1]) || isReturnedOrAwaitedIn(use, fn);
  if (!uses.every(ownUses)) return null;
  const state = sourceCode.getText(stateNode);
  const operationText = operation.type === AST_NODE_TYPES.CallExpression ? sourceCode.getText(operation) : `(${sourceCode.getText(operation)})`;
  const indent = indentationOf(sourceCode, replaced);
  return {
    range: replaced.range,
    text: `${state} ??= ${operationText}.catch((error) => {\n${indent}  ${state} = undefined;\n${indent}  throw error;\n${indent}});`,
  };
}

/** The statement the rewrite replaces: `if (!state) { state = await op; }` (one statement, no `else`), or `state ??= await op;`. */
function statementToReplace(sourceCode: SourceCode, write: TSESTree.AssignmentExpression): TSESTree.Statement | null {
  const statement = write.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  if (write.operator === '??=' || write.operator === '||=') return statement;
  if (write.operator !== '=') return null;
  const block = statement.parent;
  const guard = block.type === AST_NODE_TYPES.BlockStatement && block.body.length === 1 ? block.parent : block;
  if (guard.type !== AST_NODE_TYPES.IfStatement || guard.alternate || (guard.consequent !== block && guard.consequent !== statement)) return null;
  const test = skipExpressionWrappers(guard.test);
  const stateText = sourceCode.getText(write.left);
  const tested =
    test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!'
      ? test.argument
      : test.type === AST_NODE_TYPES.BinaryExpression && test.operator === '==' && test.right.type === AST_NODE_TYPES.Literal && test.right.value === null
        ? test.left
        : null;
  return tested && sourceCode.getText(tested) === stateText ? guard : null;
}

/**
 * Every use of a state no other module can see: a module-level `let`/`var` never exported and without a type
 * annotation, or a `#private` field of this class without one. Null for anything else.
 */
function usesOfPrivateState(sourceCode: SourceCode, state: TSESTree.Node): TSESTree.Node[] | null {
  if (state.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariableOf(sourceCode, state);
    const definition = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable') return null;
    if (variable.scope.variableScope.type !== 'module' && variable.scope.variableScope.type !== 'global') return null;
    const declaration = definition.node;
    if (declaration.parent.type !== AST_NODE_TYPES.VariableDeclaration || declaration.parent.kind === 'const' || declaration.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
    if (declaration.id.type !== AST_NODE_TYPES.Identifier || declaration.id.typeAnnotation || !isEmptyInitial(declaration.init)) return null;
    if (hasJsDocType(sourceCode, declaration.parent)) return null;
    return variable.references.filter((reference) => reference.identifier !== declaration.id).map((reference) => reference.identifier as TSESTree.Node);
  }
  if (state.type !== AST_NODE_TYPES.MemberExpression || state.object.type !== AST_NODE_TYPES.ThisExpression || state.property.type !== AST_NODE_TYPES.PrivateIdentifier) return null;
  const classNode = getThisClass(state);
  const name = state.property.name;
  const field = classNode?.body.body.find(
    (member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && member.key.type === AST_NODE_TYPES.PrivateIdentifier && member.key.name === name,
  );
  if (!classNode || !field || field.static || field.typeAnnotation || !isEmptyInitial(field.value) || hasJsDocType(sourceCode, field)) return null;
  const uses: TSESTree.Node[] = [];
  walk(classNode.body, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.property.type === AST_NODE_TYPES.PrivateIdentifier && node.property.name === name) uses.push(node);
    return true;
  });
  return uses;
}

/** A JSDoc `@type` on the declaration: a checked JavaScript project would reject a promise in it. */
function hasJsDocType(sourceCode: SourceCode, declaration: TSESTree.Node): boolean {
  return sourceCode.getCommentsBefore(declaration).some((comment) => comment.value.includes('@type'));
}

function isEmptyInitial(init: TSESTree.Expression | null): boolean {
  if (!init) return true;
  const value = skipExpressionWrappers(init);
  return (value.type === AST_NODE_TYPES.Literal && value.value === null) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
}

/** `return state` or `await state` directly in `fn`: both give the value whether `state` holds it or a promise of it. */
function isReturnedOrAwaitedIn(use: TSESTree.Node, fn: FunctionNode): boolean {
  const parent = use.parent;
  if (getEnclosingFunction(use) !== fn || !parent) return false;
  return (parent.type === AST_NODE_TYPES.ReturnStatement && parent.argument === use) || (parent.type === AST_NODE_TYPES.AwaitExpression && parent.argument === use);
}

/** No `?:`, `&&`, `||` or `??` between the `await` and the statement: it runs whenever the statement does. */
function isUnconditional(node: TSESTree.Node, statement: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== statement; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.LogicalExpression) return false;
    if (current.type === AST_NODE_TYPES.AssignmentExpression && (current.operator === '&&=' || current.operator === '||=' || current.operator === '??=')) return false;
  }
  return true;
}

/** Everything the statement evaluates before the `await` only reads (names, members, literals, operators). */
function onlyPlainReadsBefore(statement: TSESTree.Node, awaited: TSESTree.Node): boolean {
  let plain = true;
  walk(statement, (node) => {
    if (!plain || node.range[0] >= awaited.range[0] || node === awaited) return false;
    if (node.range[1] > awaited.range[0]) return true; // an ancestor of the await: look inside
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.AwaitExpression:
        plain = false;
        return false;
      case AST_NODE_TYPES.UnaryExpression:
        plain = node.operator !== 'delete';
        return plain;
      case AST_NODE_TYPES.MemberExpression:
        // a getter could run anything, but so could the read the statement already does
        return true;
      default:
        return !isFunctionNode(node);
    }
  });
  return plain;
}

/** `await reduce(this.state, action)`: the awaited operation reads the state itself, so awaiting it first fixes nothing. */
function readsState(sourceCode: SourceCode, root: TSESTree.Node, text: string): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && stateText(sourceCode, node) === text) found = true;
    return !found;
  });
  return found;
}

function countAwaits(statement: TSESTree.Node): number {
  let count = 0;
  walk(statement, (node) => {
    if (isFunctionNode(node)) return false;
    if (isAwaitNode(node)) count++;
    return true;
  });
  return count;
}

/** The first of `candidates` that names nothing visible at `at` and appears nowhere in the function around it. */
function freeName(sourceCode: SourceCode, at: TSESTree.Node, candidates: readonly string[]): string | null {
  const fn = getEnclosingFunction(at);
  const text = fn ? sourceCode.getText(fn) : sourceCode.text;
  const scope = getScopeOf(sourceCode, at);
  return candidates.find((name) => ASTUtils.findVariable(scope, name) === null && !new RegExp(`\\b${name}\\b`).test(text)) ?? null;
}

function indentationOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}
