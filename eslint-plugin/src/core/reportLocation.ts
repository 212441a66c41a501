import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, skipExpressionWrappers } from './ast';
import { AST_NODE_TYPES } from './nodeTypes';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Where a report underlines: the smallest part of `node` that names the problem, so that a squiggle
 * never covers (and hides) the code inside it.
 * - a function: its head, from its start to its `=>` or the `)` before its body (`async (req, res) =>`);
 * - a call or `new` that spans lines: up to the end of its callee (`fs.readFileSync`, `fetch(url)\n.then`);
 * - an expression statement, `await` or `void` that spans lines: the head of what it holds (with the
 *   `await`/`void` when that head starts on its line);
 * - anything else, and any of these on one line: the node itself.
 * The start is always the node's start, so `eslint-disable-next-line` comments keep their meaning.
 */
export function reportLocation(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.SourceLocation {
  // Down to the part that names the problem (a loop: code nests deeper than the call stack), then back up.
  const outer: TSESTree.Node[] = [];
  let current = node;
  let location: TSESTree.SourceLocation;
  for (;;) {
    const inner = skipExpressionWrappers(current);
    const head = isFunctionNode(inner) || current.loc.start.line === current.loc.end.line ? undefined : headOf(current);
    if (!head) {
      location = isFunctionNode(inner) ? functionHead(sourceCode, inner) : current.loc;
      break;
    }
    outer.push(current);
    current = head;
  }
  for (let index = outer.length - 1; index >= 0; index--) location = around(sourceCode, outer[index]!, location);
  return location;
}

/** The part of a node that spans lines whose head names it: a call's callee, what a statement, `await` or `void` holds. */
function headOf(node: TSESTree.Node): TSESTree.Node | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return node.callee;
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.ExpressionStatement:
      return node.expression;
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return node.argument;
    default:
      return undefined;
  }
}

/** Where `node` is reported, given where its head (`headOf`) is. */
function around(sourceCode: SourceCode, node: TSESTree.Node, head: TSESTree.SourceLocation): TSESTree.SourceLocation {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return spanning(node.loc.start, head.end);
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.UnaryExpression: {
      if (head.start.line === node.loc.start.line) return spanning(node.loc.start, head.end);
      const keyword = sourceCode.getFirstToken(node);
      return keyword ? keyword.loc : node.loc;
    }
    default:
      return head;
  }
}

/** `async function name(a, b)`, `async (req, res) =>`, `async x =>`: the function up to its body. */
function functionHead(sourceCode: SourceCode, fn: TSESTree.FunctionLike | TSESTree.ArrowFunctionExpression): TSESTree.SourceLocation {
  const body = fn.body;
  if (!body) return fn.loc;
  // `async () => (expr)`: the token before the body is the `(` around it; the head ends at the arrow.
  const end =
    fn.type === AST_NODE_TYPES.ArrowFunctionExpression
      ? sourceCode.getTokenBefore(body, { filter: (token) => token.value === '=>' })
      : sourceCode.getTokenBefore(body);
  if (!end || end.range[1] <= fn.range[0]) return fn.loc;
  return spanning(fn.loc.start, end.loc.end);
}

function spanning(start: TSESTree.Position, end: TSESTree.Position): TSESTree.SourceLocation {
  return { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } };
}
