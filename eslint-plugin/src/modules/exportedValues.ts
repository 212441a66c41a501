import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import type { ClassNode } from './localFunctions';

/**
 * The functions, classes and objects this file hands to other modules, so code anywhere may call them
 * (ES modules: `export function f`, `export default class`, `export { f as g }`; CommonJS:
 * `module.exports = f`, `module.exports = { f, async g() {} }`, `exports.f = …`, `module.exports = new C()`).
 * An exported object's methods are exported; an exported instance (`new C()`) exports its class's methods.
 */
export interface ExportedValues {
  /** Exported functions, and the function values of exported objects' properties. */
  readonly functions: ReadonlySet<TSESTree.Node>;
  /** Exported classes, and classes of exported instances. */
  readonly classes: ReadonlySet<ClassNode>;
}

const exportsCache = createFileCache<'exports', ExportedValues>();

/** How deep exported object literals are followed (`module.exports = { api: { list } }`). */
const MAX_OBJECT_DEPTH = 3;

export function getExportedValues(sourceCode: SourceCode): ExportedValues {
  const cache = exportsCache(sourceCode);
  let known = cache.get('exports');
  if (!known) {
    known = collectExportedValues(sourceCode);
    cache.set('exports', known);
  }
  return known;
}

/** True when `fn` is exported from this file, directly or as a method of an exported object. */
export function isExportedFunction(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  return getExportedValues(sourceCode).functions.has(fn);
}

/** True when `classNode` is exported from this file, or an instance of it is. */
export function isExportedClass(sourceCode: SourceCode, classNode: ClassNode): boolean {
  return getExportedValues(sourceCode).classes.has(classNode);
}

function collectExportedValues(sourceCode: SourceCode): ExportedValues {
  const functions = new Set<TSESTree.Node>();
  const classes = new Set<ClassNode>();
  // Exported values and, inside exported object literals, their property values, a few levels deep (a stack:
  // object literals can nest deeper than the call stack).
  const pending: { raw: TSESTree.Node; depth: number }[] = [];
  const add = (raw: TSESTree.Node | null | undefined): void => {
    if (raw) pending.push({ raw, depth: 0 });
  };
  const drain = (): void => {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const value = resolveValue(sourceCode, next.raw);
      if (!value) continue;
      if (isFunctionNode(value)) functions.add(value);
      else if (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression) classes.add(value);
      else if (value.type === AST_NODE_TYPES.NewExpression) {
        const instanceOf = resolveValue(sourceCode, value.callee);
        if (instanceOf?.type === AST_NODE_TYPES.ClassDeclaration || instanceOf?.type === AST_NODE_TYPES.ClassExpression) classes.add(instanceOf);
      } else if (value.type === AST_NODE_TYPES.ObjectExpression && next.depth < MAX_OBJECT_DEPTH) {
        for (const property of value.properties) {
          if (property.type === AST_NODE_TYPES.Property) pending.push({ raw: property.value, depth: next.depth + 1 });
        }
      }
    }
  };
  for (const statement of sourceCode.ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        add(statement.declaration);
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of statement.declaration.declarations) add(declarator.init);
        } else if (statement.declaration) {
          add(statement.declaration);
        } else if (!statement.source) {
          for (const specifier of statement.specifiers) if (specifier.local.type === AST_NODE_TYPES.Identifier) add(specifier.local);
        }
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        const expression = statement.expression;
        if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && isCommonJsExportTarget(expression.left)) {
          add(expression.right);
        }
        break;
      }
      default:
        break;
    }
  }
  drain();
  return { functions, classes };
}

/**
 * What an exported expression is, through one binding: a function, class, object literal or `new`
 * expression written in place or bound to a name of this file (`class A {}`, `const f = async () => …`).
 */
function resolveValue(sourceCode: SourceCode, raw: TSESTree.Node): TSESTree.Node | null {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Identifier) return node;
  const definition = findVariableOf(sourceCode, node)?.defs[0];
  if (!definition) return null;
  if (definition.type === 'FunctionName' || definition.type === 'ClassName') return definition.node;
  if (definition.type === 'Variable' && definition.node.init) {
    const init = skipExpressionWrappers(definition.node.init);
    return init.type === AST_NODE_TYPES.Identifier ? null : init;
  }
  return null;
}

/** `module.exports`, `module.exports.x`, `exports.x` (also `exports.default`, TypeScript's CommonJS output). */
function isCommonJsExportTarget(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (isModuleExports(node)) return true;
  const object = skipExpressionWrappers(node.object);
  return (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') || (object.type === AST_NODE_TYPES.MemberExpression && isModuleExports(object));
}

function isModuleExports(node: TSESTree.MemberExpression): boolean {
  const object = skipExpressionWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && getStaticPropertyName(node) === 'exports';
}

/**
 * True when a top-level name of this file is exported by name after its declaration: `export { name }` (not a
 * re-export from another module) or `export default name`.
 */
export function isExportedByName(sourceCode: SourceCode, name: string): boolean {
  return sourceCode.ast.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      return statement.specifiers.some((specifier) => specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === name);
    }
    return statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type === AST_NODE_TYPES.Identifier && statement.declaration.name === name;
  });
}
