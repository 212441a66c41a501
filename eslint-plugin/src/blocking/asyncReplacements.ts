import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { addImportFix, findVisibleBinding, getModuleSystem, isNameFreeForImport } from '../modules/bindingsInScope';
import type { BlockingCall, BusyWait } from './blockingCalls';
import { asOperandOfMinus, awaitedReplacement, getArgumentsText } from '../core/fix';
import type { ModuleReference } from '../modules/moduleBindings';
import type { SourceCode } from '../core/ruleContext';

/** A suggestion's text for the message and the fix that applies it. */
export interface AsyncReplacement {
  /** The replacement with its arguments elided, for messages: `await fs.promises.readFile(…)`. */
  readonly replacement: string;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * The non-blocking form of a blocking call, when one exists with the same arguments and result:
 * `fs.readFileSync(p, "utf8")` → `await fs.promises.readFile(p, "utf8")` (or the file's own
 * `node:fs/promises` binding), `crypto.pbkdf2Sync(…)` → `await promisify(crypto.pbkdf2)(…)`,
 * `Deno.readTextFileSync(p)` → `await Deno.readTextFile(p)`.
 */
export function asyncReplacementForCall(sourceCode: SourceCode, blocking: BlockingCall): AsyncReplacement | null {
  const counterpart = blocking.entry.asyncCounterpart;
  if (!counterpart) return null;
  const asyncName = blocking.exportName.endsWith('Sync') ? blocking.exportName.slice(0, -'Sync'.length) : null;
  if (asyncName === null || !counterpart.exports.includes(asyncName)) return null;
  const args = getArgumentsText(sourceCode, blocking.node);
  if (args === null || changesMeaningWhenAsync(args)) return null;
  const call = blocking.node;
  const module = blocking.reference.module;

  switch (counterpart.kind) {
    case 'promisesApi': {
      const target = promisesApiFunction(sourceCode, call, blocking.reference, asyncName);
      if (!target) return null;
      return build(call, target.text, `(${args})`, target.imports);
    }
    case 'promisify': {
      const promisify = bindingOrImport(sourceCode, call, 'util', ['promisify'], 'promisify');
      const fn = calleeSibling(sourceCode, call, asyncName) ?? bindingOrImport(sourceCode, call, module, [asyncName], asyncName);
      if (!promisify || !fn) return null;
      return build(call, `${promisify.text}(${fn.text})`, `(${args})`, [...promisify.imports, ...fn.imports]);
    }
    case 'sibling': {
      const fn = calleeSibling(sourceCode, call, asyncName);
      return fn ? build(call, fn.text, `(${args})`, []) : null;
    }
  }
}

/** `while (Date.now() < deadline) {}` → `await sleep(deadline - Date.now());` with `node:timers/promises`. */
export function asyncReplacementForBusyWait(sourceCode: SourceCode, busyWait: BusyWait): AsyncReplacement | null {
  const loop = busyWait.node;
  if (busyWait.displayName === 'new Date()') return null; // `x - new Date()` does not type-check
  if (loop.type === AST_NODE_TYPES.ForStatement && (loop.init || loop.update)) return null;
  const parent = loop.parent;
  if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) return null;
  const sleep =
    bindingOrNothing(sourceCode, loop, 'timers', ['promises', 'setTimeout']) ??
    namespaceMember(sourceCode, loop, 'timers', ['promises'], 'setTimeout') ??
    importAs(sourceCode, loop, 'node:timers/promises', 'setTimeout', 'sleep');
  if (!sleep) return null;
  const { test, clockOnLeft } = busyWait;
  const later = clockOnLeft ? test.right : test.left;
  const now = clockOnLeft ? test.left : test.right;
  const milliseconds = `${asOperandOfMinus(sourceCode, later, 'left')} - ${asOperandOfMinus(sourceCode, now, 'right')}`;
  const replacement = `await ${sleep.text}(${milliseconds});`;
  return {
    replacement: `await ${sleep.text}(…)`,
    fix: (fixer) => [fixer.replaceText(loop, replacement), ...sleep.imports.map((makeImport) => makeImport(fixer))].filter(isFix),
  };
}

type ImportMaker = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | null;

interface ExpressionWithImports {
  readonly text: string;
  readonly imports: readonly ImportMaker[];
}

