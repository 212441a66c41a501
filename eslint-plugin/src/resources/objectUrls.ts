import type { TSESTree } from '@typescript-eslint/utils';

import { getOutermostWrapper, getStaticPropertyName, getTrailingName, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';

/**
 * An object URL (`URL.createObjectURL(blob)`) handed straight to a worker's constructor, `new Worker(URL.createObjectURL(blob))`,
 * and kept nowhere: nothing can ever revoke it, so the Blob it names stays in memory for as long as the page (or the
 * process) lives, one more for every worker made (worker-loader 2.0.0's inline workers; 3.0.0 keeps the URL and revokes
 * it once the worker is constructed, which is all a worker needs of it).
 *
 * Only a worker's constructor (`Worker`, `SharedWorker`, a name ending in `Worker`) and `importScripts(…)`: both read the
 * script when they are called, so the URL is done with right after. An object URL handed to anything else may be kept
 * by it and revoked through it later (`setPreview(URL.createObjectURL(file))` keeps it in a component's state, which
 * an effect's cleanup revokes; `new Audio(url)` keeps it as `audio.src`): not reported.
 */
export interface UnrevocableObjectUrl {
  /** The `URL.createObjectURL(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** What it is handed to, for messages: `new Worker`, `importScripts`. */
  readonly consumer: string;
}

/** The cheap test of a file's text. */
export function mayCreateObjectUrls(text: string): boolean {
  return text.includes('createObjectURL(');
}

export function findUnrevocableObjectUrl(call: TSESTree.CallExpression): UnrevocableObjectUrl | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'createObjectURL' || call.arguments.length !== 1) return null;
  const position = getOutermostWrapper(call);
  const consumer = position.parent;
  if (!consumer || (consumer.type !== AST_NODE_TYPES.NewExpression && consumer.type !== AST_NODE_TYPES.CallExpression) || consumer.arguments[0] !== position) return null;
  const name = getTrailingName(skipExpressionWrappers(consumer.callee));
  if (name === null) return null;
  if (consumer.type === AST_NODE_TYPES.NewExpression && /Worker$/.test(name)) return { call, consumer: `new ${name}` };
  if (consumer.type === AST_NODE_TYPES.CallExpression && name === 'importScripts') return { call, consumer: name };
  return null;
}
