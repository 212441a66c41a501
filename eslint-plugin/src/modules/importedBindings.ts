import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';
import type { ImportRef } from './exportShapes';
import { interopHelperName } from './moduleBindings';

/**
 * The module specifier and export name an identifier was imported as: ESM imports, `import x = require(…)`, and
 * CommonJS `require` (`const x = require(…)` is the whole module, its `default`).
 */
export function getImportedBinding(sourceCode: SourceCode, identifier: TSESTree.Identifier): ImportRef | null {
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return null;
  if (definition.type === 'ImportBinding') {
    const node = definition.node;
    // import store = require("./store")
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      const specifier = node.importKind !== 'type' && reference.type === AST_NODE_TYPES.TSExternalModuleReference ? getStaticString(reference.expression) : null;
      return specifier === null ? null : { specifier, name: 'default' };
    }
    const declaration = node.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return null;
    const specifier = declaration.source.value;
    if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { specifier, name: 'default' };
    if (node.type === AST_NODE_TYPES.ImportSpecifier) return { specifier, name: moduleExportName(node.imported) };
    return null;
  }
  if (definition.type !== 'Variable' || !isNeverReassigned(variable)) return null;
  const declarator = definition.node;
  const written = declarator.init ? skipExpressionWrappers(declarator.init) : null;
  // Babel's and TypeScript's import helpers: `var ns = _interopRequireWildcard(require("./f"))`, also of the variable
  // that holds the module (`var _f = require("./f"); var ns = _interopRequireWildcard(_f)`): the whole module again.
  const wrapped = written?.type === AST_NODE_TYPES.CallExpression && interopHelperName(skipExpressionWrappers(written.callee)) !== null ? written.arguments[0] : undefined;
  if (wrapped?.type === AST_NODE_TYPES.Identifier) return declarator.id.type === AST_NODE_TYPES.Identifier ? getRequiredModule(sourceCode, wrapped) : null;
  const init = wrapped && wrapped.type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(wrapped) : written;
  // const Store = require("./store").Store
  if (init?.type === AST_NODE_TYPES.MemberExpression && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const required = skipExpressionWrappers(init.object);
    const name = getStaticPropertyName(init);
    const specifier = required.type === AST_NODE_TYPES.CallExpression && isRequireCall(required) ? getStaticString(required.arguments[0]) : null;
    return specifier === null || name === null ? null : { specifier, name };
  }
  if (init?.type !== AST_NODE_TYPES.CallExpression || !isRequireCall(init)) return null;
  const specifier = getStaticString(init.arguments[0]);
  if (specifier === null) return null;
  // const f = require("./f")  → the default (module.exports) export
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { specifier, name: 'default' };
  // const { f } = require("./f")
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value === definition.name) {
        const key = getStaticPropertyName(property);
        return key === null ? null : { specifier, name: key };
      }
    }
  }
  return null;
}

/** The module a `const`/`var` holds whole: `var _yarn = require("./yarn")` (never reassigned). */
function getRequiredModule(sourceCode: SourceCode, identifier: TSESTree.Identifier): ImportRef | null {
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Variable' || variable.defs.length !== 1 || !isNeverReassigned(variable)) return null;
  const init = definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
  const specifier = init?.type === AST_NODE_TYPES.CallExpression && isRequireCall(init) ? getStaticString(init.arguments[0]) : null;
  return specifier === null || definition.node.id.type !== AST_NODE_TYPES.Identifier ? null : { specifier, name: 'default' };
}

/**
 * Which module and export a name used as a type denotes (`Store` in `store: Store`): an `import` binding, type-only
 * imports included (`import type { Store } from './store'`, which names the class as well). Null otherwise.
 */
export function getImportedTypeBinding(sourceCode: SourceCode, identifier: TSESTree.Identifier): ImportRef | null {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  if (definition?.type !== 'ImportBinding') return null;
  const node = definition.node;
  const declaration = node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const specifier = declaration.source.value;
  if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { specifier, name: 'default' };
  if (node.type === AST_NODE_TYPES.ImportSpecifier) return { specifier, name: moduleExportName(node.imported) };
  return null;
}

/**
 * `ns.f` for `import * as ns from "./x"` or `const ns = require("./x")` (`required`: what `module.exports` is,
 * which may also be a singleton or a class whose methods are `ns.f`).
 */
export function getNamespaceMember(sourceCode: SourceCode, member: TSESTree.MemberExpression): { specifier: string; name: string; required: boolean } | null {
  const object = skipExpressionWrappers(member.object);
  const name = getStaticPropertyName(member);
  if (object.type !== AST_NODE_TYPES.Identifier || name === null) return null;
  const variable = findVariableOf(sourceCode, object);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return null;
  if (definition.type === 'ImportBinding' && definition.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    const declaration = definition.node.parent;
    return declaration.importKind === 'type' ? null : { specifier: declaration.source.value, name, required: false };
  }
  const binding = getImportedBinding(sourceCode, object);
  const isWholeModule = definition.type === 'Variable' || (definition.type === 'ImportBinding' && definition.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration);
  return binding && binding.name === 'default' && isWholeModule ? { specifier: binding.specifier, name, required: true } : null;
}

function isRequireCall(call: TSESTree.CallExpression): boolean {
  return call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'require' && call.arguments.length === 1;
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}
