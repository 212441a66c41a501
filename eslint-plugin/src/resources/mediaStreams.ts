import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getOutermostWrapper, getPlainPropertyRead, getTrailingName, skipExpressionWrappers } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';

/**
 * A camera or microphone stream (`await navigator.mediaDevices.getUserMedia(…)`, `getDisplayMedia(…)`, or the file's
 * own wrapper of that name) that the code opens and never stops, hands on or keeps: the device stays in use, its
 * indicator on, until the page goes away (expo-camera 16.0's web permission request opened the camera to trigger
 * the prompt and dropped the stream; 16.1 stops its tracks). Reported when the awaited stream is dropped (a
 * statement), or held in a variable that is never read but for its plain properties (`stream.id`, `stream.active`):
 * any other use (its tracks, a call it is given to, an `srcObject`, a return) may stop it or hand it on.
 */
export interface MediaStreamNotStopped {
  /** The `getUserMedia(…)` call. */
  readonly call: TSESTree.CallExpression;
  readonly method: string;
}

const CAPTURE_METHODS: ReadonlySet<string> = new Set(['getUserMedia', 'getDisplayMedia']);

/** The cheap test of a file's text. */
export function mayOpenMediaStreams(text: string): boolean {
  return text.includes('getUserMedia(') || text.includes('getDisplayMedia(');
}

export function findMediaStreamNotStopped(sourceCode: SourceCode, call: TSESTree.CallExpression): MediaStreamNotStopped | null {
  const method = getTrailingName(skipExpressionWrappers(call.callee));
  // the legacy callback form (`getUserMedia(constraints, onSuccess, onError)`) hands the stream to its callbacks
  if (method === null || !CAPTURE_METHODS.has(method) || call.arguments.length > 1) return null;
  const awaited = getOutermostWrapper(call).parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const position = getOutermostWrapper(awaited);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return { call, method };
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== position || parent.id.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, parent.id);
  if (!variable || variable.references.some((reference) => !reference.init && (reference.identifier.type !== AST_NODE_TYPES.Identifier || !isPlainPropertyRead(reference.identifier)))) return null;
  return { call, method };
}

/** `stream.id`, `stream.active` read as a value (not its tracks, not a method called, not written). */
function isPlainPropertyRead(identifier: TSESTree.Identifier): boolean {
  const read = getPlainPropertyRead(identifier);
  return read !== null && !/tracks?$/i.test(read.name) && read.name !== 'stop';
}
