import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getStaticPropertyName, getStaticString, getTrailingName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf, getConstInit } from '../core/scope';
import { getCallbackKind } from '../roles/asyncContext';
import { REQUEST_PARAMETER_NAMES } from '../roles/handlerParameters';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A stream piped into the response of a request handler with `.pipe()` and nothing that destroys it when the
 * response closes first. `source.pipe(res)` stops reading when `res` closes (the client went away before the
 * end) but leaves `source` open and paused for good: a file stream keeps its descriptor, a body downloaded
 * from another server (an S3 object, an upstream response) keeps its socket out of the agent's pool. Node's
 * `stream.pipeline` destroys both ends on close or error; so does a `close` listener that destroys the source.
 */
export interface ResponsePipe {
  /** The `.pipe(res)` call. */
  readonly call: TSESTree.CallExpression;
  /** The stream that stays open: the receiver of the first `.pipe` of the chain, past `.on(…)` calls. */
  readonly source: TSESTree.Node;
  /** The handler's response parameter. */
  readonly response: TSESTree.Identifier;
}

/** The methods of a readable that return the stream itself, so `s.on('error', f).pipe(res)` pipes `s`. */
const SELF_RETURNING_METHODS: ReadonlySet<string> = new Set([
  'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'setEncoding', 'pause', 'resume', 'pipe',
]);

/**
 * Calls that tie a stream's end to the response's (`pipeline`, `finished`, `on-finished`, `end-of-stream`,
 * `pump`): a handler that calls one of them handles the early close itself, whatever it passes.
 */
const CLOSE_HANDLING_CALLS: ReadonlySet<string> = new Set(['pipeline', 'finished', 'eos', 'endOfStream', 'onFinished', 'pump']);

/** Events of the request or response that say the client went away (a listener on one is the close handling). */
const CLOSE_EVENTS: ReadonlySet<string> = new Set(['close', 'aborted', 'finish']);

/** Methods that release the source when called on it. */
const SOURCE_RELEASES: ReadonlySet<string> = new Set(['destroy', 'abort', 'close']);

/**
 * Names of calls that open a stream over a handle or a connection: `fs.createReadStream`,
 * `file.createReadStream()` (cloud storage), `got.stream(url)`, `cursor.stream()`, `bucket.openDownloadStream(id)`,
 * `blob.download()`.
 */
const OPENING_CALL = /(?:^stream$|ReadStream$|DownloadStream$|^download)/i;

/** Properties that hold a body downloaded from another server: `s3Result.Body`, `response.body`, axios's `response.data`. */
const DOWNLOADED_BODIES: ReadonlySet<string> = new Set(['Body', 'body', 'readableStreamBody', 'data']);

/** How many `const` aliases the source is followed through. */
const MAX_ALIASES = 8;

/** Methods whose callback receives another server's response: `http.get(url, (upstream) => …)`. */
const UPSTREAM_CALLS: ReadonlySet<string> = new Set(['get', 'request']);

/** The unguarded response pipe `call` is, or null (not a `.pipe` into a handler's response, or guarded). */
export function findResponsePipe(sourceCode: SourceCode, call: TSESTree.CallExpression): ResponsePipe | null {
  const member = getCalleeMember(call);
  if (!member || getStaticPropertyName(member) !== 'pipe') return null;
  const target = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  if (target?.type !== AST_NODE_TYPES.Identifier) return null;
  const handler = getResponseHandler(sourceCode, target);
  if (!handler) return null;
  const source = getPipedSource(member.object);
  if (!holdsHandleOrConnection(sourceCode, source, handler)) return null;
  if (handlesEarlyClose(sourceCode, handler, source)) return null;
  return { call, source, response: target };
}

/**
 * The `(req, res)` handler whose second parameter `identifier` is: its first parameter is named `req` or
 * `request`, or it is given where a server or router calls it with a request.
 */
function getResponseHandler(sourceCode: SourceCode, identifier: TSESTree.Identifier): FunctionNode | null {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  if (definition?.type !== 'Parameter') return null;
  const fn = definition.node;
  if (!isFunctionNode(fn) || fn.params[1] !== definition.name) return null;
  const first = fn.params[0];
  if (first?.type === AST_NODE_TYPES.Identifier && REQUEST_PARAMETER_NAMES.has(first.name)) return fn;
  return getCallbackKind(sourceCode, fn) === 'request-handler' ? fn : null;
}

