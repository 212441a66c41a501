import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './nodeTypes';

/** The names a parameter or a declaration's pattern binds: `x`, `{ a, b }`, `[first]`, `x = 1` (patterns nest: a stack, not recursion). */
export function getPatternNames(parameter: TSESTree.Node | null | undefined): Set<string> {
  const names = new Set<string>();
  const stack: (TSESTree.Node | null | undefined)[] = [parameter];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        names.add(node.name);
        break;
      case AST_NODE_TYPES.AssignmentPattern:
        stack.push(node.left);
        break;
      case AST_NODE_TYPES.ArrayPattern:
        stack.push(...node.elements);
        break;
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of node.properties) stack.push(property.type === AST_NODE_TYPES.Property ? property.value : property.argument);
        break;
      case AST_NODE_TYPES.RestElement:
        stack.push(node.argument);
        break;
      case AST_NODE_TYPES.TSParameterProperty:
        stack.push(node.parameter);
        break;
      default:
        break;
    }
  }
  return names;
}
