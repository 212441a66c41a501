import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import {
  contains,
  type FunctionNode,
  getCalledMethodName,
  getCalleeMember,
  getOutermostWrapper,
  getStaticPropertyName,
  getStaticString,
  getTrailingName,
  isFunctionNode,
  someNodeWithin,
} from '../core/ast';
import { BoundedWalk, type WalkLimits } from '../core/boundedWalk';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, isVariableReference } from '../core/scope';

/**
 * Hooks of a Rollup or Vite plugin that the bundler awaits for one module (chunk, HTML page) while it works
 * on the others: a synchronous read in them holds up every other module load, and in Vite's dev server the
 * requests waiting for them. Hooks that run once per build or server start (`options`, `buildStart`,
 * `config`, `configResolved`, `configureServer`, `generateBundle`, `writeBundle`, `closeBundle`) and
 * `handleHotUpdate` (once per saved file) are left out: a synchronous read there costs one read, once.
 * Rollup's synchronous hooks (`resolveFileUrl`, `resolveImportMeta`, `augmentChunkHash`, `outputOptions`)
 * cannot be made async and are left out too.
 */
const PER_MODULE_HOOKS: ReadonlySet<string> = new Set([
  'resolveId',
  'resolveDynamicImport',
  'load',
  'shouldTransformCachedModule',
  'transform',
  'moduleParsed',
  'renderChunk',
  'transformIndexHtml',
]);

/**
 * Keys only a Rollup, Vite or unplugin plugin object has. `load`, `transform`, `options` and `config` are not
 * among them: Astro's content loaders are `{ name, load }`, Style Dictionary's transforms
 * `{ name, type, transform }`.
 */
const BUNDLER_PLUGIN_KEYS: ReadonlySet<string> = new Set([
  'resolveId', 'resolveDynamicImport', 'shouldTransformCachedModule', 'moduleParsed', 'buildStart', 'buildEnd',
  'renderStart', 'renderChunk', 'renderError', 'generateBundle', 'writeBundle', 'closeBundle', 'closeWatcher',
  'watchChange', 'augmentChunkHash', 'resolveFileUrl', 'resolveImportMeta', 'renderDynamicImport', 'outputOptions',
  'enforce', 'configResolved', 'configureServer', 'configurePreviewServer', 'transformIndexHtml', 'handleHotUpdate',
  'hotUpdate', 'applyToEnvironment', 'configEnvironment', 'transformInclude', 'loadInclude',
]);

/** Vite's `apply: "build" | "serve"`. */
const VITE_APPLY_VALUES: ReadonlySet<string> = new Set(['build', 'serve']);

/** How Rollup's `load(id)` and `transform(code, id)` name the module id in real plugins. */
const MODULE_ID_PARAMETER = /^_?id$|Id$|^importee$|^file[nN]ame$|^importer$/;

/**
 * The per-module hook `fn` implements in a Rollup or Vite plugin, or null: `fn` is the value of a hook
 * property (`load(id) { … }`, `transform: (code, id) => …`) or the `handler` of an object hook
 * (`transform: { filter, handler(code, id) { … } }`) of a plugin object (see `isBundlerPluginObject`).
 * Hooks given by name (`load: loadFile`) or made by a call (`resolveId: createResolveId()`) are not followed.
 */
export function getPerModuleHookName(fn: FunctionNode): string | null {
  if (fn.generator) return null;
  const property = getOutermostWrapper(fn).parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== getOutermostWrapper(fn)) return null;
  const key = getStaticPropertyName(property);
  if (key !== null && PER_MODULE_HOOKS.has(key)) {
    return isBundlerPluginObject(property.parent, property, fn) ? key : null;
  }
  if (key !== 'handler' || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const hookProperty = getOutermostWrapper(property.parent).parent;
  if (hookProperty?.type !== AST_NODE_TYPES.Property) return null;
  const hook = getStaticPropertyName(hookProperty);
  // an object hook (`{ order, filter, handler }`) is a Rollup 3+ / Vite shape of its own
  return hook !== null && PER_MODULE_HOOKS.has(hook) && hasPluginName(hookProperty.parent) ? hook : null;
}

/**
 * An object literal that is a bundler plugin: it has a `name` and, besides the hook, one of
 * - a key only bundler plugins have (`resolveId`, `enforce`, `configResolved`, `transformInclude`, …, or
 *   `apply: "build"`);
 * - a place in a `plugins` array (`plugins: [{ … }]`, `plugins.push({ … })`);
 * - a `load` or `transform` hook whose parameters are Rollup's: `load(id)`, `transform(code, id)`.
 */
