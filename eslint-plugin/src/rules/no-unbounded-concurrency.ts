import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { shortText } from '../core/ast';
import { analyzeFanOut, ASYNC_COLLECTION_METHOD_SET, type FanOut, findLimitGivenToArrayMap, isPoolHelperApi, isUnboundedFanOut, type PoolHelperApi } from '../concurrency/fanOut';
import type { CollectionOrigin } from '../concurrency/collectionOrigin';
import { createRule } from '../core/createRule';
import { reportLocation } from '../core/reportLocation';

export type Options = [];

export type MessageIds = 'unboundedAsyncCollection' | 'unboundedFanOut' | 'unboundedLoopFanOut' | 'missingConcurrency' | 'limitGivenToArrayMap';

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow starting one async task per element of a collection whose size nothing bounds',
      strict: true,
      requiresTypeChecking: false,
    },
    messages: {
      unboundedAsyncCollection:
        '`{{api}}` runs the iteratee for every element of `{{collection}}` at once, each starting I/O, and nothing bounds how many that is: `{{collection}}` {{origin}}, so a large one opens that many sockets, files or queries together. Use `{{limited}}(…, n, …)` with a limit, or `{{serial}}` to run one at a time.',
      unboundedFanOut:
        '`{{api}}` starts one I/O task per element of `{{collection}}` all at once, and nothing bounds how many that is: `{{collection}}` {{origin}}, so a large one opens that many sockets, files or queries together and can exhaust them or overload the service. Limit the concurrency (p-limit, p-map with `concurrency`, a semaphore) or process `{{collection}}` in batches with `.slice(i, i + size)`.',
      unboundedLoopFanOut:
        'This loop starts one I/O task per iteration and `{{api}}` waits for all of them at once, with nothing bounding how many run together{{over}}. Limit the concurrency (p-limit, p-map with `concurrency`, a semaphore) or await each batch of tasks inside the loop.',
      missingConcurrency:
        '`{{api}}` without a `concurrency` option runs the mapper for every element of `{{collection}}` at once (its default is `Infinity`). Pass `{ concurrency: n }`.',
      limitGivenToArrayMap:
        '`{{api}}` starts every task of `{{collection}}` at once: the `{ concurrency }` object is the second argument of `Array#map`, which takes it as the callback\'s `this` and limits nothing. Use a helper that takes the option (p-map\'s `pMap({{collection}}, fn, { concurrency })`, Bluebird\'s `Promise.map`) or process `{{collection}}` in batches.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    // p-map, p-filter and p-all are plain function calls, Bluebird's map and filter look like arrays': look at those
    // only in files that mention the packages
    const mentionsPromiseLibraries = /\bp-(?:map|filter|all)\b|\bbluebird\b/.test(context.sourceCode.text);
    // the `async` package's functions (`async.each(…)`, `each(…)`) only in files that import it
    const importsAsyncPackage = /(?:require\(\s*|from\s*)['"](?:neo-)?async['"]/.test(context.sourceCode.text);
    return {
      CallExpression(node) {
        if (!mayBeFanOut(node, mentionsPromiseLibraries, importsAsyncPackage)) return;
        const fanOut = analyzeFanOut(context, node);
        if (!fanOut || !isUnboundedFanOut(fanOut)) return;
        context.report({ node: node.callee, loc: reportLocation(context.sourceCode, node.callee), ...describe(fanOut, context.sourceCode.getText.bind(context.sourceCode)) });
      },
    };
  },
});

/** A cheap syntactic filter before the analysis: `Promise.all(…)`-shaped or a plain function call. */
function mayBeFanOut(node: TSESTree.CallExpression, checkPlainCalls: boolean, checkAsyncPackage: boolean): boolean {
  if (node.arguments.length === 0) return false;
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return checkPlainCalls || (checkAsyncPackage && ASYNC_COLLECTION_METHOD_SET.has(callee.name));
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return false;
  }
  const name = callee.property.name;
  return name === 'all' || name === 'allSettled' || name === 'any' || name === 'race' || (checkPlainCalls && (name === 'default' || name === 'map' || name === 'filter')) || (checkAsyncPackage && ASYNC_COLLECTION_METHOD_SET.has(name));
}

/** How a message names where the collection's size comes from. */
const ORIGIN_TEXT: Readonly<Record<CollectionOrigin, string>> = {
  'io-result': 'comes from I/O, so its size is the data\'s',
  request: 'comes from the request, so its size is the client\'s choice',
  caller: 'is the caller\'s data set, of any size',
};

/** How messages name the pool helpers: as their usual import names. */
const POOL_HELPER_NAMES: Readonly<Record<PoolHelperApi, string>> = { 'p-map': 'pMap', 'p-filter': 'pFilter', 'p-all': 'pAll' };

function describe(
  fanOut: FanOut,
  getText: (node: TSESTree.Node) => string,
): { messageId: MessageIds; data: Record<string, string> } {
  // (Bluebird's map and filter as written: `Promise.map`, `BB.map`)
  const api = POOL_HELPER_NAMES[fanOut.api as PoolHelperApi] ?? (fanOut.api.startsWith('bluebird.') || fanOut.api.startsWith('async.') ? getText(fanOut.call.callee) : fanOut.api);
  const collection = fanOut.collection ? shortText(getText(fanOut.collection)) : null;
  if (findLimitGivenToArrayMap(fanOut)) return { messageId: 'limitGivenToArrayMap', data: { api, collection: collection ?? 'the collection' } };
  if (isPoolHelperApi(fanOut.api)) {
    return { messageId: 'missingConcurrency', data: { api, collection: collection ?? 'the input' } };
  }
  const origin = fanOut.origin ? ORIGIN_TEXT[fanOut.origin] : 'has no limit in the code';
  if (fanOut.source === 'push-loop') {
    return { messageId: 'unboundedLoopFanOut', data: { api, over: collection ? ` (one per element of \`${collection}\`, which ${origin})` : '' } };
  }
  if (fanOut.api.startsWith('async.')) {
    // every one of them has a limited and a serial form of the same name (`eachOf` → `eachOfLimit`, `eachOfSeries`)
    return { messageId: 'unboundedAsyncCollection', data: { api, collection: collection ?? 'the collection', origin, limited: `${api}Limit`, serial: `${api}Series` } };
  }
  return { messageId: 'unboundedFanOut', data: { api, collection: collection ?? 'the collection', origin } };
}

