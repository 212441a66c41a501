import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit } from '../core/scope';
import { getWrittenValues } from '../modules/fieldValues';
import { getImportedBinding } from '../modules/importedBindings';
import { isGlobalCall, isTimerClear } from './timerCalls';

/**
 * A timer armed by a package's own scheduler (`lt.setTimeout(logout, ms)` of long-timeout, whose timers outlast the
 * 24.8 days Node's can wait) and cleared with the global `clearTimeout`: the global function knows only the runtime's
 * timers, so it cancels nothing, and the timer still fires (feathers-authentication 1.2.6 called the module's
 * `clearTimeout` instead: a re-authenticated socket was logged out by the old expiry timer).
 *
 * Read from the file's writes of the holder (a variable, or a field of the class, `this.timer`: the shared
 * `getWrittenValues`): every value written
 * to it that is a timer comes from `x.setTimeout(…)`/`x.setInterval(…)` where `x` is a package imported by the
 * file (not Node's `timers`, nor a relative module, which may hand on the runtime's timers), and none from the
 * global functions or from a call the analysis cannot read.
 */
export interface ForeignTimerCleared {
  /** The global `clearTimeout(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The holder, as written (`logoutTimer`). */
  readonly holder: string;
  /** The package (`long-timeout`) and its scheduler's call, as written (`_longTimeout2.default.setTimeout`). */
  readonly module: string;
  readonly arm: TSESTree.CallExpression;
  /** The global function called (`clearTimeout`), and what clears such a timer (`_longTimeout2.default.clearTimeout`). */
  readonly globalClear: string;
  readonly clear: string;
}

/** Modules whose `setTimeout` is the runtime's own. */
const RUNTIME_TIMER_MODULES: ReadonlySet<string> = new Set(['timers', 'node:timers']);

/** The cheap test of a file's text: a scheduler's `setTimeout` and a global clear. */
export function mayClearForeignTimers(text: string): boolean {
  return /[\w$\]]\.set(?:Timeout|Interval)\(/.test(text) && /(?:^|[^.\w$])clear(?:Timeout|Interval)\(/m.test(text);
}

export function findForeignTimerCleared(sourceCode: SourceCode, call: TSESTree.CallExpression): ForeignTimerCleared | null {
  const argument = call.arguments[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !isTimerClear(sourceCode, call) || skipExpressionWrappers(call.callee).type !== AST_NODE_TYPES.Identifier) return null;
  const callee = skipExpressionWrappers(call.callee) as TSESTree.Identifier;
  const holder = skipExpressionWrappers(argument);
  const values = getWrittenValues(sourceCode, holder);
  let foreign: { arm: TSESTree.CallExpression; module: string; scheduler: TSESTree.MemberExpression } | null = null;
  for (const raw of values) {
    const value = readThroughConst(sourceCode, skipExpressionWrappers(raw));
    if (isEmptyValue(value)) continue;
    const armed = value.type === AST_NODE_TYPES.CallExpression ? foreignScheduler(sourceCode, value) : null;
    if (!armed) return null;
    foreign ??= { arm: value as TSESTree.CallExpression, ...armed };
  }
  if (!foreign) return null;
  const clearName = getStaticPropertyName(foreign.arm.callee as TSESTree.MemberExpression) === 'setInterval' ? 'clearInterval' : 'clearTimeout';
  return {
    call,
    holder: sourceCode.getText(holder),
    module: foreign.module,
    arm: foreign.arm,
    globalClear: callee.name,
    clear: `${sourceCode.getText(foreign.scheduler.object)}.${clearName}`,
  };
}

/** `const id = lt.setTimeout(…); this.timer = id;`: the value a `const` holds, once. */
function readThroughConst(sourceCode: SourceCode, value: TSESTree.Node): TSESTree.Node {
  if (value.type !== AST_NODE_TYPES.Identifier) return value;
  const init = getConstInit(sourceCode, value);
  return init ? skipExpressionWrappers(init) : value;
}

/** `null`, `undefined`, `0`, `void 0`: a reset, not a timer. */
function isEmptyValue(value: TSESTree.Node): boolean {
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === 0 || value.value === false;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

/** For `x.setTimeout(…)` with `x` (or the object it is a member of) a package the file imports: that package. */
function foreignScheduler(sourceCode: SourceCode, call: TSESTree.CallExpression): { module: string; scheduler: TSESTree.MemberExpression } | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || isGlobalCall(sourceCode, call, 'setTimeout') || isGlobalCall(sourceCode, call, 'setInterval')) return null;
  const name = getStaticPropertyName(callee);
  if (name !== 'setTimeout' && name !== 'setInterval') return null;
  let root = skipExpressionWrappers(callee.object);
  // `_longTimeout2.default.setTimeout`: compiled code reads the default export as a member
  if (root.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(root) === 'default') root = skipExpressionWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const specifier = getImportedBinding(sourceCode, root)?.specifier;
  if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || RUNTIME_TIMER_MODULES.has(specifier)) return null;
  return { module: specifier, scheduler: callee };
}
