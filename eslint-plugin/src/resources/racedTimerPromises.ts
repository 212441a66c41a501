import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getHoldingIdentifier, getOutermostWrapper, getStaticPropertyName, getTrailingName, isFunctionNode, skipExpressionWrappers, skipIndirectCallee } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getImportedBinding } from '../modules/importedBindings';
import { raceHolding } from './settleTimers';

/**
 * A promise that another module's helper settles from a timer (`createTimeoutPromise(ms, message)`,
 * `timedPromise(seconds)`, `delay(ms)`), raced against work with `Promise.race` and never cancelled: the helper
 * hands back only the promise, so when the work wins, the helper's timer stays armed for its whole delay, keeping the
 * process alive and what its callback holds, once per race (apify 0.10 replaced its `createTimeoutPromise` races
 * with a helper that clears the timer when the work settles; @launchdarkly/js-server-sdk-common 2.4.2 cancels its
 * `waitForInitialization` timeout). A helper written in this file is judged by its own `setTimeout`
 * (`settleTimers.ts`); one from another file is known by its name only.
 */
export interface RacedTimerPromise {
  /** The helper's call. */
  readonly call: TSESTree.CallExpression;
  readonly helper: string;
  /** The `Promise.race(…)` it is raced in. */
  readonly race: TSESTree.CallExpression;
}

/**
 * Words of a helper's name that say it makes a timer's promise and nothing else (`createTimeoutPromise`, `timedPromise`,
 * `requestTimeout`: what the timeout is of, not work).
 */
const TIMER_PROMISE_WORDS: ReadonlySet<string> = new Set([
  'create', 'make', 'new', 'timeout', 'timed', 'delay', 'delayed', 'sleep', 'promise', 'timer', 'deadline', 'ms',
  'request', 'response', 'connection', 'connect', 'socket', 'idle', 'operation',
]);
/** One of these must be among them. */
const TIMER_WORDS: ReadonlySet<string> = new Set(['timeout', 'timed', 'delay', 'delayed', 'sleep', 'timer', 'deadline']);
/** An argument that can cancel the timer (`{ signal }`, `abortSignal`, `cancelToken`). */
const CANCEL_NAME = /signal|abort|cancel/i;

/** The cheap test of a file's text. */
export function mayRaceTimerPromises(text: string): boolean {
  return text.includes('.race(');
}

export function findRacedTimerPromise(sourceCode: SourceCode, call: TSESTree.CallExpression): RacedTimerPromise | null {
  const callee = skipIndirectCallee(call.callee);
  const helper = helperName(sourceCode, callee);
  if (helper === null || !isTimerPromiseName(helper) || !isOtherModulesFunction(sourceCode, callee)) return null;
  if (call.arguments.some((argument) => mayCancel(sourceCode, argument))) return null;
  const race = raceOfCall(sourceCode, call);
  return race ? { call, helper, race } : null;
}

/** The helper's name as its module exports it (`requestTimeout` for `import { requestTimeout as requestTimeoutFn }`), else as called. */
function helperName(sourceCode: SourceCode, callee: TSESTree.Node): string | null {
  const imported = callee.type === AST_NODE_TYPES.Identifier ? getImportedBinding(sourceCode, callee) : null;
  return imported && imported.name !== 'default' ? imported.name : getTrailingName(callee);
}

function isTimerPromiseName(name: string): boolean {
  const words = splitIdentifierWords(name);
  return words.every((word) => TIMER_PROMISE_WORDS.has(word)) && words.some((word) => TIMER_WORDS.has(word));
}

/**
 * A function of another module: a member of a module object (`utils.delay`, compiled `_utils2.createTimeoutPromise`,
 * not `this.delay`), or a name imported or required (`import { delay } from './utils'`, `const { sleep } = require(…)`).
 */
function isOtherModulesFunction(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipExpressionWrappers(callee.object);
    return object.type === AST_NODE_TYPES.Identifier && !callee.computed;
  }
  return callee.type === AST_NODE_TYPES.Identifier && getImportedBinding(sourceCode, callee) !== null;
}

function mayCancel(sourceCode: SourceCode, raw: TSESTree.CallExpressionArgument): boolean {
  const argument = skipExpressionWrappers(raw);
  if (argument.type === AST_NODE_TYPES.ObjectExpression) {
    return argument.properties.some((property) => property.type !== AST_NODE_TYPES.Property || CANCEL_NAME.test(getStaticPropertyName(property) ?? 'signal'));
  }
  // a name or an expression that mentions a signal, an abort or a cancel token (`signal`, `options.abortSignal`)
  return isFunctionNode(argument) || CANCEL_NAME.test(sourceCode.getText(argument));
}

/**
 * The race the call's promise is raced in: the call written in the race's array (or the start of a chain that is:
 * `timeout(ms).then(…)`), or held in a `const` whose every use is such (`const timeout = timedPromise(s);
 * Promise.race([work, timeout.then(() => this)])`); a variable used anywhere else may be cancelled there.
 */
function raceOfCall(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.CallExpression | null {
  const position = getOutermostWrapper(call);
  const holder = getHoldingIdentifier(position);
  if (!holder) return raceHolding(sourceCode, chainEnd(call));
  const variable = findVariableOf(sourceCode, holder);
  if (!variable || variable.defs[0]?.parent?.type !== AST_NODE_TYPES.VariableDeclaration || variable.defs[0].parent.kind !== 'const') return null;
  const uses = variable.references.filter((reference) => !reference.init);
  if (uses.length === 0) return null;
  let race: TSESTree.CallExpression | null = null;
  for (const use of uses) {
    const raced = raceHolding(sourceCode, chainEnd(use.identifier));
    if (!raced) return null;
    race ??= raced;
  }
  return race;
}

/** The last link of the `.then`/`.catch`/`.finally` chain a value starts (the value itself when none). */
function chainEnd(node: TSESTree.Node): TSESTree.Node {
  let end = getOutermostWrapper(node);
  for (;;) {
    const member = end.parent;
    const link = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== end || link?.type !== AST_NODE_TYPES.CallExpression || link.callee !== member) return end;
    const method = getStaticPropertyName(member);
    if (method !== 'then' && method !== 'catch' && method !== 'finally') return end;
    end = getOutermostWrapper(link);
  }
}