function isBundlerPluginObject(object: TSESTree.Node, hookProperty: TSESTree.Property, hook: FunctionNode): boolean {
  if (object.type !== AST_NODE_TYPES.ObjectExpression || !hasPluginName(object)) return false;
  return hasBundlerPluginKey(object) || isInPluginsArray(object) || hasModuleIdParameter(getStaticPropertyName(hookProperty), hook);
}

function hasPluginName(object: TSESTree.Node): boolean {
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return object.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && getStaticPropertyName(property) === 'name' && !isFunctionNode(property.value),
  );
}

function hasBundlerPluginKey(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = getStaticPropertyName(property);
    if (key === 'apply') return VITE_APPLY_VALUES.has(getStaticString(property.value) ?? '');
    return key !== null && BUNDLER_PLUGIN_KEYS.has(key);
  });
}

/** `plugins: [{ … }]`, `const plugins = [{ … }]`, `plugins.push({ … })` / `unshift`. */
function isInPluginsArray(object: TSESTree.ObjectExpression): boolean {
  const parent = getOutermostWrapper(object).parent;
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
    const holder = getOutermostWrapper(parent).parent;
    if (holder?.type === AST_NODE_TYPES.Property) return getStaticPropertyName(holder) === 'plugins';
    return holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier && holder.id.name === 'plugins';
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = getCalledMethodName(parent);
  const member = getCalleeMember(parent);
  return (method === 'push' || method === 'unshift') && member !== null && getTrailingName(member.object) === 'plugins';
}

function hasModuleIdParameter(hook: string | null, fn: FunctionNode): boolean {
  const parameter = hook === 'load' ? fn.params[0] : hook === 'transform' ? fn.params[1] : undefined;
  return parameter?.type === AST_NODE_TYPES.Identifier && MODULE_ID_PARAMETER.test(parameter.name);
}

/**
 * Whether a blocking operation written in code of this async context repeats with the work the context runs
 * for: always, except in a bundler plugin hook that is not async (`kind: "plugin-hook"`), where only a call on
 * the hook's own input does (see `usesHookInput`); a busy-wait or a helper's chain there (`call` null) does not.
 */
export function repeatsWithInput(
  sourceCode: SourceCode,
  asyncContext: { readonly kind: string; readonly functionNode: FunctionNode },
  call: TSESTree.CallExpression | null,
): boolean {
  if (asyncContext.kind !== 'plugin-hook') return true;
  return call !== null && usesHookInput(sourceCode, asyncContext.functionNode, call);
}

/** How far `usesHookInput` follows `const b = f(a)` declarations back to the hook's parameters. */
const DERIVATION_LIMITS: WalkLimits = { maxDepth: 4, maxSteps: 200 };

/**
 * True when the arguments of `call` use what the bundler gives `hook` (`load(id)`: `readFileSync(id)`;
 * `const { filename } = parseRequest(id); readFileSync(filename)`): the work repeats for every module.
 * A read of a fixed file (a runtime or template file a virtual module serves) does not, and is mostly read
 * once; so is what a helper caches. Only the hook's own parameters and its `const`/`let` declarations
 * initialised from them are followed (not reassignments, not parameters of callbacks inside the hook).
 */
function usesHookInput(sourceCode: SourceCode, hook: FunctionNode, call: TSESTree.CallExpression): boolean {
  const walk = new BoundedWalk(DERIVATION_LIMITS);
  return call.arguments.some((argument) => isDerivedFromParameters(sourceCode, hook, argument, walk));
}

function isDerivedFromParameters(sourceCode: SourceCode, hook: FunctionNode, expression: TSESTree.Node, walk: BoundedWalk): boolean {
  return someNodeWithin(
    expression,
    (node) => node.type === AST_NODE_TYPES.Identifier && isVariableReference(node) && isHookInputVariable(sourceCode, hook, node, walk),
    (node) => !isFunctionNode(node),
  );
}

function isHookInputVariable(sourceCode: SourceCode, hook: FunctionNode, identifier: TSESTree.Identifier, walk: BoundedWalk): boolean {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  if (!definition) return false;
  if (definition.type === 'Parameter') return definition.node === hook;
  if (definition.type !== 'Variable') return false;
  const declarator = definition.node;
  const init = declarator.init;
  if (init === null || !contains(hook, declarator)) return false;
  return walk.enter(declarator, false, () => isDerivedFromParameters(sourceCode, hook, init, walk));
}
