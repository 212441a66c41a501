import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { firstNodeFrom, firstStartingFrom, type FunctionNode, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { findVariableOf } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/**
 * The most characters one suggestion may span. ESLint keeps a suggestion's edits as one replacement of all the
 * text between them, so a suggestion that rewrites a declaration and a release 2,000 lines below carries those
 * 2,000 lines; a function holding thousands of resources released at its end made hundreds of megabytes of
 * suggestion text (the square of its size). A rewrite that large is better done by hand: the report still says
 * how, and no suggestion is offered. About 500 lines of code.
 */
export const MAX_SUGGESTION_SPAN = 20_000;

/** True when a suggestion that edits from `start` to `end` would span more than {@link MAX_SUGGESTION_SPAN}. */
export function isTooLongToRewrite(start: number, end: number): boolean {
  return end - start > MAX_SUGGESTION_SPAN;
}

/** A declaration `const h = …;` that a suggestion may rewrite: alone in its declaration, directly in a block. */
export interface RewritableDeclaration {
  readonly declaration: TSESTree.VariableDeclaration;
  readonly id: TSESTree.Identifier;
  readonly block: TSESTree.BlockStatement;
}

export function getRewritableDeclaration(declarator: TSESTree.VariableDeclarator): RewritableDeclaration | null {
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const block = declaration.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return null;
  return { declaration, id: declarator.id, block };
}

/**
 * The statement `release;` / `await release;` / `void release;` that is a direct child of `block` after `after`,
 * and holds exactly `release`: the one a suggestion can move or drop. Null otherwise.
 */
export function getStandaloneReleaseStatement(
  block: TSESTree.BlockStatement,
  after: TSESTree.Node,
  release: TSESTree.Node,
): TSESTree.ExpressionStatement | null {
  // The statement that holds the release: the last one that starts at or before it (found by binary search).
  const statement = block.body[firstNodeFrom(block.body, release.range[0] + 1) - 1];
  if (!statement || statement.range[0] < after.range[1] || statement.range[1] < release.range[1]) return null;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  let expression: TSESTree.Node = skipExpressionWrappers(statement.expression);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipExpressionWrappers(expression.argument);
  else if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') expression = skipExpressionWrappers(expression.argument);
  return expression === release ? statement : null;
}

/** True when no statement of `block` after `statement` mentions the variable of `id`. */
export function isLastUseOf(sourceCode: SourceCode, id: TSESTree.Identifier, statement: TSESTree.Node): boolean {
  const variable = findVariableOf(sourceCode, id);
  if (!variable) return false;
  return variable.references.every((reference) => reference.identifier.range[0] < statement.range[1]);
}

/** Removes a statement together with the whitespace (and line break) before it. */
export function removeStatement(sourceCode: SourceCode, fixer: Fixer, statement: TSESTree.Node): Fix {
  const before = sourceCode.getTokenBefore(statement, { includeComments: true });
  return fixer.removeRange([before ? before.range[1] : statement.range[0], statement.range[1]]);
}

/** `const h = …` → `await using h = …` (the keyword token replaced). */
export function replaceDeclarationKeyword(sourceCode: SourceCode, fixer: Fixer, declaration: TSESTree.VariableDeclaration, keyword: string): Fix | null {
  const first = sourceCode.getFirstToken(declaration);
  if (!first || (first.value !== 'const' && first.value !== 'let')) return null;
  return fixer.replaceText(first, keyword);
}

function lineIndent(sourceCode: SourceCode, line: number): string {
  return /^[ \t]*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/**
 * Wraps the statements of `block` after `declaration` in `try { … } finally { <releaseText> }`, dropping
 * `moved` (an existing release statement) from the wrapped code. Null when that would change which code sees
 * a declaration (a name declared in the wrapped code used outside it) or the layout is unusual.
 */
export function buildTryFinallyFix(
  sourceCode: SourceCode,
  target: RewritableDeclaration,
  releaseText: string,
  moved: TSESTree.Statement | null,
  awaitInserts: readonly number[],
): ((fixer: Fixer) => Fix) | null {
  const { declaration, block } = target;
  // Statements by index, found by binary search: a block of thousands of statements is not copied or searched
  // once per resource declared in it.
  const statements = block.body;
  const firstIndex = indexOfStatement(statements, declaration) + 1;
  let lastIndex = statements.length - 1;
  if (moved) {
    // What follows the release may depend on it having happened (a rename after a close, a read after a flush):
    // then the try block ends where the release was, and those statements stay after the `finally`.
    const movedIndex = indexOfStatement(statements, moved);
    if (movedIndex < firstIndex) return null;
    if (getNextObservingStatement(sourceCode, block)[movedIndex + 1] !== statements.length) lastIndex = movedIndex;
  }
  const first = statements[firstIndex];
  const last = statements[lastIndex];
  if (firstIndex === 0 || !first || !last || lastIndex < firstIndex || isTooLongToRewrite(first.range[0], last.range[1])) return null;
  const wrapped = statements.slice(firstIndex, lastIndex + 1).filter((statement) => statement !== moved);
  if (wrapped.length === 0) return null;
  const indent = lineIndent(sourceCode, declaration.loc.start.line);
  if (sourceCode.lines[declaration.loc.start.line - 1]?.slice(0, declaration.loc.start.column).trim() !== '') return null;
  if (sourceCode.lines[first.loc.start.line - 1]?.slice(0, first.loc.start.column).trim() !== '') return null;
  if (!declarationsStayInside(sourceCode, wrapped, first.range[0], last.range[1])) return null;

  const blockIndent = lineIndent(sourceCode, block.loc.start.line);
  const unit = indent.startsWith(blockIndent) && indent.length > blockIndent.length ? indent.slice(blockIndent.length) : '  ';
  const start = first.range[0];
  const end = last.range[1];
  let cut: readonly [number, number] | null = null;
  if (moved) {
    const before = sourceCode.getTokenBefore(moved, { includeComments: true });
    const cutStart = moved === first ? moved.range[0] : (before?.range[1] ?? moved.range[0]);
    let cutEnd = moved.range[1];
    if (moved === first) {
      const after = sourceCode.getTokenAfter(moved, { includeComments: true });
      cutEnd = after ? after.range[0] : cutEnd;
    }
    cut = [cutStart, cutEnd];
  }
  const text = sliceWithEdits(sourceCode.text, start, end, cut, awaitInserts.map((at) => ({ at, text: 'await ' })));
  const reindent = !spansMultilineTemplate(sourceCode, wrapped);
  const lines = text.split('\n').map((line, lineIndex) => {
    if (lineIndex === 0) return `${indent}${unit}${line}`;
    return reindent && line.trim() !== '' ? `${unit}${line}` : line;
  });
  const replacement = `try {\n${lines.join('\n')}\n${indent}} finally {\n${indent}${unit}${releaseText}\n${indent}}`;
  return (fixer) => fixer.replaceTextRange([start, end], replacement);
}

/** `text[start, end)` with one range cut out and texts inserted at offsets (all in original coordinates). */
function sliceWithEdits(
  text: string,
  start: number,
  end: number,
  cut: readonly [number, number] | null,
  inserts: readonly { at: number; text: string }[],
): string {
  const points = [...inserts].filter((insert) => insert.at >= start && insert.at <= end && !(cut && insert.at >= cut[0] && insert.at < cut[1]));
  points.sort((a, b) => a.at - b.at);
  let result = '';
  let position = start;
  const copyTo = (limit: number): void => {
    if (cut && position < cut[1] && limit > cut[0]) {
      result += text.slice(position, Math.max(position, cut[0]));
      position = Math.max(position, cut[1]);
    }
    if (limit > position) result += text.slice(position, limit);
    position = Math.max(position, limit);
  };
  for (const point of points) {
    copyTo(point.at);
    result += point.text;
  }
  copyTo(end);
  return result;
}

/**
 * Return statements after `after` (a statement of `block`) in `block` (not in nested functions) whose value is a
 * call: the candidates for `return await …`, without which a `finally` or `await using` would release the
 * resource before the returned promise settles. The block is walked once per file, not once per resource in it.
 */
export function getReturnedCalls(sourceCode: SourceCode, block: TSESTree.BlockStatement, after: TSESTree.Node): readonly TSESTree.Expression[] {
  const cache = returnedCallsCache(sourceCode);
  let returned = cache.get(block);
  if (!returned) {
    returned = collectReturnedCalls(block);
    cache.set(block, returned);
  }
  // In source order: the first one after `after`, by binary search.
  return returned.slice(firstStartingFrom(returned, after.range[1], (call) => call.statementStart)).map((call) => call.argument);
}

interface ReturnedCall {
  readonly statementStart: number;
  readonly argument: TSESTree.Expression;
}

const returnedCallsCache = createFileCache<TSESTree.BlockStatement, readonly ReturnedCall[]>();

function collectReturnedCalls(block: TSESTree.BlockStatement): ReturnedCall[] {
  const found: ReturnedCall[] = [];
  walk(block, (node) => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type !== AST_NODE_TYPES.ReturnStatement) return true;
    const inner = node.argument ? skipExpressionWrappers(node.argument) : null;
    if (node.argument && (inner?.type === AST_NODE_TYPES.CallExpression || inner?.type === AST_NODE_TYPES.NewExpression)) {
      found.push({ statementStart: node.range[0], argument: node.argument });
    }
    return false;
  });
  return found;
}

