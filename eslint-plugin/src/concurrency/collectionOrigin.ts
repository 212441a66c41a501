import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { BoundedWalk } from '../core/boundedWalk';
import { getCalleeMember, getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import type { AnyRuleContext } from '../core/ruleContext';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { getCallbackKind } from '../roles/asyncContext';
import { isExportedFunction } from '../modules/exportedValues';

/**
 * Why a collection can be as large as the outside world makes it, which is what makes a fan-out over it
 * dangerous. Without such evidence a collection is usually small by construction (address families, the
 * brokers of a cluster, the parameters of one constructor, configured transports) and the fan-out is the
 * intended design:
 * - `io-result`: the result of I/O: an awaited call (`const rows = await db.query(…)`, `(await res.json()).items`),
 *   a directory listing, text split into lines, parsed JSON;
 * - `request`: a request's payload (`req.body.ids`, `ctx.request.body`, `req.query`, `event.Records`);
 * - `caller`: a parameter named as a data set (`urls`, `files`, `userIds`, `records`, `rows`…, or a container of such: `fileList`) of a function
 *   other code calls with data of its own.
 */
export type CollectionOrigin = 'io-result' | 'request' | 'caller';

/** How far a collection is followed through bindings, wrappers and element-wise methods. */
const ORIGIN_LIMITS = { maxDepth: 8 };

/** Methods whose result has at most as many elements as their receiver, or one per element. */
const ELEMENTWISE_METHODS: ReadonlySet<string> = new Set([
  'filter', 'map', 'flatMap', 'flat', 'reverse', 'toReversed', 'sort', 'toSorted', 'keys', 'values', 'entries', 'concat', 'slice',
]);

/** Calls whose result is data read from outside: `readdirSync`, `split`, `JSON.parse`, `glob.sync`. */
const READ_RESULT_METHODS: ReadonlySet<string> = new Set(['readdirSync', 'split', 'parse', 'sync', 'globSync', 'readdir', 'readlines']);

/** Properties of a request that carry the client's payload. */
const REQUEST_PAYLOAD_PROPERTIES: ReadonlySet<string> = new Set(['body', 'query', 'files', 'Records']);

/** Last words of a parameter's name that say it holds a data set of unknown size. */
const DATA_SET_WORDS: ReadonlySet<string> = new Set([
  'urls', 'uris', 'links', 'files', 'filenames', 'paths', 'ids', 'items', 'records', 'rows', 'entries', 'users', 'accounts',
  'customers', 'orders', 'products', 'messages', 'emails', 'recipients', 'documents', 'docs', 'objects', 'images', 'photos',
  'uploads', 'attachments', 'jobs', 'posts', 'comments', 'repos', 'repositories', 'packages', 'payloads', 'body', 'models', 'tables',
]);

/** Where the elements of `collection` come from, when that makes its size the outside world's choice; null otherwise. */
export function getCollectionOrigin(context: AnyRuleContext, collection: TSESTree.Node): CollectionOrigin | null {
  return originOf(context, collection, new BoundedWalk(ORIGIN_LIMITS));
}

function originOf(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): CollectionOrigin | null {
  return walk.enter(raw, null, () => originOfStep(context, raw, walk));
}

function originOfStep(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): CollectionOrigin | null {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return 'io-result';
    case AST_NODE_TYPES.CallExpression: {
      const member = getCalleeMember(node);
      const method = member ? getStaticPropertyName(member) : node.callee.type === AST_NODE_TYPES.Identifier ? node.callee.name : null;
      if (method !== null && READ_RESULT_METHODS.has(method)) return 'io-result';
      // Array.from(xs), Object.keys(xs), Object.entries(xs)
      const [first] = node.arguments;
      const receiver = member ? skipExpressionWrappers(member.object) : null;
      if (receiver?.type === AST_NODE_TYPES.Identifier && (receiver.name === 'Object' || receiver.name === 'Array')) {
        return first && first.type !== AST_NODE_TYPES.SpreadElement ? originOf(context, first, walk) : null;
      }
      if (member && method !== null && ELEMENTWISE_METHODS.has(method)) return originOf(context, member.object, walk);
      return null;
    }
    case AST_NODE_TYPES.ArrayExpression: {
      // [...xs] or [...new Set(xs)]
      const spreads = node.elements.filter((element): element is TSESTree.SpreadElement => element?.type === AST_NODE_TYPES.SpreadElement);
      for (const spread of spreads) {
        const origin = originOf(context, spread.argument, walk);
        if (origin) return origin;
      }
      return null;
    }
    case AST_NODE_TYPES.NewExpression: {
      const [first] = node.arguments;
      return first && first.type !== AST_NODE_TYPES.SpreadElement ? originOf(context, first, walk) : null;
    }
    case AST_NODE_TYPES.MemberExpression:
      return memberOrigin(context, node, walk);
    case AST_NODE_TYPES.Identifier:
      return identifierOrigin(context, node, walk);
    default:
      return null;
  }
}

