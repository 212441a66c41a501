import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getFunctionName, getOutermostWrapper } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveModuleReference } from '../modules/moduleBindings';
import { FILE_SYSTEM_MODULES } from '../modules/fileSystemModules';

/**
 * `fs.watchFile(path, listener)` in a function of the code, in a file that never calls `fs.unwatchFile`: the poller
 * stats the file every interval (5 s by default) for as long as the process lives, and keeps its listener and what
 * that closes over, once for every call of the function (sauce-connect-launcher 0.17 watched its ready file on every
 * launch and never stopped watching; 1.0 unwatches it when the tunnel is up and when it exits). Not where the
 * watcher is armed at a module's top level or in a callback handed to other code (a watch mode's
 * `files.forEach((file) => fs.watchFile(file, rebuild))`, meant to last as long as the process), and not for a
 * `watchFile` of anything but `fs` or a drop-in replacement of it.
 */
export interface UnwatchedFile {
  readonly call: TSESTree.CallExpression;
  /** The function's name, as the message names it, or null for an unnamed one. */
  readonly owner: string | null;
}

/** The cheap test of a file's text: a `watchFile(` and no `unwatchFile` anywhere. */
export function mayLeaveFilesWatched(text: string): boolean {
  return text.includes('watchFile(') && !text.includes('unwatchFile');
}

export function findUnwatchedFile(sourceCode: SourceCode, call: TSESTree.CallExpression): UnwatchedFile | null {
  const reference = resolveModuleReference(sourceCode, call.callee);
  if (!reference || !FILE_SYSTEM_MODULES.has(reference.module) || reference.path[reference.path.length - 1] !== 'watchFile') return null;
  const owner = getEnclosingFunction(call);
  if (!owner || isHandedToCall(owner)) return null;
  return { call, owner: getFunctionName(owner) };
}

/** `items.forEach(function (item) { … })`, `server.on('x', () => …)`: a callback given to other code. */
function isHandedToCall(fn: TSESTree.Node): boolean {
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(position as TSESTree.CallExpressionArgument);
}
