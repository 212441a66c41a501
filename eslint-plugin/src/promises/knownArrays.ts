import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getConstInit } from '../core/scope';
import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { isGlobalName } from '../modules/moduleBindings';
import { getWrittenElementTypes, getWrittenType } from './promiseTypes';
import { getNodeType, getTypedServices, isAnyOrUnknown, unionParts } from '../core/typeInfo';
import type { AnyRuleContext } from '../core/ruleContext';

/** Methods whose result is always a new array when called on an array or a string (`split`). */
const ARRAY_RETURNING_METHODS: ReadonlySet<string> = new Set([
  'map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toSpliced', 'split',
]);
const OBJECT_ARRAY_FUNCTIONS: ReadonlySet<string> = new Set(['keys', 'values', 'entries']);

/**
 * True when `node` is certainly an array (so rewriting `forEach` as `for…of` or `map` is exact): with
 * types, every union member is an array or tuple; without, an array literal, `Object.keys/values/entries`,
 * `Array.from/of`, the result of `map`/`filter`/…, a `const` bound to one, or an annotated array type.
 */
export function isKnownArray(context: AnyRuleContext, node: TSESTree.Node): boolean {
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, node);
    if (type && !isAnyOrUnknown(type)) {
      const checker = services.program.getTypeChecker();
      return unionParts(checker.getApparentType(type)).every((part) => checker.isArrayType(part) || checker.isTupleType(part));
    }
  }
  return isSyntacticArray(context, node, new BoundedWalk(ARRAY_LIMITS));
}

/** How far `const` aliases and `a.map(…).filter(…)` receivers are followed (`const a = b; const b = a;` ends at the cycle). */
const ARRAY_LIMITS = { maxDepth: 7 };

function isSyntacticArray(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  return walk.enter(raw, false, () => isSyntacticArrayNode(context, raw, walk));
}

function isSyntacticArrayNode(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const written = getWrittenType(context.sourceCode, node);
    if (written) return getWrittenElementTypes(context.sourceCode, written).length > 0 && written.type !== AST_NODE_TYPES.TSUnionType;
    const init = getConstInit(context.sourceCode, node);
    return init !== null && isSyntacticArray(context, init, walk);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  if (OBJECT_ARRAY_FUNCTIONS.has(method) && isGlobalName(context.sourceCode, callee.object, 'Object')) return true;
  if ((method === 'from' || method === 'of') && isGlobalName(context.sourceCode, callee.object, 'Array')) return true;
  if (!ARRAY_RETURNING_METHODS.has(method)) return false;
  if (method === 'split') return true;
  return isSyntacticArray(context, callee.object, walk);
}