/** The index of `statement` in `statements` (the body of its block), by binary search; -1 when it is not there. */
function indexOfStatement(statements: readonly TSESTree.Statement[], statement: TSESTree.Node): number {
  const index = firstNodeFrom(statements, statement.range[0]);
  return statements[index] === statement ? index : -1;
}

const nextObservingCache = createFileCache<TSESTree.BlockStatement, Int32Array>();

/**
 * For each index of the block's statements, the index of the first statement from there on that may observe a
 * release ({@link mayObserveRelease}), or the number of statements when none does (one more entry for the end).
 * Made once per block, from the last statement back.
 */
function getNextObservingStatement(sourceCode: SourceCode, block: TSESTree.BlockStatement): Int32Array {
  const cache = nextObservingCache(sourceCode);
  let next = cache.get(block);
  if (!next) {
    const statements = block.body;
    next = new Int32Array(statements.length + 1);
    next[statements.length] = statements.length;
    for (let index = statements.length - 1; index >= 0; index--) {
      next[index] = mayObserveRelease(statements[index] as TSESTree.Statement) ? index : (next[index + 1] as number);
    }
    cache.set(block, next);
  }
  return next;
}

/**
 * A statement that can see whether the release has happened: it calls, constructs, awaits or throws. A
 * statement that only returns or computes local values (`return first;`) cannot, and may move into the try.
 */
