import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, isFunctionNode, shortText, skipExpressionWrappers } from '../core/ast';
import { reportLocation } from '../core/reportLocation';
import type { AnyRuleContext } from '../core/ruleContext';
import { findInheritedVoidMethods } from './inheritedMethods';
import { type CallbackPosition, collectConditionOperands, findMisusedCallback, findMisusedSpreadArgument, losesRejection } from './misusedCallbacks';
import {
  asyncDisposeRewrite,
  awaitConditionRewrite,
  awaitSpreadRewrite,
  forEachRewrites,
  handleRejectionRewrite,
  passToNextRewrite,
  type Rewrite,
} from './misusedCallbackFixes';
import { findAsyncSyncDispose, isSpreadOfPromise } from './misusedValues';
import { isAlwaysPromise } from './promiseInference';
import { findVoidPositionMisuse, type VoidPosition, type VoidPositionOptions } from './voidPositions';
import { isCustomListenerRegistration } from './customListeners';
import { findVoidedWorkInExitListener, mayVoidWorkOnExit } from './exitHandlers';
import { findLostMiddlewarePromiseOfArgument, findLostMiddlewarePromiseOfValue, type LostMiddlewarePromise } from './middlewarePromises';
import { getCodeRole } from '../roles/codeRole';
import { isInScriptCode } from '../roles/oneShotCode';
import { isShutdownListenerCall } from '../roles/shutdownListeners';

/**
 * Every kind of place where `no-misused-async-callback` finds a promise thrown away or misread:
 * the callback positions of `misusedCallbacks.ts`, the declared positions of `voidPositions.ts`, and
 * - `inherited`: an async method whose inherited declaration returns `void`;
 * - `spread`: `{ ...promise }`;
 * - `dispose`: `using` of a value whose `[Symbol.dispose]` is async;
 * - `conditional`: a promise used as a condition;
 * - `middleware`: an async request handler of an Express 4 or Connect project (`middlewarePromises.ts`).
 */
export type MisuseKind = CallbackPosition | VoidPosition | 'inherited' | 'spread' | 'dispose' | 'conditional' | 'middleware' | 'unwaitedForEach' | 'exitWork';

export interface MisuseOptions extends VoidPositionOptions {
  /** Also in test code, where a failed callback fails or times out the test anyway. */
  readonly checkTests: boolean;
  /** Also in command-line scripts and examples, where an unhandled rejection ends the script with its error. */
  readonly checkScripts: boolean;
  readonly checkInheritedMethods: boolean;
  readonly checkSpreads: boolean;
  readonly checkDispose: boolean;
}

/** What the rule checks unless configured otherwise (see the rule's docs for why each default). */
export const DEFAULT_MISUSE_OPTIONS: MisuseOptions = {
  checkTests: false,
  checkScripts: false,
  checkVariables: true,
  checkProperties: false,
  checkReturns: true,
  checkInheritedMethods: true,
  checkAttributes: false,
  checkSpreads: true,
  checkDispose: true,
};

export interface Misuse {
  readonly kind: MisuseKind;
  /** The node the finding is about (an argument, a function, a member, a spread, a condition). */
  readonly node: TSESTree.Node;
  /** What a report underlines. */
  readonly loc: TSESTree.SourceLocation;
  /** Names for messages: `name` (callee, variable, property, member…), `base` for inherited methods. */
  readonly data: Readonly<Record<string, string>>;
  /** The function literal whose promise is lost, when the finding is about one. */
  readonly fn: FunctionNode | null;
  readonly rewrites: readonly Rewrite[];
}

/**
 * Finds the misuses whose place is one syntax node: the rule asks about the node types it listens to, the
 * task inspector about every node it visits, so both see the same findings. One finder per file and
 * consumer: it remembers which condition operands it has judged (nested `&&` reach the same operand twice).
 */
