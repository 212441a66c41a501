import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getTrailingName, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';

/**
 * A file deleted in the same `Promise.all` that reads it: `promises.push(copyFileAsync(fullPath, target));
 * promises.push(unlinkAsync(fullPath)); … Promise.all(promises)` (or both in one array literal). The operations start
 * together, so the delete can remove the file before, or while, the copy reads it: the copy fails, or copies part of
 * it, at random. @ionic/app-scripts 3.0.0's `copySourcemaps` moved source maps this way; 3.0.1 awaits all the copies
 * before it starts the deletes.
 *
 * Only when both calls take the same variable as their first argument (the same path, in the same iteration of a
 * loop when they are pushed in one), the delete is named so (`unlink`, `rm`, `remove`, `rimraf`, `del`, `delete`…,
 * with `Async`/`Sync`-less forms), and the other reads the file by its name (`copy`, `copyFile`, `read`, `readFile`,
 * `rename`, `move`, `createReadStream`, `stat`).
 */
export interface DeleteRacingRead {
  /** The delete's call. */
  readonly remove: TSESTree.CallExpression;
  /** The call that reads the same path. */
  readonly read: TSESTree.CallExpression;
  /** The path's variable (`fullPath`). */
  readonly path: string;
  readonly all: TSESTree.CallExpression;
}

const DELETE_NAME = /^(?:unlink|rm|remove|rimraf|del|delete|deleteFile|removeFile|unlinkFile)(?:Async|P|Promise)?$/;
const READ_NAME = /^(?:copy|copyFile|cp|read|readFile|rename|move|mv|createReadStream|stat|lstat)(?:Async|P|Promise)?$/;

/** The cheap test of a file's text. */
export function mayDeleteWhileReading(text: string): boolean {
  return /\bPromise\.all(?:Settled)?\(/.test(text) && /\b(?:unlink|rm|remove|rimraf|del|delete)\w*\(/.test(text);
}

export function findDeleteRacingRead(sourceCode: SourceCode, all: TSESTree.CallExpression): DeleteRacingRead | null {
  const callee = skipExpressionWrappers(all.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || (method !== 'all' && method !== 'allSettled') || !isGlobalName(sourceCode, callee.object, 'Promise')) return null;
  const groups = startedTogether(sourceCode, all.arguments[0]);
  for (const group of groups) {
    for (const remove of group) {
      const target = firstArgumentName(remove);
      if (target === null || !DELETE_NAME.test(getTrailingName(remove.callee) ?? '')) continue;
      const read = group.find((other) => other !== remove && firstArgumentName(other) === target && READ_NAME.test(getTrailingName(other.callee) ?? ''));
      if (read) return { remove, read, path: target, all };
    }
  }
  return null;
}

function firstArgumentName(call: TSESTree.CallExpression): string | null {
  const first = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  return first?.type === AST_NODE_TYPES.Identifier ? first.name : null;
}

/**
 * The calls the `Promise.all` starts together, grouped where they share a scope for their arguments: an array literal's
 * call elements (one group), or, for a local array given by name, the calls pushed onto it, grouped by the block they
 * are pushed from (one iteration of a loop sees one value of its variables).
 */
function startedTogether(sourceCode: SourceCode, raw: TSESTree.Node | undefined): TSESTree.CallExpression[][] {
  const argument = raw ? skipExpressionWrappers(raw) : null;
  if (!argument) return [];
  if (argument.type === AST_NODE_TYPES.ArrayExpression) return [callsOf(argument.elements)];
  if (argument.type !== AST_NODE_TYPES.Identifier) return [];
  const init = getConstInit(sourceCode, argument);
  const variable = findVariableOf(sourceCode, argument);
  if (!variable || (init !== null && init.type !== AST_NODE_TYPES.ArrayExpression)) return [];
  const byLoop = new Map<TSESTree.Node | null, TSESTree.CallExpression[]>();
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    const push = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || getStaticPropertyName(member) !== 'push') continue;
    if (push?.type !== AST_NODE_TYPES.CallExpression || push.callee !== member) continue;
    const loop = enclosingLoop(push, argument);
    byLoop.set(loop, [...(byLoop.get(loop) ?? []), ...callsOf(push.arguments)]);
  }
  return [...byLoop.values()];
}

function callsOf(elements: readonly (TSESTree.Node | null)[]): TSESTree.CallExpression[] {
  return elements.flatMap((element) => {
    const value = element ? skipExpressionWrappers(element) : null;
    return value?.type === AST_NODE_TYPES.CallExpression ? [value] : [];
  });
}

/** The innermost loop around `node` that does not also hold `stop` (the `Promise.all`'s argument), or null. */
function enclosingLoop(node: TSESTree.Node, stop: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.range[0] <= stop.range[0] && current.range[1] >= stop.range[1]) return null;
    if (
      current.type === AST_NODE_TYPES.ForStatement || current.type === AST_NODE_TYPES.ForOfStatement || current.type === AST_NODE_TYPES.ForInStatement ||
      current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.DoWhileStatement
    ) return current;
  }
  return null;
}
