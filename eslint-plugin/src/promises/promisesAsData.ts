import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getCalleeMember, getStaticPropertyName, getTrailingName, skipExpressionWrappers } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import type { AnyRuleContext } from '../core/ruleContext';
import { exportPath, GLOBAL_MODULE, resolveModuleReference } from '../modules/moduleBindings';
import { isAlwaysPromise } from './promiseInference';

/**
 * A promise written out as data: handed to a response's `end`/`send`/`write`, to a file write, to `JSON.stringify`,
 * or put in a template literal. What gets written is `[object Promise]` (or `{}`), not the value the promise brings,
 * and nobody waits for it or handles its rejection (zone-mta 2.4.2 served `res.end(promClient.register.metrics())`
 * after prom-client 13 made `metrics()` async). Only a value that is a promise on every path (`isAlwaysPromise`: an
 * async function's call, a package function known to return one, or, with types, a promise type).
 */
export interface PromiseAsData {
  /** The promise, as the argument or the template's expression. */
  readonly promise: TSESTree.Node;
  /** Where it is written, for the message (`res.end(…)`, `JSON.stringify(…)`, a template literal). */
  readonly sink: string;
}

/** Last words of a name that say it is the response a server writes. */
const RESPONSE_WORDS: ReadonlySet<string> = new Set(['res', 'response', 'reply']);

/** A response's methods that write their first argument out. */
const RESPONSE_WRITES: ReadonlySet<string> = new Set(['end', 'send', 'write', 'json']);

/** The file-writing functions of `fs` (and of packages that mirror it) whose second argument is the data. */
const FILE_WRITES: ReadonlySet<string> = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'outputFile', 'outputFileSync']);
const FILE_MODULES: ReadonlySet<string> = new Set(['fs', 'fs-extra', 'graceful-fs', 'mz/fs']);

/** The cheap test of a file's text. */
export function mayWritePromisesAsData(text: string): boolean {
  return /\.(?:end|send|write|json|stringify)\(|\b(?:writeFile|appendFile|outputFile)(?:Sync)?\(|\$\{/.test(text);
}

/** The promise a call writes out as data, if any. */
export function findPromiseWrittenByCall(context: AnyRuleContext, call: TSESTree.CallExpression): PromiseAsData | null {
  const sink = dataArgumentOf(context, call);
  if (!sink) return null;
  const argument = call.arguments[sink.index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !isPromiseValue(context, argument)) return null;
  return { promise: argument, sink: sink.name };
}

/** The promise a template literal's `${…}` turns into text, if any (not a tagged template, whose tag may await it). */
export function findPromiseInTemplate(context: AnyRuleContext, template: TSESTree.TemplateLiteral): PromiseAsData | null {
  if (template.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) return null;
  const promise = template.expressions.find((expression) => isPromiseValue(context, expression));
  return promise ? { promise, sink: 'a template literal' } : null;
}

function isPromiseValue(context: AnyRuleContext, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  return (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.Identifier) && isAlwaysPromise(context, node);
}

/** Which argument of `call` is written out, and how the message names the call. */
function dataArgumentOf(context: AnyRuleContext, call: TSESTree.CallExpression): { index: number; name: string } | null {
  const member = getCalleeMember(call);
  const callee = skipExpressionWrappers(call.callee);
  const method = member ? getStaticPropertyName(member) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (method === null) return null;
  if (member && RESPONSE_WRITES.has(method)) {
    const receiver = getTrailingName(member.object);
    const last = receiver === null ? undefined : splitIdentifierWords(receiver).at(-1);
    return last !== undefined && RESPONSE_WORDS.has(last) ? { index: 0, name: `${receiver}.${method}(…)` } : null;
  }
  const reference = method === 'stringify' || FILE_WRITES.has(method) ? resolveModuleReference(context.sourceCode, call.callee) : null;
  if (!reference) return null;
  const path = exportPath(reference);
  if (method === 'stringify') return reference.module === GLOBAL_MODULE && path.join('.') === 'JSON.stringify' ? { index: 0, name: 'JSON.stringify(…)' } : null;
  const inFs = FILE_MODULES.has(reference.module) && (path.length === 1 || (path.length === 2 && path[0] === 'promises'));
  return inFs ? { index: 1, name: `${method}(…)` } : null;
}
