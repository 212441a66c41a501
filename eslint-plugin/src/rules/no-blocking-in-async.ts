import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getAsyncContext } from '../roles/asyncContext';
import { ASYNC_CONTEXT_LABELS } from '../roles/asyncContextLabels';
import { getCodeRole } from '../roles/codeRole';
import { repeatsWithInput } from '../roles/pluginHooks';
import {
  type BlockingCall,
  type BlockingCatalogExtension,
  type BlockingChain,
  type BlockingOperation,
  type BlockingOptions,
  BlockingAnalyzer,
  type BusyWait,
  type SyncRequire,
} from '../blocking/blockingCalls';
import { createRule } from '../core/createRule';
import type { FunctionNode } from '../core/ast';
import { findOnlyCallSites } from '../modules/functionReferences';
import { reportLocation } from '../core/reportLocation';
import { asyncReplacementForBusyWait, asyncReplacementForCall, type AsyncReplacement } from '../blocking/asyncReplacements';

export type Options = [
  {
    blockingCalls?: { module: string; names: string[] }[];
    allow?: string[];
    checkRequire?: boolean;
    checkHelpers?: boolean;
    checkTests?: boolean;
    checkOneShot?: boolean;
  },
];

export type MessageIds =
  | 'blockingCall'
  | 'blockingCpu'
  | 'blockingProcess'
  | 'blockingWait'
  | 'blockingViaHelper'
  | 'blockingInAsyncOnlyHelper'
  | 'blockingInSharedHelper'
  | 'busyWait'
  | 'syncRequire'
  | 'suggestAsyncApi'
  | 'suggestSleep';

