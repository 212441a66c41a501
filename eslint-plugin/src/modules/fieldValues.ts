import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, pushChildrenLastFirst, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getVariableWrites } from '../core/scope';
import { mayContainThis } from '../core/textWords';
import { getThisClass } from '../core/thisBinding';

/**
 * The value of `this.pool` where `this` is an instance of a class of this file whose only write of `pool` is a
 * field initializer or one assignment at the top of the constructor: that expression, else null.
 */
export function getThisFieldInit(sourceCode: SourceCode, member: TSESTree.MemberExpression): TSESTree.Expression | null {
  if (skipExpressionWrappers(member.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = getStaticPropertyName(member);
  if (name === null) return null;
  const classNode = getThisClass(member);
  return classNode ? (getFieldWrites(sourceCode, classNode.body).get(name) ?? null) : null;
}

const fieldWritesCache = createFileCache<TSESTree.ClassBody, ReadonlyMap<string, TSESTree.Expression | null>>();

/**
 * Every written `this.x` field of a class, with its initializer when it is written exactly once, by a field
 * initializer or a plain `this.x = …;` statement at the top of the constructor; null when it is written more
 * than once or in any other way (another method, inside a condition, compound). One walk per class, cached.
 */
function getFieldWrites(sourceCode: SourceCode, classBody: TSESTree.ClassBody): ReadonlyMap<string, TSESTree.Expression | null> {
  const cache = fieldWritesCache(sourceCode);
  const cached = cache.get(classBody);
  if (cached) return cached;
  const fields = new Map<string, TSESTree.Expression | null>();
  const record = (name: string, init: TSESTree.Expression | null): void => {
    fields.set(name, fields.has(name) ? null : init);
  };
  for (const element of classBody.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
      const name = getStaticPropertyName(element);
      if (name !== null) record(name, element.value);
    }
    if (element.type !== AST_NODE_TYPES.MethodDefinition || !element.value.body) continue;
    const body = element.value.body;
    const isConstructor = element.kind === 'constructor';
    const stack: TSESTree.Node[] = [body];
    while (stack.length > 0) {
      const node = stack.pop() as TSESTree.Node;
      if (!mayContainThis(sourceCode, node)) continue; // most statements of a method never say `this`
      if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        node.left.object.type === AST_NODE_TYPES.ThisExpression
      ) {
        const name = getStaticPropertyName(node.left);
        if (name !== null) {
          const plain = isConstructor && node.operator === '=' && node.parent.type === AST_NODE_TYPES.ExpressionStatement && node.parent.parent === body;
          record(name, plain ? node.right : null);
        }
      }
      pushChildrenLastFirst(node, stack, sourceCode);
    }
  }
  cache.set(classBody, fields);
  return fields;
}

const fieldValuesCache = createFileCache<TSESTree.ClassBody, ReadonlyMap<string, readonly TSESTree.Expression[]>>();

/**
 * Every value `this.x` is given in the class of `member` (a `this.x` of a class of this file): field initializers
 * (static ones too) and plain `this.x = …` assignments anywhere in the class, callbacks included
 * (`.then((connection) => { this.connection = connection; })`). Compound assignments are not values. Empty when the
 * class never writes the field; one walk per class, cached.
 */
export function getThisFieldValues(sourceCode: SourceCode, member: TSESTree.MemberExpression): readonly TSESTree.Expression[] {
  if (skipExpressionWrappers(member.object).type !== AST_NODE_TYPES.ThisExpression) return [];
  const name = getStaticPropertyName(member);
  const classNode = name === null ? null : getThisClass(member);
  if (name === null || !classNode) return [];
  const cache = fieldValuesCache(sourceCode);
  let values = cache.get(classNode.body);
  if (!values) {
    const found = new Map<string, TSESTree.Expression[]>();
    const add = (field: string, value: TSESTree.Expression): void => {
      const list = found.get(field);
      if (list) list.push(value);
      else found.set(field, [value]);
    };
    walk(classNode.body, (node) => {
      if (node.type === AST_NODE_TYPES.PropertyDefinition && node.value && !node.computed) {
        const field = getStaticPropertyName(node);
        if (field !== null) add(field, node.value);
      }
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const target = node.left;
        const field = getStaticPropertyName(target);
        if (field !== null && skipExpressionWrappers(target.object).type === AST_NODE_TYPES.ThisExpression) add(field, node.right);
      }
      return true;
    });
    values = found;
    cache.set(classNode.body, values);
  }
  return values.get(name) ?? [];
}

/**
 * The values the file writes to what `node` names: a variable's initializers and assignments (`getVariableWrites`), or
 * the values of a `this.x` field ({@link getThisFieldValues}); none for anything else.
 */
export function getWrittenValues(sourceCode: SourceCode, node: TSESTree.Node): readonly TSESTree.Expression[] {
  if (node.type === AST_NODE_TYPES.Identifier) return getVariableWrites(sourceCode, node);
  return node.type === AST_NODE_TYPES.MemberExpression ? getThisFieldValues(sourceCode, node) : [];
}
