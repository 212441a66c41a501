import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { isGlobalName } from '../modules/moduleBindings';

/** The `new Promise(executor)` whose executor is `fn` (the global `Promise`, not one the file declares), or null. */
export function getExecutorPromise(sourceCode: SourceCode, fn: FunctionNode): TSESTree.NewExpression | null {
  const position = getOutermostWrapper(fn);
  const promise = position.parent;
  if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== position) return null;
  return isGlobalName(sourceCode, promise.callee, 'Promise') ? promise : null;
}