export default createRule<Options, MessageIds>({
  name: 'no-blocking-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow calls that block the event loop inside async code',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      blockingCall:
        '`{{name}}` blocks the event loop inside {{context}}: no other request, timer or callback runs until the disk answers. Use the non-blocking API ({{advice}}).',
      blockingCpu:
        '`{{name}}` blocks the event loop inside {{context}} for as long as the computation takes. Use the callback/promise API, which runs on the thread pool ({{advice}}), or move the work to a worker thread.',
      blockingProcess:
        '`{{name}}` blocks the event loop inside {{context}} until the child process exits. Use `execFile`/`spawn` (promisified or with events) instead.',
      blockingWait:
        '`{{name}}` suspends the whole thread inside {{context}}: nothing else runs meanwhile. Use {{advice}} instead.',
      blockingInAsyncOnlyHelper:
        '`{{name}}` in `{{helper}}` blocks the event loop: `{{helper}}` is only called from async code ({{context}} at line {{line}}), so no other request, timer or callback runs until it returns. Make the helper async and use the non-blocking API ({{advice}}).',
      blockingInSharedHelper:
        '`{{name}}` in `{{helper}}` blocks the event loop each time `{{helper}}` runs, and async code runs it from {{count}} places ({{context}} at line {{line}}, and more): no other request, timer or callback runs until it returns. Make `{{helper}}` async and use the non-blocking API ({{advice}}).',
      blockingViaHelper:
        '`{{callee}}` blocks the event loop inside {{context}} ({{chain}}). Make the helper async and use the non-blocking API, or call it once at start-up.',
      busyWait:
        'This loop spins on `{{clock}}` inside {{context}}, keeping the event loop busy until the time passes. Await a timer instead: `await setTimeout(ms)` from `node:timers/promises`.',
      syncRequire:
        '`require()` reads and compiles the module synchronously inside {{context}}, blocking the event loop. Require it at module top level, or use `await import()`.',
      suggestAsyncApi: 'Replace with `{{replacement}}`.',
      suggestSleep: 'Replace the busy-wait with `{{replacement}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          blockingCalls: {
            type: 'array',
            description: 'More blocking calls, by module and export name: `[{ "module": "execa", "names": ["execaSync"] }]`.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['module', 'names'],
              properties: {
                module: { type: 'string', description: 'The module specifier (`node:` is optional).' },
                names: { type: 'array', items: { type: 'string' }, description: 'Exported names (use `a.b` for nested exports).' },
              },
            },
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Calls never reported: an export name (`existsSync`) or module-qualified (`fs.existsSync`).',
          },
          checkRequire: {
            type: 'boolean',
            description: 'Also report `require()` inside async code (synchronous module loading).',
          },
          checkHelpers: {
            type: 'boolean',
            description: 'Also report calls of local synchronous functions that block (`loadConfig() → readFileSync`).',
          },
          checkTests: {
            type: 'boolean',
            description: 'Also report blocking calls in test code (test files and callbacks registered with a test runner).',
          },
          checkOneShot: {
            type: 'boolean',
            description: 'Also report blocking calls in one-shot code (command-line scripts, start-up functions called once from the top level).',
          },
        },
      },
    ],
    defaultOptions: [{ blockingCalls: [], allow: [], checkRequire: false, checkHelpers: true, checkTests: false, checkOneShot: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analyzer = new BlockingAnalyzer(context, blockingOptionsFor(options));
    const helperCalls: TSESTree.CallExpression[] = [];

    /** Where a blocking call stalls other work: not in test code or one-shot code, unless the options ask for them. */
    function stallsOtherWork(node: TSESTree.Node): boolean {
      const role = getCodeRole(context, node);
      return role === 'service' || (role === 'test' && options.checkTests === true) || (role === 'one-shot' && options.checkOneShot === true);
    }

    function reportOperation(operation: BlockingOperation, contextLabel: string, canAwait: boolean): void {
      switch (operation.kind) {
        case 'call':
          return reportCall(operation, contextLabel, canAwait);
        case 'busy-wait':
          return reportBusyWait(operation, contextLabel, canAwait);
        case 'require':
          return reportRequire(operation, contextLabel);
      }
    }

    function reportCall(call: BlockingCall, contextLabel: string, canAwait: boolean): void {
      const replacement = canAwait ? asyncReplacementForCall(sourceCode, call) : null;
      const advice = replacement ? `\`${replacement.replacement}\`` : adviceFor(call);
      context.report({
        node: call.node,
        loc: reportLocation(sourceCode, call.node),
        messageId: messageIdFor(call),
        data: { name: call.displayName, context: contextLabel, advice },
        suggest: suggestions(replacement, 'suggestAsyncApi'),
      });
    }

    function reportBusyWait(busyWait: BusyWait, contextLabel: string, canAwait: boolean): void {
      const replacement = canAwait ? asyncReplacementForBusyWait(sourceCode, busyWait) : null;
      context.report({
        node: busyWait.test,
        loc: reportLocation(sourceCode, busyWait.test),
        messageId: 'busyWait',
        data: { clock: busyWait.displayName, context: contextLabel },
        suggest: suggestions(replacement, 'suggestSleep'),
      });
    }

    function reportRequire(operation: SyncRequire, contextLabel: string): void {
      context.report({ node: operation.node, loc: reportLocation(sourceCode, operation.node), messageId: 'syncRequire', data: { context: contextLabel } });
    }

    /**
     * A file-private helper that only async code calls (`getStatic()`, called by name from request handlers and
     * nowhere else) and that blocks in its own body: the report goes on the blocking call in the helper, once, where
     * the fix is, instead of on every call. Returns the helpers reported that way.
     */
    function reportInAsyncOnlyHelpers(blockingHelperCalls: readonly BlockingHelperCall[]): Set<FunctionNode> {
      const byHelper = new Map<FunctionNode, BlockingHelperCall[]>();
      for (const entry of blockingHelperCalls) {
        const { helper, names, operation } = entry.chain;
        if (!helper || names.length !== 2 || operation.kind !== 'call') continue;
        const list = byHelper.get(helper);
        if (list) list.push(entry);
        else byHelper.set(helper, [entry]);
      }
      const reported = new Set<FunctionNode>();
      for (const [helper, entries] of byHelper) {
        const callSites = findOnlyCallSites(sourceCode, helper);
        if (!callSites || !callSites.every((site) => entries.some((entry) => entry.call === site))) continue;
        const [first] = entries as [BlockingHelperCall, ...BlockingHelperCall[]];
        const operation = first.chain.operation as BlockingCall;
        context.report({
          node: operation.node,
          loc: reportLocation(sourceCode, operation.node),
          messageId: 'blockingInAsyncOnlyHelper',
          data: {
            name: operation.displayName,
            helper: first.chain.names[0] ?? 'helper',
            context: first.contextLabel,
            line: String(first.call.loc.start.line),
            advice: adviceFor(operation),
          },
        });
        reported.add(helper);
      }
      return reported;
    }

    /**
     * A blocking call of this file that async code reaches from two places or more, through one helper or a chain of
     * them (`toRequestQueue() → storeSet() → fs.writeFileSync` from a timer callback, `storeSet()` from a listener):
     * one report on the blocking call, where the fix is (countly-sdk-nodejs 20.11 made `storeSet` write
     * asynchronously), instead of one on every call. Returns the operations reported that way.
     */
    function reportInSharedHelpers(entries: readonly BlockingHelperCall[]): Set<TSESTree.Node> {
      const byOperation = new Map<TSESTree.Node, BlockingHelperCall[]>();
      for (const entry of entries) {
        const operation = entry.chain.operation;
        if (operation.kind !== 'call' || entry.chain.names.length < 2 || !isInThisFile(operation.node)) continue;
        const list = byOperation.get(operation.node);
        if (list) list.push(entry);
        else byOperation.set(operation.node, [entry]);
      }
      const reported = new Set<TSESTree.Node>();
      for (const [node, list] of byOperation) {
        if (list.length < 2) continue;
        const [first] = list as [BlockingHelperCall, ...BlockingHelperCall[]];
        const operation = first.chain.operation as BlockingCall;
        const names = first.chain.names;
        context.report({
          node,
          loc: reportLocation(sourceCode, node),
          messageId: 'blockingInSharedHelper',
          data: {
            name: operation.displayName,
            helper: names[names.length - 2] ?? 'helper',
            count: String(list.length),
            context: first.contextLabel,
            line: String(first.call.loc.start.line),
            advice: adviceFor(operation),
          },
        });
        reported.add(node);
      }
      return reported;
    }

    /** A node of this file's tree (a chain through other files ends at a node of theirs). */
    function isInThisFile(node: TSESTree.Node): boolean {
      let root: TSESTree.Node = node;
      while (root.parent) root = root.parent;
      return root === sourceCode.ast;
    }

    function checkLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): void {
      const asyncContext = getAsyncContext(sourceCode, loop);
      if (!asyncContext || !stallsOtherWork(loop)) return;
      const busyWait = analyzer.classifyLoop(loop);
      if (busyWait && repeatsWithInput(sourceCode, asyncContext, null)) reportOperation(busyWait, ASYNC_CONTEXT_LABELS[asyncContext.kind], asyncContext.canAwait);
    }

    return {
      CallExpression(node) {
        const operation = analyzer.classifyCall(node);
        if (operation) {
          if (analyzer.isAllowed(operation)) return;
          const asyncContext = getAsyncContext(sourceCode, node);
          if (asyncContext && stallsOtherWork(node) && repeatsWithInput(sourceCode, asyncContext, operation.node)) reportOperation(operation, ASYNC_CONTEXT_LABELS[asyncContext.kind], asyncContext.canAwait);
          return;
        }
        if (options.checkHelpers !== false && isPlainCall(node)) helperCalls.push(node);
      },
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
      'Program:exit'() {
        const blockingHelperCalls: BlockingHelperCall[] = [];
        for (const call of helperCalls) {
          const asyncContext = getAsyncContext(sourceCode, call);
          if (!asyncContext || !repeatsWithInput(sourceCode, asyncContext, null)) continue;
          // (the role check first only for the search through other files: roles cost more than a local chain)
          const chain = analyzer.chainOfCall(call, () => stallsOtherWork(call));
          if (!chain || !stallsOtherWork(call)) continue;
          blockingHelperCalls.push({ call, chain, contextLabel: ASYNC_CONTEXT_LABELS[asyncContext.kind] });
        }
        const reportedInHelper = reportInAsyncOnlyHelpers(blockingHelperCalls);
        const reportedAtOperation = reportInSharedHelpers(blockingHelperCalls.filter((entry) => !entry.chain.helper || !reportedInHelper.has(entry.chain.helper)));
        for (const { call, chain, contextLabel } of blockingHelperCalls) {
          if (chain.helper && reportedInHelper.has(chain.helper)) continue;
          if (reportedAtOperation.has(chain.operation.node)) continue;
          context.report({
            node: call,
            loc: reportLocation(sourceCode, call),
            messageId: 'blockingViaHelper',
            data: { callee: chain.names[0] ?? 'call', context: contextLabel, chain: chain.names.join(' → ') },
          });
        }
      },
    };
  },
});