/** The stream a `.pipe` chain starts from: `a.on('error', f).pipe(gzip).pipe(res)` → `a`. */
export function getPipedSource(receiver: TSESTree.Node): TSESTree.Node {
  let current = skipExpressionWrappers(receiver);
  for (;;) {
    if (current.type !== AST_NODE_TYPES.CallExpression) return current;
    const member = getCalleeMember(current);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null || !SELF_RETURNING_METHODS.has(method)) return current;
    current = skipExpressionWrappers(member.object);
  }
}

/**
 * True when the code says the stream reads from a file or another server: it was opened by a call named for
 * that (`createReadStream`, `stream`, `download…`), it is a downloaded body (`.Body`, `.body`, `.data`), or
 * it is the response an `http.get`/`request` callback receives. Streams of values in memory (a PDF or an
 * archive being generated, `Readable.from(rows)`) hold nothing the garbage collector does not take back,
 * and the request itself closes with the response: neither is reported.
 */
function holdsHandleOrConnection(sourceCode: SourceCode, source: TSESTree.Node, handler: FunctionNode): boolean {
  let value = skipExpressionWrappers(source);
  // through `const` aliases, a few at most (`const a = b; const b = a;` parses, so the loop is bounded)
  for (let aliases = 0; ; aliases++) {
    if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipExpressionWrappers(value.argument);
    if (value.type !== AST_NODE_TYPES.Identifier) break;
    const init = aliases < MAX_ALIASES ? getConstInit(sourceCode, value) : null;
    if (!init) return isDownloadedBodyBinding(sourceCode, value) || isUpstreamResponse(sourceCode, value, handler);
    value = init;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) return DOWNLOADED_BODIES.has(getStaticPropertyName(value) ?? '');
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getTrailingName(value.callee);
  return name !== null && OPENING_CALL.test(name);
}

/** `const { Body } = await s3.send(command)`: a binding destructured out of a downloaded body's property. */
function isDownloadedBodyBinding(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  if (definition?.type !== 'Variable') return false;
  const property = definition.name.parent;
  return property?.type === AST_NODE_TYPES.Property && property.value === definition.name && DOWNLOADED_BODIES.has(getStaticPropertyName(property) ?? '');
}

/** The first parameter of a callback, inside the handler, given to `http.get(…)` / `request(…)`: another server's response. */
function isUpstreamResponse(sourceCode: SourceCode, identifier: TSESTree.Identifier, handler: FunctionNode): boolean {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const callback = definition.node;
  if (callback === handler || !isFunctionNode(callback) || callback.params[0] !== definition.name) return false;
  const call = callback.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as readonly TSESTree.Node[]).includes(callback)) return false;
  const name = getTrailingName(call.callee);
  return name !== null && UPSTREAM_CALLS.has(name);
}

/**
 * True when the handler deals with the client going away: a `pipeline`/`finished`-like call, a `close`,
 * `aborted` or `finish` listener on its request or response (or on anything reached through them), or a
 * `destroy()`/`abort()`/`close()` of the source. Any of them anywhere in the handler counts: precision first.
 */
function handlesEarlyClose(sourceCode: SourceCode, handler: FunctionNode, source: TSESTree.Node): boolean {
  const parameters = new Set(handler.params.slice(0, 2));
  const sourceText = sourceCode.getText(source);
  let handled = false;
  walk(handler.body, (node) => {
    if (handled) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    if (isCloseHandlingCall(node)) {
      handled = true;
      return false;
    }
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null) return true;
    if (SOURCE_RELEASES.has(method) && sourceCode.getText(skipExpressionWrappers(member.object)) === sourceText) handled = true;
    else if (isCloseListener(node, method) && startsFromParameter(sourceCode, member.object, parameters)) handled = true;
    return !handled;
  });
  return handled;
}

/** `pipeline(…)`, `stream.finished(…)`, `onFinished(…)`, `pump(…)`…: a call that ties a stream's end to another's. */
export function isCloseHandlingCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name !== null && CLOSE_HANDLING_CALLS.has(name);
}

function isCloseListener(call: TSESTree.CallExpression, method: string): boolean {
  if (method !== 'on' && method !== 'once' && method !== 'addListener' && method !== 'prependListener') return false;
  const event = getStaticString(call.arguments[0]);
  return event !== null && CLOSE_EVENTS.has(event);
}

/** `res`, `req.socket`, `res.on('x', f)`: an expression rooted at one of the handler's parameters. */
function startsFromParameter(sourceCode: SourceCode, node: TSESTree.Node, parameters: ReadonlySet<TSESTree.Node>): boolean {
  let current = skipExpressionWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipExpressionWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = skipExpressionWrappers(current.callee);
    else break;
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(sourceCode, current)?.defs[0];
  return definition?.type === 'Parameter' && parameters.has(definition.name);
}