function build(call: TSESTree.CallExpression, callee: string, argumentList: string, imports: readonly ImportMaker[]): AsyncReplacement {
  const replacement = awaitedReplacement(call, `${callee}${argumentList}`);
  return {
    replacement: `await ${callee}(…)`,
    fix: (fixer) => [fixer.replaceText(call, replacement), ...imports.map((makeImport) => makeImport(fixer))].filter(isFix),
  };
}

/** `fs.statSync(p, { throwIfNoEntry: false })` returns undefined where `fs.promises.stat` rejects. */
function changesMeaningWhenAsync(args: string): boolean {
  return args.includes('throwIfNoEntry');
}

/** The text of a member's object, parenthesised unless it is safe before `.name` (`(await import("fs"))`). */
function receiverText(sourceCode: SourceCode, object: TSESTree.Expression): string {
  const text = sourceCode.getText(object);
  switch (object.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return text;
    default:
      return `(${text})`;
  }
}

function isFix(fix: TSESLint.RuleFix | null): fix is TSESLint.RuleFix {
  return fix !== null;
}

/**
 * The `fs.promises` function to call instead: the file's own `fs/promises` namespace or named import,
 * else `<fs binding>.promises.<name>`, else a new named import from `node:fs/promises`.
 */
function promisesApiFunction(sourceCode: SourceCode, call: TSESTree.CallExpression, reference: ModuleReference, name: string): ExpressionWithImports | null {
  const module = reference.module;
  const named = bindingOrNothing(sourceCode, call, module, ['promises', name]);
  if (named) return named;
  const namespace = namespaceMember(sourceCode, call, module, ['promises'], name);
  if (namespace) return namespace;
  const callee = skipExpressionWrappers(call.callee);
  // `fs.readFileSync(…)` (the module object, known from imports or from types) → `fs.promises.readFile(…)`
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && reference.path.length === 1) {
    return { text: `${receiverText(sourceCode, callee.object)}.promises.${name}`, imports: [] };
  }
  const moduleBinding = findVisibleBinding(sourceCode, call, module, []);
  if (moduleBinding) return { text: `${moduleBinding}.promises.${name}`, imports: [] };
  return importAs(sourceCode, call, `node:${module}/promises`, name, name);
}

/**
 * `crypto.pbkdf2Sync` → `crypto.pbkdf2`, `Deno.readTextFileSync` → `Deno.readTextFile`: the twin on the same
 * object. The callee resolved to the catalog export, so its object is the module (or namespace) itself.
 */
function calleeSibling(sourceCode: SourceCode, call: TSESTree.CallExpression, name: string): ExpressionWithImports | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || getStaticPropertyName(callee) === null) return null;
  return { text: `${receiverText(sourceCode, callee.object)}.${name}`, imports: [] };
}

function bindingOrNothing(sourceCode: SourceCode, at: TSESTree.Node, module: string, path: readonly string[]): ExpressionWithImports | null {
  const name = findVisibleBinding(sourceCode, at, module, path);
  return name ? { text: name, imports: [] } : null;
}

function namespaceMember(
  sourceCode: SourceCode,
  at: TSESTree.Node,
  module: string,
  namespacePath: readonly string[],
  member: string,
): ExpressionWithImports | null {
  const name = findVisibleBinding(sourceCode, at, module, namespacePath);
  return name ? { text: `${name}.${member}`, imports: [] } : null;
}

function bindingOrImport(
  sourceCode: SourceCode,
  at: TSESTree.Node,
  module: string,
  path: readonly [string],
  localName: string,
): ExpressionWithImports | null {
  return (
    bindingOrNothing(sourceCode, at, module, path) ??
    namespaceMember(sourceCode, at, module, [], path[0]) ??
    importAs(sourceCode, at, `node:${module}`, path[0], localName)
  );
}

function importAs(sourceCode: SourceCode, at: TSESTree.Node, specifier: string, exportName: string, localName: string): ExpressionWithImports | null {
  if (!isNameFreeForImport(sourceCode, at, localName)) return null;
  const makeImport: ImportMaker = (fixer) => addImportFix(sourceCode, fixer, specifier, exportName, localName);
  // The file must have a module system we can add to; probe it without a fixer.
  if (getModuleSystem(sourceCode) === null) return null;
  return { text: localName, imports: [makeImport] };
}