/** `req.body.ids`, `(await res.json()).items`, `result.rows`, `this.options.urls`. */
function memberOrigin(context: AnyRuleContext, member: TSESTree.MemberExpression, walk: BoundedWalk): CollectionOrigin | null {
  for (let current: TSESTree.Node = member; current.type === AST_NODE_TYPES.MemberExpression; current = skipExpressionWrappers(current.object)) {
    const property = getStaticPropertyName(current);
    const object = skipExpressionWrappers(current.object);
    if (property !== null && REQUEST_PAYLOAD_PROPERTIES.has(property) && isRequestObject(context, object)) return 'request';
    if (object.type !== AST_NODE_TYPES.MemberExpression) {
      const origin = originOf(context, object, walk);
      // `result.rows` of an I/O result is I/O data; a property of a caller's parameter is the caller's data only by its own name
      if (origin === 'io-result' || origin === 'request') return origin;
      return origin === 'caller' && isDataSetName(getStaticPropertyName(member)) ? 'caller' : null;
    }
  }
  return null;
}

function identifierOrigin(context: AnyRuleContext, identifier: TSESTree.Identifier, walk: BoundedWalk): CollectionOrigin | null {
  const variable = findVariableOf(context.sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  if (definition.type === 'Parameter') {
    const fn = definition.node;
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) return null;
    if (getCallbackKind(context.sourceCode, fn) === 'request-handler' && fn.params[0] === definition.name) return null; // the request itself
    return isDataSetName(identifier.name) ? 'caller' : originFromCallers(context, fn, definition.name, walk);
  }
  if (definition.type !== 'Variable' || !isNeverReassigned(variable)) return null;
  const declarator = definition.node;
  if (!declarator.init) return null;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return originOf(context, declarator.init, walk);
  // const { rows } = await db.query(…); const { ids } = req.body
  const origin = originOf(context, declarator.init, walk);
  return origin === 'io-result' || origin === 'request' ? origin : null;
}

/**
 * For a parameter of a function the file declares with a name (`function uploadResources(targets) { … }`,
 * `const upload = (targets) => …`): the origin every call of it in the file gives that argument, when there is at least
 * one call and all of them hand it I/O data or a request's payload (`uploadResources(await readTargets(), logger)`).
 * A function that is also used as a value (exported, handed on) or exported has callers the file does not show: none
 * then.
 */
function originFromCallers(context: AnyRuleContext, fn: TSESTree.FunctionLike, parameter: TSESTree.Node, walk: BoundedWalk): CollectionOrigin | null {
  const index = fn.params.indexOf(parameter as TSESTree.Parameter);
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent.id : null;
  if (index < 0 || !name || name.type !== AST_NODE_TYPES.Identifier || isExportedFunction(context.sourceCode, fn)) return null;
  const variable = findVariableOf(context.sourceCode, name);
  if (!variable || !isNeverReassigned(variable)) return null;
  let found: CollectionOrigin | null = null;
  for (const reference of variable.references) {
    if (reference.identifier === name) continue;
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return null;
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
    const origin = originOf(context, argument, walk);
    if (origin !== 'io-result' && origin !== 'request') return null;
    found = origin;
  }
  return found;
}

/** The first parameter of a request handler (`req`, `ctx`), or a name that says so inside one. */
function isRequestObject(context: AnyRuleContext, raw: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw);
  // ctx.request.body
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    if (getStaticPropertyName(node) !== 'request') return false;
    node = skipExpressionWrappers(node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(context.sourceCode, node)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const fn = definition.node;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) return false;
  if (fn.params[0] !== definition.name) return false;
  return getCallbackKind(context.sourceCode, fn) === 'request-handler' || node.name === 'event' || node.name === 'req' || node.name === 'request';
}

/** Last words that name a container, whose word before says what it holds (`fileList`, `urlArray`, `idSet`). */
const CONTAINER_WORDS: ReadonlySet<string> = new Set(['list', 'array', 'arr', 'set']);

function isDataSetName(name: string | null): boolean {
  if (name === null) return false;
  const words = splitIdentifierWords(name);
  let last = words.pop();
  // `fileList`, `filesArray`: the word before the container, singular or plural
  if (last !== undefined && CONTAINER_WORDS.has(last)) {
    const held = words.pop();
    if (held === undefined) return false;
    last = DATA_SET_WORDS.has(held) ? held : held.endsWith('y') ? `${held.slice(0, -1)}ies` : `${held}s`;
  }
  return last !== undefined && DATA_SET_WORDS.has(last);
}
