import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getThisClass } from '../core/thisBinding';

/**
 * The type name written for the receiver of a method call, without the checker: `store` in `store.load()` for a
 * parameter or variable `store: Store`; `this.users` in `this.users.save()` for a field `private users: Users` or a
 * constructor parameter property `constructor(private readonly users: Users)`. `| undefined` and `| null` are
 * looked through; null for anything else (a union of types, a generic's parameter named in place, no annotation).
 */
export function getReceiverTypeName(sourceCode: SourceCode, receiver: TSESTree.Node): TSESTree.Identifier | null {
  const annotation = receiverAnnotation(sourceCode, skipExpressionWrappers(receiver));
  return annotation ? namedType(annotation) : null;
}

function receiverAnnotation(sourceCode: SourceCode, receiver: TSESTree.Node): TSESTree.TypeNode | null {
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const name = findVariableOf(sourceCode, receiver)?.defs[0]?.name;
    return name?.type === AST_NODE_TYPES.Identifier ? (name.typeAnnotation?.typeAnnotation ?? null) : null;
  }
  if (receiver.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(receiver.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  const field = getStaticPropertyName(receiver);
  const classNode = getThisClass(receiver);
  if (field === null || !classNode) return null;
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed && getStaticPropertyName(member) === field) {
      return member.typeAnnotation?.typeAnnotation ?? null;
    }
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const parameter of member.value.params) {
      if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === field) {
        return parameter.parameter.typeAnnotation?.typeAnnotation ?? null;
      }
    }
  }
  return null;
}

/** The name a type reference is written with, past `| undefined` and `| null`. */
function namedType(type: TSESTree.TypeNode): TSESTree.Identifier | null {
  let named: TSESTree.TypeNode = type;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const parts = type.types.filter((part) => part.type !== AST_NODE_TYPES.TSUndefinedKeyword && part.type !== AST_NODE_TYPES.TSNullKeyword);
    if (parts.length !== 1 || !parts[0]) return null;
    named = parts[0];
  }
  return named.type === AST_NODE_TYPES.TSTypeReference && named.typeName.type === AST_NODE_TYPES.Identifier ? named.typeName : null;
}