function mayObserveRelease(statement: TSESTree.Statement): boolean {
  let observes = false;
  walk(statement, (node) => {
    if (observes || (node !== statement && isFunctionNode(node))) return false;
    observes =
      (node.type === AST_NODE_TYPES.CallExpression && !isPureGlobalCall(node)) ||
      node.type === AST_NODE_TYPES.NewExpression ||
      node.type === AST_NODE_TYPES.AwaitExpression ||
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.TaggedTemplateExpression;
    return !observes;
  });
  return observes;
}

/** Globals that compute a value and touch nothing: `Number(x)`, `JSON.stringify(x)`, `Math.max(a, b)`. */
const PURE_GLOBALS: ReadonlySet<string> = new Set(['Number', 'String', 'Boolean', 'BigInt', 'parseInt', 'parseFloat', 'JSON', 'Math', 'Object', 'Array']);

function isPureGlobalCall(call: TSESTree.CallExpression): boolean {
  let callee: TSESTree.Node = skipExpressionWrappers(call.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression) callee = skipExpressionWrappers(callee.object);
  return callee.type === AST_NODE_TYPES.Identifier && PURE_GLOBALS.has(callee.name);
}

/** Every name declared by the wrapped statements (block-scoped ones) is used only inside them. */
function declarationsStayInside(sourceCode: SourceCode, statements: readonly TSESTree.Statement[], start: number, end: number): boolean {
  for (const statement of statements) {
    const isBlockScoped =
      (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind !== 'var') ||
      statement.type === AST_NODE_TYPES.FunctionDeclaration ||
      statement.type === AST_NODE_TYPES.ClassDeclaration;
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration) return false; // hoisted: may be called before
    if (!isBlockScoped) continue;
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      if (variable.references.some((reference) => reference.identifier.range[0] < start || reference.identifier.range[1] > end)) return false;
    }
  }
  return true;
}

function spansMultilineTemplate(sourceCode: SourceCode, statements: readonly TSESTree.Statement[]): boolean {
  return statements.some((statement) =>
    sourceCode.getTokens(statement).some((token) => token.type === 'Template' && token.loc.start.line !== token.loc.end.line),
  );
}

/** The function can contain `await` directly (so `await using` and `await x.close()` are allowed). */
export function canAwaitIn(fn: FunctionNode): boolean {
  return fn.async;
}
