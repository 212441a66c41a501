import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getOutermostWrapper, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { exportPath, resolveModuleReference } from '../modules/moduleBindings';
import { FILE_SYSTEM_MODULES } from '../modules/fileSystemModules';

/**
 * A file descriptor that callback-style `fs.open(path, flags, (err, fd) => …)` hands to its callback and that nothing
 * closes: the callback and the callbacks nested in it use `fd` only for reads and writes through `fs` (or not at all),
 * and no `fs.close(fd)` exists. Each call leaks one descriptor until the process hits its limit (EMFILE)
 * (rotating-file-stream 1.2.1's `touch()`, carbone 1.1.0's `isZipped()`).
 */
export interface DescriptorNeverClosed {
  /** The `fs.open(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The callback's name for the descriptor (`fd`). */
  readonly name: string;
  /** The descriptor is never read at all (opened only to create the file, or by mistake). */
  readonly unused: boolean;
}

/** `fs` functions that take a descriptor first and keep it open: its uses that hand nothing on. */
const DESCRIPTOR_USES: ReadonlySet<string> = new Set([
  'read', 'write', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'futimes', 'fchmod', 'fchown', 'readSync', 'writeSync', 'fstatSync',
  'fsyncSync', 'fdatasyncSync', 'ftruncateSync', 'futimesSync', 'fchmodSync', 'fchownSync', 'readv', 'writev',
]);

const DESCRIPTOR_CLOSES: ReadonlySet<string> = new Set(['close', 'closeSync']);

/** The cheap test of a file's text. */
export function mayLeakCallbackDescriptors(text: string): boolean {
  return text.includes('.open(');
}

/** For `fs.open(…, (err, fd) => …)`: the report when the callback's descriptor is never closed nor handed on; else null. */
export function findDescriptorNeverClosed(sourceCode: SourceCode, call: TSESTree.CallExpression): DescriptorNeverClosed | null {
  if (fsFunctionOf(sourceCode, call.callee) !== 'open' || call.arguments.length < 2) return null;
  const callback = skipExpressionWrappers(call.arguments[call.arguments.length - 1]!);
  if (!isFunctionNode(callback)) return null;
  const parameter = callback.params[1];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, parameter);
  if (!variable) return null;
  let reads = 0;
  for (const reference of variable.references) {
    if (reference.init || reference.identifier === parameter) continue;
    if (!reference.isRead() || reference.isWrite() || reference.identifier.type !== AST_NODE_TYPES.Identifier) return null;
    const use = descriptorCallOf(sourceCode, reference.identifier);
    // closed, or handed to anything but an `fs` read or write (a stream, a field, the caller): not judged
    if (use === null || DESCRIPTOR_CLOSES.has(use) || !DESCRIPTOR_USES.has(use)) return null;
    reads++;
  }
  return { call, name: parameter.name, unused: reads === 0 };
}

/** The `fs` function a call of `identifier` as its first argument is (`fs.read(fd, …)` → `read`), or null. */
function descriptorCallOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): string | null {
  const position = getOutermostWrapper(identifier);
  const parent = position.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== position) return null;
  return fsFunctionOf(sourceCode, parent.callee);
}

/** `fs.open`, `require('graceful-fs').read`, `import { close } from 'fs'`: the function's name, or null for anything else. */
function fsFunctionOf(sourceCode: SourceCode, callee: TSESTree.Node): string | null {
  const reference = resolveModuleReference(sourceCode, callee);
  if (!reference || !FILE_SYSTEM_MODULES.has(reference.module)) return null;
  const path = exportPath(reference);
  return path.length === 1 ? path[0]! : null;
}
