import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName, getStaticString, skipExpressionWrappers } from '../core/ast';
import { findVariableOf, isGlobalReference, isNeverReassigned } from '../core/scope';

/**
 * What a local expression refers to: an export path inside a module.
 * `import { readFileSync as rfs } from "node:fs"` makes `rfs` → `{ module: "fs", path: ["readFileSync"] }`;
 * `fs.promises.readFile` → `{ module: "fs", path: ["promises", "readFile"] }`; a namespace or default import
 * of a module is its empty path. Globals are `{ module: GLOBAL_MODULE, path: ["Atomics", "wait"] }`.
 */
export interface ModuleReference {
  readonly module: string;
  readonly path: readonly string[];
}

export const GLOBAL_MODULE = 'globalThis';

/**
 * The path of a reference below the module's default export: `import x from 'x'; x.a` and `require('x').a` name the
 * same export `['a']` (a CommonJS module is its own default).
 */
export function exportPath(reference: ModuleReference): readonly string[] {
  return reference.path[0] === 'default' ? reference.path.slice(1) : reference.path;
}

/** Built-in modules whose `<name>/promises` entry point is the same object as `<name>.promises`. */
const PROMISES_SUBMODULES: ReadonlySet<string> = new Set(['fs', 'dns', 'stream', 'timers', 'readline']);

/** `node:fs` → `fs`; `fs/promises` → `fs` + `promises`, so both spellings meet in one catalog entry. */
export function normalizeModuleSpecifier(specifier: string): ModuleReference {
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  const slash = bare.indexOf('/');
  if (slash > 0 && !bare.startsWith('@')) {
    const head = bare.slice(0, slash);
    const rest = bare.slice(slash + 1);
    if (rest === 'promises' && PROMISES_SUBMODULES.has(head)) return { module: head, path: ['promises'] };
  }
  return { module: bare, path: [] };
}

/** How many aliases, member accesses and module loads a reference is followed through (`const a = b; const b = a;` ends there). */
const ALIAS_LIMITS = { maxDepth: 17 };

/**
 * Resolves an expression to the module export it denotes, following imports, `require`, dynamic
 * `import()`, destructuring, member access and `const` aliases, with scope shadowing respected.
 * Returns null when the provenance is unknown (a parameter, a reassigned variable, a computed key).
 */
export function resolveModuleReference(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): ModuleReference | null {
  return resolve(sourceCode, node, new BoundedWalk(ALIAS_LIMITS));
}

/** True when `reference` is `module` + `path` exactly (e.g. `fs` + `["readFileSync"]`). */
export function isModuleExport(reference: ModuleReference | null, module: string, path: readonly string[]): boolean {
  return reference !== null && reference.module === module && samePath(reference.path, path);
}

/** True when `node` is the global `name` (e.g. `Promise`, `setTimeout`) and not a local of that name. */
export function isGlobalName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  return isGlobalNameIn(sourceCode, node, name, new BoundedWalk(ALIAS_LIMITS));
}

function isGlobalNameIn(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string, walk: BoundedWalk): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === name && isGlobalReference(sourceCode, inner);
  // globalThis.setTimeout, global.setTimeout
  const reference = resolve(sourceCode, inner, walk);
  return isModuleExport(reference, GLOBAL_MODULE, [name]);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function append(reference: ModuleReference | null, parts: readonly string[]): ModuleReference | null {
  if (!reference) return null;
  if (parts.length === 0) return reference;
  // `_interopRequireDefault(require("m")).default` is the module itself
  if (reference.path[reference.path.length - 1] === DEFAULT_INTEROP) {
    return parts[0] === 'default' ? { module: reference.module, path: [...reference.path.slice(0, -1), ...parts.slice(1)] } : null;
  }
  return { module: reference.module, path: [...reference.path, ...parts] };
}

/**
 * The path step of a module wrapped by a compiler's default-import helper, whose `.default` is the module:
 * Babel's `_interopRequireDefault(require("m"))`, TypeScript's `__importDefault(require("m"))` (also `tslib`'s).
 * Never a real export name.
 */
const DEFAULT_INTEROP = '\0default-interop';
const DEFAULT_INTEROP_HELPERS: ReadonlySet<string> = new Set(['_interopRequireDefault', '__importDefault']);
/** Their namespace-import helpers (`__importStar(require("m"))`): the module's namespace, as `import * as`. */
const NAMESPACE_INTEROP_HELPERS: ReadonlySet<string> = new Set(['_interopRequireWildcard', '__importStar']);

const GLOBAL_OBJECT_NAMES: ReadonlySet<string> = new Set(['globalThis', 'global', 'window', 'self']);

function resolve(sourceCode: Readonly<TSESLint.SourceCode>, raw: TSESTree.Node, walk: BoundedWalk): ModuleReference | null {
  return walk.enter(raw, null, () => {
    const node = skipExpressionWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return resolveIdentifier(sourceCode, node, walk);
      case AST_NODE_TYPES.MemberExpression: {
        const name = getStaticPropertyName(node);
        if (name === null) return null;
        return append(resolve(sourceCode, node.object, walk), [name]);
      }
      case AST_NODE_TYPES.CallExpression:
        return resolveModuleLoad(sourceCode, node, walk);
      case AST_NODE_TYPES.AwaitExpression:
        // `await import("fs")` is the module namespace
        return skipExpressionWrappers(node.argument).type === AST_NODE_TYPES.ImportExpression
          ? resolve(sourceCode, node.argument, walk)
          : null;
      case AST_NODE_TYPES.ImportExpression: {
        const specifier = getStaticString(node.source);
        return specifier === null ? null : normalizeModuleSpecifier(specifier);
      }
      default:
        return null;
    }
  });
}

