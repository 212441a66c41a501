import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getCallbackKind, runsWhereWritten } from './asyncContext';
import { projectPathMatches } from './projectPath';

/**
 * One-shot code: code that runs once, while nothing else is waiting on the event loop: command-line
 * scripts (a `#!` line, files in `bin/`, `scripts/`, `benchmark/`, `examples/`, build tools' task files such as
 * `gulpfile.js`), and the start-up functions a
 * module calls once from its top level (`async function main() { … } main()`, a top-level async IIFE).
 * A blocking read there costs the same as an awaited one; a request handler such a script starts is
 * not one-shot.
 */

/** Folder names whose files are command-line scripts, benchmarks and runnable examples. */
const SCRIPT_FOLDERS: ReadonlySet<string> = new Set(['bin', 'scripts', 'script', 'benchmark', 'benchmarks', 'bench', 'examples', 'example', 'demo', 'demos']);

const scriptFileCache = createFileCache<'scriptFile', boolean>();

/** True for a command-line script: a `#!` first line, or a file in a `bin/`, `scripts/`, benchmark or examples folder. */
export function isScriptFile(context: AnyRuleContext): boolean {
  const cache = scriptFileCache(context.sourceCode);
  let known = cache.get('scriptFile');
  if (known === undefined) {
    known = context.sourceCode.text.startsWith('#!') || projectPathMatches(context, isScriptPath);
    cache.set('scriptFile', known);
  }
  return known;
}

/** The task files of build tools, which their command line loads and runs once (`gulpfile.js`, `Gruntfile.cjs`, `gulpfile.babel.js`). */
const TASK_FILE_NAME = /^(?:gulpfile|gruntfile|jakefile)(?:\.[\w-]+)?\.[cm]?[jt]s$/i;

/** A project-relative path in a folder of scripts, or a build tool's task file. */
export function isScriptPath(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const fileName = segments.pop() ?? '';
  return TASK_FILE_NAME.test(fileName) || segments.some((segment) => SCRIPT_FOLDERS.has(segment));
}

const startupCache = createFileCache<FunctionNode, boolean>();

/**
 * True for a function the module runs once at start-up: a top-level async IIFE, or a function of the
 * module (not exported) whose every use is a call in the module's top-level code
 * (`main()`, `main().catch(…)`, `void main()`, `if (require.main === module) main()`).
 */
export function isStartupFunction(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const cache = startupCache(sourceCode);
  let known = cache.get(fn);
  if (known === undefined) {
    known = computeIsStartupFunction(sourceCode, fn);
    cache.set(fn, known);
  }
  return known;
}

function computeIsStartupFunction(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  // (async () => { … })() at the top level
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === position) return isTopLevelCall(parent);
  const name = getDeclaredName(fn);
  if (name === null) return false;
  const variable = findVariableOf(sourceCode, name);
  if (!variable || variable.scope.block.type !== AST_NODE_TYPES.Program) return false;
  const uses = variable.references.filter((reference) => reference.identifier !== name && !reference.init);
  return uses.length > 0 && uses.every((reference) => reference.identifier.type === AST_NODE_TYPES.Identifier && isCalledAtTopLevel(reference.identifier));
}

/** The binding a top-level function is known by: `function main() {}` or `const main = async () => {}`. */
function getDeclaredName(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.parent.type === AST_NODE_TYPES.Program && fn.id ? fn.id : null;
  }
  const position = getOutermostWrapper(fn);
  const declarator = position.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== position || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const declaration = declarator.parent;
  return declaration.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const' && declaration.parent.type === AST_NODE_TYPES.Program
    ? declarator.id
    : null;
}

function isCalledAtTopLevel(identifier: TSESTree.Identifier): boolean {
  const position = getOutermostWrapper(identifier);
  const call = position.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === position && isTopLevelCall(call);
}

/**
 * A call evaluated by the module's top-level code: its statement is in the program body (or in an `if`
 * block there), possibly as the receiver of `.then/.catch/.finally`, under `void` or `await`.
 */
function isTopLevelCall(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = getOutermostWrapper(node).parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === getOutermostWrapper(node)) {
      const method = getStaticPropertyName(parent);
      const chained: TSESTree.Node | undefined = parent.parent;
      if ((method === 'then' || method === 'catch' || method === 'finally') && chained?.type === AST_NODE_TYPES.CallExpression && chained.callee === parent) {
        node = chained;
        continue;
      }
      return false;
    }
    if ((parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') || parent.type === AST_NODE_TYPES.AwaitExpression) {
      node = parent;
      continue;
    }
    if (parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    return isTopLevelStatement(parent);
  }
}

function isTopLevelStatement(statement: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = statement.parent;
  while (current && (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.IfStatement)) current = current.parent;
  return current?.type === AST_NODE_TYPES.Program;
}

/**
 * True when `node` runs as part of one-shot code: anywhere in a script file except inside a request
 * handler, or in the body of a start-up function (and in the callbacks that run where they are written there).
 */
export function isInOneShotCode(context: AnyRuleContext, node: TSESTree.Node): boolean {
  return isInScriptCode(context, node) || isInStartupFunction(context.sourceCode, node);
}

/** True when `node` is in a script file and not inside a request handler the script starts. */
export function isInScriptCode(context: AnyRuleContext, node: TSESTree.Node): boolean {
  return isScriptFile(context) && !isInRequestHandler(context.sourceCode, node);
}

/** True when `node` runs in the body of a start-up function (or in callbacks that run where they are written there). */
function isInStartupFunction(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (isStartupFunction(sourceCode, fn)) return true;
    if (!runsWhereWritten(sourceCode, fn)) return false;
  }
  return false;
}

function isInRequestHandler(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (getCallbackKind(sourceCode, fn) === 'request-handler') return true;
  }
  return false;
}
