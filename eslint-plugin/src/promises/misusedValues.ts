import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { isFunctionNode, skipExpressionWrappers } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { getNodeType, getTypedServices, unionParts } from '../core/typeInfo';
import { isPromiseLikeKind, SYMBOL_DISPOSE } from '../modules/declaredTypes';
import { resolveLocalClass } from '../modules/localFunctions';
import { rememberFileName } from '../modules/crossFile';
import { localClassSyntax, localDeclarationOf, memberKeyName } from '../modules/localTypeSyntax';
import { declaredTypeOfDeclaration } from './declaredTypeReader';
import { callbackCannotReject } from './misusedCallbacks';
import { classifyPromiseType, getCallbackPromiseKind, isAlwaysPromise } from './promiseInference';

/**
 * `{ ...promise }`: an object spread of a value that is a promise on every path. A promise has no own
 * enumerable properties, so the spread copies nothing of its result (and the promise itself is dropped).
 */
export function isSpreadOfPromise(context: AnyRuleContext, spread: TSESTree.SpreadElement): boolean {
  if (spread.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const argument = skipExpressionWrappers(spread.argument);
  if (
    argument.type !== AST_NODE_TYPES.CallExpression &&
    argument.type !== AST_NODE_TYPES.NewExpression &&
    argument.type !== AST_NODE_TYPES.Identifier &&
    argument.type !== AST_NODE_TYPES.MemberExpression
  ) {
    return false;
  }
  return isAlwaysPromise(context, spread.argument);
}

export interface AsyncSyncDispose {
  /** What to underline: the `[Symbol.dispose]` method of an object literal, else the initializer. */
  readonly node: TSESTree.Node;
  /** The async method, when it is written in the `using` declaration itself. */
  readonly method: TSESTree.Property | null;
}

/**
 * `using x = …` (not `await using`) of a value whose `[Symbol.dispose]` returns a promise: `using` calls it
 * at the end of the block and does not wait, so the disposal is not finished when the block ends and its
 * rejection goes unhandled. Without types: an object literal written there, or `new C()` of a class of this
 * file or a project file it imports.
 */
export function findAsyncSyncDispose(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator): AsyncSyncDispose | null {
  if (declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'using' || !declarator.init) return null;
  const init = skipExpressionWrappers(declarator.init);
  if (init.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of init.properties) {
      if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== SYMBOL_DISPOSE) continue;
      const value = skipExpressionWrappers(property.value);
      if ((isFunctionNode(value) || value.type === AST_NODE_TYPES.Identifier) && getCallbackPromiseKind(context, value) && !callbackCannotReject(context.sourceCode, value)) {
        return { node: property, method: property };
      }
      return null;
    }
    return null;
  }
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, declarator.init);
    if (!type) return null;
    const checker = services.program.getTypeChecker();
    for (const part of unionParts(checker.getApparentType(type))) {
      // the well-known symbol's property is named `__@dispose@<id>` by the checker
      const dispose = part.getProperties().find((property) => (property.escapedName as string).startsWith('__@dispose@'));
      if (!dispose) continue;
      const disposeType = checker.getTypeOfSymbolAtLocation(dispose, services.esTreeNodeToTSNodeMap.get(declarator.init));
      const returnsPromise = unionParts(disposeType).some((member) =>
        member.getCallSignatures().some((signature) => classifyPromiseType(services, signature.getReturnType(), declarator.init!) !== null),
      );
      if (returnsPromise) return { node: declarator.init, method: null };
    }
    return null;
  }
  if (init.type !== AST_NODE_TYPES.NewExpression) return null;
  const sourceCode = context.sourceCode;
  rememberFileName(sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const local = resolveLocalClass(sourceCode, init.callee);
  const callee = skipExpressionWrappers(init.callee);
  const declaration = local ? localClassSyntax(sourceCode, local) : callee.type === AST_NODE_TYPES.Identifier ? localDeclarationOf(sourceCode, callee, 'value') : null;
  if (declaration?.kind !== 'class') return null;
  const returns = declaredTypeOfDeclaration(declaration)?.member(SYMBOL_DISPOSE)?.callReturns();
  return returns?.some(isPromiseLikeKind) ? { node: declarator.init, method: null } : null;
}
