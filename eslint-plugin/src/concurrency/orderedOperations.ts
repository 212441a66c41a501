import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName, getStaticString, skipExpressionWrappers, skipIndirectCallee } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';

/**
 * Verbs that, as the first word of a function or method name, say the operation changes state, waits on
 * purpose or runs something whose order matters: writes and deletes, process runs, connections and
 * transactions, locks, sleeps, tests and browser steps. Two such operations are never reordered.
 */
const ORDERED_FIRST_WORDS: ReadonlySet<string> = new Set([
  // writes
  'write', 'append', 'save', 'store', 'persist', 'put', 'post', 'patch', 'insert', 'update', 'upsert', 'replace', 'set',
  'add', 'push', 'increment', 'decrement', 'incr', 'decr', 'assign', 'attach', 'detach', 'mark', 'record', 'log', 'track',
  // deletes and file system changes
  'delete', 'del', 'remove', 'rm', 'rmdir', 'unlink', 'mkdir', 'mkdirp', 'mkdtemp', 'rename', 'move', 'mv', 'copy', 'cp',
  'create', 'make', 'ensure', 'touch', 'chmod', 'chown', 'symlink', 'link', 'truncate', 'drop', 'clear', 'reset', 'purge',
  'clean', 'cleanup', 'prune', 'empty', 'invalidate', 'evict', 'expire', 'refresh', 'reload',
  // messages and events
  'send', 'emit', 'publish', 'dispatch', 'notify', 'broadcast', 'enqueue', 'dequeue', 'ack', 'nack', 'reply', 'respond',
  'pipe', 'pipeline', 'stream', 'upload', 'download', 'transfer', 'charge', 'pay', 'refund', 'withdraw', 'deposit',
  // processes and builds
  'exec', 'execa', 'execute', 'spawn', 'fork', 'run', 'sh', 'shell', 'command', 'cmd', 'invoke', 'call', 'apply',
  'build', 'compile', 'bundle', 'deploy', 'install', 'uninstall', 'migrate', 'seed', 'generate', 'render', 'process',
  // lifecycle and connections
  'start', 'stop', 'restart', 'resume', 'close', 'end', 'finish', 'destroy', 'dispose', 'shutdown', 'kill', 'terminate',
  'abort', 'cancel', 'connect', 'disconnect', 'reconnect', 'open', 'listen', 'bind', 'init', 'initialize', 'setup',
  'teardown', 'register', 'unregister', 'subscribe', 'unsubscribe', 'mount', 'unmount', 'enable', 'disable', 'activate',
  'deactivate', 'login', 'logout', 'signin', 'signout', 'signup', 'authenticate', 'authorize', 'approve', 'reject',
  'confirm', 'commit', 'rollback', 'begin', 'transaction', 'lock', 'unlock', 'acquire', 'release', 'flush', 'sync',
  'drain', 'swap', 'switch', 'use', 'import', 'export', 'submit', 'retry',
  // waiting
  'sleep', 'delay', 'wait', 'pause', 'timeout', 'tick', 'yield', 'next', 'poll', 'until', 'defer', 'nap', 'backoff',
  'setTimeout', 'setImmediate', 'settimeout', 'setimmediate',
  // tests and UI steps
  'test', 'it', 'describe', 'suite', 'step', 'expect', 'assert', 'click', 'type', 'press', 'fill', 'goto', 'navigate',
  'hover', 'focus', 'scroll', 'drag', 'uncheck', 'tap', 'keyboard', 'screenshot', 'prompt', 'ask',
  'question',
]);

/** Verbs that say "changes state" anywhere in a name (`findOneAndUpdate`, `getOrCreate`, `bulkWrite`). */
const ORDERED_ANY_WORDS: ReadonlySet<string> = new Set([
  'update', 'upsert', 'delete', 'insert', 'create', 'remove', 'write', 'save', 'send', 'publish', 'destroy', 'drop',
  'truncate', 'exec', 'execute', 'spawn', 'unlink', 'rename', 'mkdir', 'append', 'emit', 'commit', 'rollback', 'migrate',
  'lock', 'unlock', 'sleep', 'delay', 'wait',
]);

/** Names of single-purpose tools whose calls run commands: `$`, `execa`, `zx`. */
const ORDERED_NAMES: ReadonlySet<string> = new Set(['$', 'execa', 'execaCommand', 'zx', 'git', 'npm', 'docker', 'kubectl']);

/** HTTP methods that do not change state. */
const SAFE_HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when an awaited call should keep its place in a sequence: its name says it writes, deletes, runs a
 * process, sleeps, locks, steps a test or a browser (see the word lists above), or it is an HTTP request with a
 * `method` other than GET/HEAD/OPTIONS (`fetch(url, { method: "POST" })`).
 */
export function isOrderedOperation(call: TSESTree.CallExpression): boolean {
  const name = getOperationName(call);
  if (name !== null) {
    if (ORDERED_NAMES.has(name)) return true;
    const words = splitIdentifierWords(name);
    const [first] = words;
    if (first !== undefined && ORDERED_FIRST_WORDS.has(first)) return true;
    if (words.some((word) => ORDERED_ANY_WORDS.has(word))) return true;
  }
  return hasUnsafeHttpMethod(call);
}

/**
 * The name of what a call runs: `f` for `f()`, `m` for `a.b.m()`, the inner name for `g().then(…)`, `setTimeout` for
 * a compiled call `(0, promises_1.setTimeout)(ms)`.
 */
export function getOperationName(call: TSESTree.CallExpression): string | null {
  let callee = skipIndirectCallee(call.callee);
  for (let steps = 0; steps < 16 && callee.type === AST_NODE_TYPES.MemberExpression; steps++) {
    const name = getStaticPropertyName(callee);
    if (name !== 'then' && name !== 'catch' && name !== 'finally') return name;
    const inner = skipExpressionWrappers(callee.object);
    if (inner.type !== AST_NODE_TYPES.CallExpression) return null;
    callee = skipIndirectCallee(inner.callee);
  }
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
}

function hasUnsafeHttpMethod(call: TSESTree.CallExpression): boolean {
  for (const argument of call.arguments) {
    const node = skipExpressionWrappers(argument);
    if (node.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property || getStaticPropertyName(property) !== 'method') continue;
      const method = getStaticString(property.value);
      if (method === null || !SAFE_HTTP_METHODS.has(method.toUpperCase())) return true;
    }
  }
  return false;
}
