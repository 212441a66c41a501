import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getTrailingName, isFunctionNode, skipExpressionWrappers, someOwnReturn } from '../core/ast';
import { getCompiledBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';

/**
 * `await createNewSession(this);` as a statement, where `createNewSession` is a function of the file that makes a
 * session, connection or client (every value it returns is `new QldbSession(…)`, a class named for one) and hands it
 * back: the statement drops it, so nothing can ever close it, and what it holds (a server-side session, a socket)
 * stays open. amazon-qldb-driver-nodejs 3.0.0 replaced a dead session so and went on with `null`; 3.0.1 keeps it
 * (`session = await this.createNewSession(this)`).
 *
 * Only an awaited call (`await`, or a compiled `yield` of `__awaiter`) as a statement, in a file that awaits a call
 * named for making something (`create…`, `open…`, `new…`, `make…`, `start…`), of a function or method the file
 * defines (also a compiled `async` one), every one of whose returns is a `new` of a class whose name ends with a
 * resource's noun ({@link RESOURCE_CLASS}); a function that also keeps what it makes (a pool's `push`) returns it too,
 * so the file's other calls that keep the result say nothing, and only the return is read.
 */
export interface DroppedCreation {
  readonly statement: TSESTree.ExpressionStatement;
  /** The callee as written. */
  readonly callee: string;
  /** The class it makes. */
  readonly made: string;
}

/** The last word of a class that holds something open. */
const RESOURCE_CLASS = /(?:Session|Connection|Client|Socket|Channel|Browser|Pool|Server|Watcher|Worker|Subscription)$/;

/** The cheap test of a file's text: an awaited call named for making something (`createNewSession(`, `openConnection(`). */
export function mayDropCreations(text: string): boolean {
  return /(?:await|yield)\s+[\w$.]*(?:create|open|new|make|start)\w*\(/i.test(text);
}

export function findDroppedCreation(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement): DroppedCreation | null {
  const awaited = skipExpressionWrappers(statement.expression);
  if (!isAwaitNode(awaited) || !awaited.argument) return null;
  const call = skipExpressionWrappers(awaited.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callees = resolveLocalCallables(sourceCode, call.callee).filter(isFunctionNode);
  if (callees.length === 0) return null;
  let made: string | null = null;
  for (const callee of callees) {
    const found = madeResource(callee);
    if (found === null) return null;
    made ??= found;
  }
  return made === null ? null : { statement, callee: sourceCode.getText(call.callee), made };
}

/** The class every return of `fn` (or of its compiled body) makes with `new`, when it is named for a resource. */
function madeResource(fn: FunctionNode): string | null {
  const body = getCompiledBody(fn) ?? fn;
  if (body.body.type !== AST_NODE_TYPES.BlockStatement) return classMade(body.body);
  let made: string | null = null;
  let returns = 0;
  const other = someOwnReturn(body.body, (statement) => {
    returns++;
    const name = statement.argument ? classMade(statement.argument) : null;
    if (name === null) return true;
    made ??= name;
    return false;
  });
  return other || returns === 0 ? null : made;
}

/** `new QldbSession_1.QldbSession(…)`: `QldbSession`, when the name ends with a resource's noun. */
function classMade(raw: TSESTree.Node): string | null {
  const value = skipExpressionWrappers(raw);
  if (value.type !== AST_NODE_TYPES.NewExpression) return null;
  const name = getTrailingName(skipExpressionWrappers(value.callee));
  return name !== null && RESOURCE_CLASS.test(name) ? name : null;
}
