import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, isClassConstructor, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { someMethodCallWithin } from './keptListeners';
import { EVENT_REMOVE_METHODS, LASTING_EMITTER_ADD_METHODS } from './listenerMethods';
import { enclosingInstanceMethod, methodName } from './teardownPaths';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A listener on one of `process`'s standard streams that instance code adds each time it runs (a method, the
 * constructor, a prototype method), though the listener uses nothing of the instance or of the call: no `this`, no
 * parameter or variable of the method. Every instance adds the same listener once more and nothing takes them off, so
 * they pile up on an object that lives as long as the process (Node warns of a leak at the eleventh) and each runs on
 * every event; the listener belongs at module level, once (@oclif/command 1.5.x added a `process.stdout` 'error'
 * listener in every command's `init()`; a later release added it once).
 */
export interface InstanceFreeListener {
  readonly call: TSESTree.CallExpression;
  /** `process.stdout`, `process.stderr` or `process.stdin`, as written. */
  readonly receiver: string;
  readonly verb: string;
  readonly event: string;
  /** The method (or constructor) that adds it. */
  readonly method: string;
}

/** The cheap test of a file's text. */
export function mayAddInstanceFreeListeners(text: string): boolean {
  return /process\.std(?:out|err|in)\.(?:on|addListener|prependListener)\(/.test(text);
}

const STANDARD_STREAMS: ReadonlySet<string> = new Set(['stdout', 'stderr', 'stdin']);

export function findInstanceFreeListener(sourceCode: SourceCode, call: TSESTree.CallExpression): InstanceFreeListener | null {
  const callee = getCalleeMember(call);
  const verb = callee ? getStaticPropertyName(callee) : null;
  const event = getStaticString(call.arguments[0]);
  const listener = call.arguments[1] ? skipExpressionWrappers(call.arguments[1]) : null;
  if (!callee || verb === null || !LASTING_EMITTER_ADD_METHODS.has(verb) || event === null || !isFunctionNode(listener) || call.arguments.length !== 2) return null;
  if (!isProcessStream(sourceCode, callee.object)) return null;
  const found = enclosingInstanceMethod(sourceCode, call);
  if (!found || getEnclosingFunction(call) !== found.method) return null;
  const method = methodName(found.instance, found.method) ?? (isClassConstructor(found.method) ? 'constructor' : null);
  if (method === null || usesTheCall(sourceCode, listener, found.method)) return null;
  const receiver = sourceCode.getText(callee.object);
  const removes = someMethodCallWithin(sourceCode.ast, (_, removal, from) => EVENT_REMOVE_METHODS.has(removal) && sourceCode.getText(from) === receiver);
  return removes ? null : { call, receiver, verb, event, method };
}

/**
 * `process.stdout`/`stderr`/`stdin`, with `process` the global. Not `process` itself: what listens to its signals and
 * lifecycle events (`SIGTERM`, `exit`, `uncaughtException`) is set up once by a daemon's or a service's one instance
 * (pm2's `handleSignals`, homebridge's `serviceMode`): a first cut that took `process` too reported 30 such sites in
 * 245 files, mostly that.
 */
function isProcessStream(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const stream = getStaticPropertyName(node);
  return stream !== null && STANDARD_STREAMS.has(stream) && isGlobalName(sourceCode, skipExpressionWrappers(node.object), 'process');
}

/**
 * The listener reads something of the instance or of this run: `this` (an arrow's is the instance's), or a variable
 * declared in the method around it (a parameter, a local, an alias of `this`).
 */
function usesTheCall(sourceCode: SourceCode, listener: FunctionNode, method: FunctionNode): boolean {
  const isArrow = listener.type === AST_NODE_TYPES.ArrowFunctionExpression;
  return someNodeWithin(
    listener.body,
    (node) => {
      if (node.type === AST_NODE_TYPES.ThisExpression) return isArrow;
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = findVariableOf(sourceCode, node)?.defs[0];
      const declared = definition?.name;
      return declared !== undefined && declared.range[0] >= method.range[0] && declared.range[1] <= method.range[1] && !(declared.range[0] >= listener.range[0] && declared.range[1] <= listener.range[1]);
    },
    // a nested arrow's `this` is the listener's; a nested function's is its own
    (node) => !(isFunctionNode(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression),
  );
}
