import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '../core/astUtils';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getScopeOf } from '../core/scope';
import { type ModuleReference, isModuleExport, resolveModuleReference } from './moduleBindings';
import type { SourceCode } from '../core/ruleContext';

/**
 * The name of a module-level binding that refers to `module` + `path` and is visible, unshadowed,
 * at `at` (`fsp` for `import fsp from "node:fs/promises"` when asked for `fs` + `["promises"]`).
 */
export function findVisibleBinding(sourceCode: SourceCode, at: TSESTree.Node, module: string, path: readonly string[]): string | null {
  const moduleScope = getModuleScope(sourceCode);
  const atScope = getScopeOf(sourceCode, at);
  for (const variable of moduleScope.variables) {
    const identifier = variable.identifiers[0];
    if (!identifier || variable.defs.length !== 1) continue;
    if (ASTUtils.findVariable(atScope, variable.name) !== variable) continue;
    const reference: ModuleReference | null = resolveModuleReference(sourceCode, identifier);
    if (isModuleExport(reference, module, path)) return variable.name;
  }
  return null;
}

/**
 * True when a new module-level binding `name` would neither clash with a declaration nor capture a
 * use of a global of that name anywhere, nor be shadowed at `at`.
 */
export function isNameFreeForImport(sourceCode: SourceCode, at: TSESTree.Node, name: string): boolean {
  const moduleScope = getModuleScope(sourceCode);
  if (moduleScope.set.has(name)) return false;
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope?.set.has(name) && (globalScope.set.get(name)?.defs.length ?? 0) > 0) return false;
  if (globalScope?.through.some((reference) => reference.identifier.name === name)) return false;
  return ASTUtils.findVariable(getScopeOf(sourceCode, at), name) === null || isImplicitGlobal(sourceCode, at, name);
}

function isImplicitGlobal(sourceCode: SourceCode, at: TSESTree.Node, name: string): boolean {
  const variable = ASTUtils.findVariable(getScopeOf(sourceCode, at), name);
  return variable !== null && variable.defs.length === 0;
}

export type ModuleSystem = 'esm' | 'commonjs';

/** How this file loads modules: ESM when it has import declarations, CommonJS when it has top-level `require`s. */
export function getModuleSystem(sourceCode: SourceCode): ModuleSystem | null {
  const body = sourceCode.ast.body;
  if (body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration)) return 'esm';
  if (body.some((statement) => findTopLevelRequire(statement) !== null)) return 'commonjs';
  return null;
}

/**
 * A fix that adds `import { exportName as localName } from "node:<module>"` (or the `require` form in
 * CommonJS) after the file's last import; null when the file's module system is unknown.
 */
export function addImportFix(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  specifier: string,
  exportName: string,
  localName: string,
): TSESLint.RuleFix | null {
  const system = getModuleSystem(sourceCode);
  const body = sourceCode.ast.body;
  const binding = exportName === localName ? exportName : null;
  if (system === 'esm') {
    const last = [...body].reverse().find((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
    if (!last) return null;
    const imported = binding ?? `${exportName} as ${localName}`;
    return fixer.insertTextAfter(last, `\nimport { ${imported} } from '${specifier}';`);
  }
  if (system === 'commonjs') {
    const last = [...body].reverse().find((statement) => findTopLevelRequire(statement) !== null);
    if (!last) return null;
    const pattern = binding ?? `${exportName}: ${localName}`;
    return fixer.insertTextAfter(last, `\nconst { ${pattern} } = require('${specifier}');`);
  }
  return null;
}

function findTopLevelRequire(statement: TSESTree.ProgramStatement): TSESTree.CallExpression | null {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return null;
  for (const declarator of statement.declarations) {
    const init = declarator.init;
    if (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require'
    ) {
      return init;
    }
  }
  return null;
}

function getModuleScope(sourceCode: SourceCode): TSESLint.Scope.Scope {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) throw new Error('scope manager unavailable');
  const moduleScope = globalScope.childScopes.find((scope) => scope.type === 'module');
  return moduleScope ?? globalScope;
}
