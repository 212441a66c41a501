import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isCallbackArgument, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isThisAlias } from '../core/thisBinding';

/**
 * `x.then((docs) => res.json(docs))`, `x.then((result) => observer.next(result))`, a Node-RED node's
 * `x.then((link) => node.send(msg))`: the chain's value answers whoever waits (an HTTP request, a subscriber, the next
 * node of a flow) and its failure reaches nobody: on a failure the request is never answered (or the subscription
 * never ends), and the rejection goes unhandled (graphql-ruby-client 1.7.9 ends its Ably handler's fetch chain with
 * `.catch((error) => observer.onError(error))`; node-red-contrib-telegrambot 19 catches its file-link chains).
 * The answer may be given from a callback the handler passes on, as for `resolve`.
 */
export function forwardsOnlyAnswer(sourceCode: SourceCode, chain: TSESTree.CallExpression): boolean {
  const nodeRed = sourceCode.text.includes('nodes.createNode(');
  return fulfilledHandlerCalls(chain, (call) => isAnswerCall(sourceCode, call, nodeRed));
}

/**
 * The chain's inline fulfilled handler (`x.then((value) => …)`) makes a call `test` accepts, in its own code or in a
 * callback it passes on (`fs.writeFile(file, data, (err) => …)`), not in a function it stores or returns.
 */
export function fulfilledHandlerCalls(chain: TSESTree.CallExpression, test: (call: TSESTree.CallExpression) => boolean): boolean {
  const raw = chain.arguments[0];
  const handler = raw && raw.type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(raw) : null;
  if (!handler || !isFunctionNode(handler)) return false;
  return someNodeWithin(handler.body, (node) => node.type === AST_NODE_TYPES.CallExpression && test(node), (node) => !isFunctionNode(node) || isCallbackArgument(node));
}

/** Methods of an Express-style response that answer the request. */
const RESPONSE_ANSWERS: ReadonlySet<string> = new Set(['send', 'json', 'jsonp', 'end', 'render', 'sendFile', 'sendStatus', 'redirect']);
const REQUEST_PARAMETER = /^(?:req|request)$/;
const RESPONSE_PARAMETER = /^(?:res|response)$/;
const OBSERVER_PARAMETER = /^(?:observer|subscriber|sink)$/;

/**
 * `res.json(…)` (also `res.status(500).send(…)`) on a handler's response parameter (a `res`/`response` after a
 * `req`/`request`), `observer.next(…)`/`onNext(…)` on an `observer`/`subscriber`/`sink` parameter, or, in a Node-RED
 * node's file, `node.send(…)` on the node (`this` or a name of it).
 */
function isAnswerCall(sourceCode: SourceCode, call: TSESTree.CallExpression, nodeRed: boolean): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  let receiver = skipExpressionWrappers(callee.object);
  if (nodeRed && method === 'send' && isNodeRedNode(sourceCode, receiver)) return true;
  if (method === 'next' || method === 'onNext') return receiver.type === AST_NODE_TYPES.Identifier && OBSERVER_PARAMETER.test(receiver.name) && isParameter(sourceCode, receiver);
  if (!RESPONSE_ANSWERS.has(method)) return false;
  // res.status(404).json(…)
  if (receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(receiver.callee) === 'status') receiver = skipExpressionWrappers(receiver.callee.object);
  if (receiver.type !== AST_NODE_TYPES.Identifier || !RESPONSE_PARAMETER.test(receiver.name)) return false;
  const definition = findVariableOf(sourceCode, receiver)?.defs[0];
  const fn = definition?.type === 'Parameter' ? definition.node : null;
  if (!fn || !isFunctionNode(fn)) return false;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === receiver.name);
  const previous = index > 0 ? fn.params[index - 1] : undefined;
  return previous?.type === AST_NODE_TYPES.Identifier && REQUEST_PARAMETER.test(previous.name);
}

/** `this` in a Node-RED node's file, or the name its constructor gives it (`const node = this`, any name). */
function isNodeRedNode(sourceCode: SourceCode, receiver: TSESTree.Node): boolean {
  if (receiver.type === AST_NODE_TYPES.ThisExpression) return true;
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  if (isThisAlias(sourceCode, receiver)) return true;
  const definition = findVariableOf(sourceCode, receiver)?.defs[0];
  return definition?.type === 'Variable' && definition.node.init !== null && skipExpressionWrappers(definition.node.init).type === AST_NODE_TYPES.ThisExpression;
}

function isParameter(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  return findVariableOf(sourceCode, name)?.defs[0]?.type === 'Parameter';
}