/** The analysis options of the rule's options, made once per options object (the same for every file). */
const blockingOptionsByRuleOptions = new WeakMap<Options[0], BlockingOptions>();

function blockingOptionsFor(options: Options[0]): BlockingOptions {
  let blockingOptions = blockingOptionsByRuleOptions.get(options);
  if (!blockingOptions) {
    blockingOptions = {
      blockingCalls: (options.blockingCalls ?? []).flatMap((entry) => entry.names.map((name) => catalogExtension(entry.module, name))),
      allow: options.allow ?? [],
      checkRequire: options.checkRequire === true,
    };
    blockingOptionsByRuleOptions.set(options, blockingOptions);
  }
  return blockingOptions;
}

/** `{ module: "glob", names: ["glob.sync"] }` → the export `sync` under the namespace `glob`. */
function catalogExtension(module: string, name: string): BlockingCatalogExtension {
  const parts = name.split('.').filter((part) => part.length > 0);
  return { module, namespace: parts.slice(0, -1), names: parts.slice(-1) };
}

function messageIdFor(call: BlockingCall): MessageIds {
  switch (call.entry.cost) {
    case 'cpu':
      return 'blockingCpu';
    case 'process':
      return 'blockingProcess';
    case 'wait':
      return 'blockingWait';
    case 'io':
      return 'blockingCall';
  }
}