export class MisuseFinder {
  private readonly judgedConditions = new Set<TSESTree.Node>();
  /** The file's text may detach work in an 'exit' listener (`mayVoidWorkOnExit`), asked on the first call. */
  private mayVoidWorkOnExit: boolean | undefined;

  constructor(
    private readonly context: AnyRuleContext,
    private readonly options: MisuseOptions,
  ) {}

  check(node: TSESTree.Node): Misuse[] {
    const found = this.find(node);
    return found.length === 0 ? found : found.filter((misuse) => this.isWorthReporting(misuse));
  }

  /**
   * Where a lost rejection costs something: not in test code or scripts (the test or the script fails with
   * the error anyway, unless the options ask), not in listeners for the process's own shutdown, and not in
   * listeners given to the project's own `on`, which may well handle their promises (unless it only hands them on
   * to an emitter's).
   */
  private isWorthReporting(misuse: Misuse): boolean {
    if (!this.options.checkTests && getCodeRole(this.context, misuse.node) === 'test') return false;
    if (!this.options.checkScripts && isInScriptCode(this.context, misuse.node)) return false;
    const call = misuse.node.parent;
    if (misuse.kind === 'listener' && call?.type === AST_NODE_TYPES.CallExpression) {
      return !isShutdownListenerCall(this.context.sourceCode, call) && !isCustomListenerRegistration(this.context, call, call.arguments.indexOf(misuse.node as TSESTree.CallExpressionArgument));
    }
    return true;
  }

