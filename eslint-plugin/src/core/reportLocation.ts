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
  const inner = skipExpressionWrappers(node);
  if (isFunctionNode(inner)) return functionHead(sourceCode, inner);
  if (node.loc.start.line === node.loc.end.line) return node.loc;
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return spanning(node.loc.start, reportLocation(sourceCode, node.callee).end);
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.ExpressionStatement:
      return reportLocation(sourceCode, node.expression);
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.UnaryExpression: {
      const head = reportLocation(sourceCode, node.argument);
      if (head.start.line === node.loc.start.line) return spanning(node.loc.start, head.end);
      const keyword = sourceCode.getFirstToken(node);
      return keyword ? keyword.loc : node.loc;
    }
    default:
      return node.loc;
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