function adviceFor(call: BlockingCall): string {
  const asyncName = call.exportName.replace(/Sync$/, '');
  const counterpart = call.entry.asyncCounterpart;
  const hasTwin = counterpart !== undefined && counterpart.exports.includes(asyncName);
  if (call.reference.module === 'globalThis' && call.reference.path[0] === 'Atomics') return '`Atomics.waitAsync`';
  if (call.entry.cost === 'process') return '`execFile`/`spawn`, promisified or with events';
  if (call.entry.cost === 'wait') {
    return hasTwin ? `\`await ${call.displayName.replace(/Sync$/, '')}(ms)\`` : 'an awaited timer (`await setTimeout(ms)` from `node:timers/promises`)';
  }
  // no asynchronous form: the store is read once, off the request path
  if (call.entry.module === 'tls') return 'none exists: read the store once at startup, or in a worker thread';
  if (!hasTwin) return call.exportName === 'existsSync' ? '`fs.promises.access` or `fs.promises.stat`' : 'its callback or promise form';
  if (counterpart.kind === 'promisesApi') return `\`${call.entry.module}.promises.${asyncName}\``;
  if (counterpart.kind === 'sibling') return `\`${call.displayName.replace(/Sync$/, '')}\``;
  return `\`promisify(${call.entry.module}.${asyncName})\``;
}

function suggestions(
  replacement: AsyncReplacement | null,
  messageId: 'suggestAsyncApi' | 'suggestSleep',
): TSESLint.ReportSuggestionArray<MessageIds> {
  return replacement ? [{ messageId, data: { replacement: replacement.replacement }, fix: replacement.fix }] : [];
}

/** A call of a helper of this file that blocks, from async code whose blocking stalls other work. */
interface BlockingHelperCall {
  readonly call: TSESTree.CallExpression;
  readonly chain: BlockingChain;
  readonly contextLabel: string;
}

/** Calls that may land on a local function: `f()`, `this.f()`, `obj.f()`. */
function isPlainCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression;
}