  private find(node: TSESTree.Node): Misuse[] {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        return [...this.checkArguments(node), ...this.checkExitListener(node)];
      case AST_NODE_TYPES.NewExpression:
        return this.checkArguments(node);
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return this.checkFunctionValue(node);
      case AST_NODE_TYPES.FunctionDeclaration:
        return this.checkMiddleware(node);
      case AST_NODE_TYPES.VariableDeclarator:
        return [...this.checkDispose(node), ...this.checkNamedValue(node.init)];
      case AST_NODE_TYPES.AssignmentExpression:
        return this.checkNamedValue(node.right);
      case AST_NODE_TYPES.Property:
        return node.kind === 'init' && !node.method ? this.checkNamedValue(node.value) : [];
      case AST_NODE_TYPES.ReturnStatement:
        return this.checkNamedValue(node.argument);
      case AST_NODE_TYPES.ArrayExpression:
        return node.elements.flatMap((element) => this.checkNamedValue(element));
      case AST_NODE_TYPES.JSXExpressionContainer:
        return node.expression.type === AST_NODE_TYPES.JSXEmptyExpression ? [] : this.checkNamedValue(node.expression);
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
        return this.checkInherited(node);
      case AST_NODE_TYPES.SpreadElement:
        return this.checkSpread(node);
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return this.checkCondition(node.test, true);
      case AST_NODE_TYPES.LogicalExpression: {
        // `(a || b) || c`: the outer expression collects the operands of its left one too; collecting them
        // again for every inner one would be quadratic in the length of `a || b || c || …`.
        const parent = node.parent;
        if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === node && parent.operator !== '??') return [];
        return this.checkCondition(node, false);
      }
      case AST_NODE_TYPES.UnaryExpression:
        return node.operator === '!' ? this.checkCondition(node.argument, true) : [];
      default:
        return [];
    }
  }

  /** `process.once('exit', listener)` whose listener detaches async work with `void` (`exitHandlers.ts`). */
  private checkExitListener(call: TSESTree.CallExpression): Misuse[] {
    this.mayVoidWorkOnExit ??= mayVoidWorkOnExit(this.context.sourceCode.text);
    if (!this.mayVoidWorkOnExit) return [];
    return findVoidedWorkInExitListener(this.context.sourceCode, call).map((work) =>
      this.misuse('exitWork', work, this.locationOf(work), { work: shortText(this.context.sourceCode.getText(work.argument), 40) }, null, []),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Arguments

  private checkArguments(call: TSESTree.CallExpression | TSESTree.NewExpression): Misuse[] {
    if (call.arguments.length === 0) return [];
    const found: Misuse[] = [];
    for (const argument of call.arguments) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) {
        const spread = findMisusedSpreadArgument(this.context, call, argument);
        if (spread) found.push(this.misuse('voidParameter', argument, this.locationOf(argument), { name: spread.calleeName }, null, []));
        continue;
      }
      if (!mayBeCallback(argument)) continue;
      const misuse = findMisusedCallback(this.context, call, argument);
      if (!misuse) {
        found.push(...this.checkMiddlewareArgument(call, argument));
        continue;
      }
      const fn = skipExpressionWrappers(argument);
      const rewrites =
        misuse.position === 'forEach' && call.type === AST_NODE_TYPES.CallExpression
          ? forEachRewrites(this.context, call, argument)
          : losesRejection(misuse.position) && misuse.position !== 'executor'
            ? optional(handleRejectionRewrite(this.context, argument))
            : [];
      const kind: MisuseKind = misuse.unwaitedBy === undefined ? misuse.position : 'unwaitedForEach';
      const data: Readonly<Record<string, string>> = misuse.unwaitedBy === undefined ? { name: misuse.calleeName } : { name: misuse.calleeName, owner: misuse.unwaitedBy === '' ? 'this async function' : `\`${misuse.unwaitedBy}()\`` };
      found.push(this.misuse(kind, argument, this.locationOf(argument), data, isFunctionNode(fn) ? fn : null, rewrites));
    }
    return found;
  }

  // -------------------------------------------------------------------------------------------
  // Declared positions

  private checkFunctionValue(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): Misuse[] {
    // `() => handler`: a name returned by an arrow's expression body
    const returned = fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.expression ? this.checkNamedValue(fn.body) : [];
    const parent = fn.parent;
    // arguments are the call's; class members the class's
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) return returned;
    if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition) return returned;
    const declared = this.checkValue(fn);
    return [...(declared.length > 0 ? declared : this.checkMiddleware(fn)), ...returned];
  }

  // -------------------------------------------------------------------------------------------
  // Request handlers of frameworks that ignore their promise

  private checkMiddlewareArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): Misuse[] {
    const found = findLostMiddlewarePromiseOfArgument(this.context, call, argument);
    return found ? [this.middlewareMisuse(argument, found)] : [];
  }

  private checkMiddleware(fn: FunctionNode): Misuse[] {
    const found = findLostMiddlewarePromiseOfValue(this.context, fn);
    return found ? [this.middlewareMisuse(fn, found)] : [];
  }

  private middlewareMisuse(node: TSESTree.Node, found: LostMiddlewarePromise): Misuse {
    const rewrites = found.next ? optional(passToNextRewrite(this.context, found.fn, found.next)) : [];
    return this.misuse('middleware', node, this.locationOf(node), { name: found.framework }, found.fn, rewrites);
  }

  /** A name (or `a.b`) stored in a declared position; function literals are checked where they are. */
  private checkNamedValue(value: TSESTree.Node | null | undefined): Misuse[] {
    if (!value) return [];
    const inner = skipExpressionWrappers(value);
    if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) return [];
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return [];
    return this.checkValue(value);
  }

  private checkValue(value: TSESTree.Node): Misuse[] {
    const found = findVoidPositionMisuse(this.context, value, this.options);
    if (!found) return [];
    const fn = skipExpressionWrappers(value);
    // a function stored in a property: from the property's key (`onTick: async () =>`, `async onStart()`)
    const property = value.parent;
    const loc = this.locationOf(isFunctionNode(fn) && property?.type === AST_NODE_TYPES.Property && !property.shorthand ? property : value);
    return [this.misuse(found.position, value, loc, { name: found.name }, isFunctionNode(fn) ? fn : null, optional(handleRejectionRewrite(this.context, value)))];
  }

  // -------------------------------------------------------------------------------------------
  // Classes and interfaces, spreads, `using`

  private checkInherited(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration): Misuse[] {
    if (!this.options.checkInheritedMethods) return [];
    return findInheritedVoidMethods(this.context, node).map((inherited) => {
      const fn = inherited.value ? skipExpressionWrappers(inherited.value) : null;
      const loc = this.locationOf(isFunctionNode(fn) ? inherited.member : inherited.member.key);
      const rewrites = inherited.value ? optional(handleRejectionRewrite(this.context, inherited.value)) : [];
      return this.misuse('inherited', inherited.member, loc, { name: inherited.name, base: inherited.base }, isFunctionNode(fn) ? fn : null, rewrites);
    });
  }

  private checkSpread(spread: TSESTree.SpreadElement): Misuse[] {
    if (!this.options.checkSpreads || !isSpreadOfPromise(this.context, spread)) return [];
    return [this.misuse('spread', spread, this.locationOf(spread), {}, null, optional(awaitSpreadRewrite(this.context, spread)))];
  }

  private checkDispose(declarator: TSESTree.VariableDeclarator): Misuse[] {
    if (!this.options.checkDispose) return [];
    const found = findAsyncSyncDispose(this.context, declarator);
    if (!found) return [];
    const method = found.method;
    const fn = method ? skipExpressionWrappers(method.value) : null;
    const loc = this.locationOf(method && isFunctionNode(fn) ? method : found.node);
    const rewrites = method ? [...optional(asyncDisposeRewrite(this.context, declarator, method)), ...optional(handleRejectionRewrite(this.context, method.value))] : [];
    return [this.misuse('dispose', found.node, loc, {}, isFunctionNode(fn) ? fn : null, rewrites)];
  }

  // -------------------------------------------------------------------------------------------
  // Conditions

  private checkCondition(test: TSESTree.Node | null | undefined, isTest: boolean): Misuse[] {
    if (!test) return [];
    const operands: TSESTree.Node[] = [];
    collectConditionOperands(test, isTest, operands);
    const found: Misuse[] = [];
    for (const operand of operands) {
      if (this.judgedConditions.has(operand)) continue;
      this.judgedConditions.add(operand);
      if (!mayBePromiseValue(operand) || !isAlwaysPromise(this.context, operand)) continue;
      found.push(this.misuse('conditional', operand, this.locationOf(operand), {}, null, optional(awaitConditionRewrite(this.context, operand))));
    }
    return found;
  }

  /** What a report underlines: the smallest part of the node that names the problem (a function's head, a call up to its callee). */
  private locationOf(node: TSESTree.Node): TSESTree.SourceLocation {
    return reportLocation(this.context.sourceCode, node);
  }

  private misuse(
    kind: MisuseKind,
    node: TSESTree.Node,
    loc: TSESTree.SourceLocation,
    data: Readonly<Record<string, string>>,
    fn: FunctionNode | null,
    rewrites: readonly Rewrite[],
  ): Misuse {
    return { kind, node, loc, data, fn, rewrites };
  }
}

function optional<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

/** Cheap pre-check: only these expression kinds can be inferred to be a promise. */
function mayBePromiseValue(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return (
    inner.type === AST_NODE_TYPES.CallExpression ||
    inner.type === AST_NODE_TYPES.NewExpression ||
    inner.type === AST_NODE_TYPES.Identifier ||
    inner.type === AST_NODE_TYPES.MemberExpression ||
    inner.type === AST_NODE_TYPES.ImportExpression
  );
}

/** Arguments that may be functions: function literals, names, member accesses, calls (`promisify(f)`). */
function mayBeCallback(argument: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(argument);
  return (
    isFunctionNode(inner) ||
    inner.type === AST_NODE_TYPES.Identifier ||
    inner.type === AST_NODE_TYPES.MemberExpression ||
    inner.type === AST_NODE_TYPES.CallExpression ||
    inner.type === AST_NODE_TYPES.ConditionalExpression ||
    inner.type === AST_NODE_TYPES.LogicalExpression
  );
}