/** `_interopRequireDefault`, `__importDefault`, `tslib_1.__importStar`…: a compiler's import helper, by its name. */
export function interopHelperName(callee: TSESTree.Node): string | null {
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name !== null && (DEFAULT_INTEROP_HELPERS.has(name) || NAMESPACE_INTEROP_HELPERS.has(name)) ? name : null;
}

/**
 * `require("fs")` and `process.getBuiltinModule("fs")`, when `require`/`process` are the real globals; also wrapped
 * in a compiler's import helper (`__importDefault(require("fs"))`, whose `.default` is the module).
 */
function resolveModuleLoad(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, walk: BoundedWalk): ModuleReference | null {
  const callee = skipExpressionWrappers(call.callee);
  const helper = interopHelperName(callee);
  if (helper !== null && call.arguments.length >= 1 && call.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement) {
    const wrapped = skipExpressionWrappers(call.arguments[0] as TSESTree.Expression);
    // Babel 6 wraps the variable that holds the module: `var _x = require("x"); var _x2 = _interopRequireDefault(_x);`
    const loaded =
      wrapped.type === AST_NODE_TYPES.CallExpression
        ? resolveModuleLoad(sourceCode, wrapped, walk)
        : wrapped.type === AST_NODE_TYPES.Identifier
          ? resolveIdentifier(sourceCode, wrapped, walk)
          : null;
    if (!loaded || loaded.module === GLOBAL_MODULE || loaded.path.includes(DEFAULT_INTEROP)) return null;
    return DEFAULT_INTEROP_HELPERS.has(helper) ? { module: loaded.module, path: [...loaded.path, DEFAULT_INTEROP] } : loaded;
  }
  const specifier = getStaticString(call.arguments[0]);
  if (specifier === null || call.arguments.length !== 1) return null;
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' && isGlobalReference(sourceCode, callee)) {
    return normalizeModuleSpecifier(specifier);
  }
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticPropertyName(callee) === 'getBuiltinModule' &&
    isGlobalNameIn(sourceCode, callee.object, 'process', walk)
  ) {
    return normalizeModuleSpecifier(specifier);
  }
  return null;
}

function resolveIdentifier(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
  walk: BoundedWalk,
): ModuleReference | null {
  const variable = findVariableOf(sourceCode, identifier);
  if (variable === null || variable.defs.length === 0) {
    if (GLOBAL_OBJECT_NAMES.has(identifier.name)) return { module: GLOBAL_MODULE, path: [] };
    return { module: GLOBAL_MODULE, path: [identifier.name] };
  }
  if (!isNeverReassigned(variable)) return null;
  const definition = variable.defs[0];
  if (!definition) return null;
  switch (definition.type) {
    case 'ImportBinding':
      return resolveImportBinding(definition.node);
    case 'Variable': {
      const declarator = definition.node;
      if (!declarator.init) return null;
      const pathInPattern = getPathInPattern(declarator.id, definition.name);
      if (pathInPattern === null) return null;
      return append(resolve(sourceCode, declarator.init, walk), pathInPattern);
    }
    default:
      return null;
  }
}

function resolveImportBinding(
  node:
    | TSESTree.ImportDefaultSpecifier
    | TSESTree.ImportNamespaceSpecifier
    | TSESTree.ImportSpecifier
    | TSESTree.TSImportEqualsDeclaration,
): ModuleReference | null {
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    // import fs = require("fs")
    if (node.importKind === 'type' || node.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference) return null;
    const specifier = getStaticString(node.moduleReference.expression);
    return specifier === null ? null : normalizeModuleSpecifier(specifier);
  }
  const declaration = node.parent;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return null;
  const base = normalizeModuleSpecifier(declaration.source.value);
  switch (node.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      // For CommonJS modules (Node's built-ins, most npm packages) the default export is the namespace.
      return base;
    case AST_NODE_TYPES.ImportSpecifier: {
      if (node.importKind === 'type') return null;
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
      return imported === 'default' ? base : append(base, [imported]);
    }
  }
}

/**
 * The property path from a destructuring pattern's root to `name`:
 * `{ promises: { readFile } }` + `readFile` → `["promises", "readFile"]`. Null for array patterns and rests.
 */
function getPathInPattern(pattern: TSESTree.Node, name: TSESTree.Identifier): string[] | null {
  const path: string[] = [];
  let current: TSESTree.Node = name;
  while (current !== pattern) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    switch (parent.type) {
      case AST_NODE_TYPES.AssignmentPattern:
        break;
      case AST_NODE_TYPES.Property: {
        if (parent.value !== current) return null;
        const key = getStaticPropertyName(parent);
        if (key === null) return null;
        path.unshift(key);
        break;
      }
      case AST_NODE_TYPES.ObjectPattern:
        break;
      default:
        return null;
    }
    current = parent;
  }
  return path;
}
