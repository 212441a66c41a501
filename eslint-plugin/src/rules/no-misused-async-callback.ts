import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '../core/astUtils';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getScopeOf } from '../core/scope';
import { getEnclosingFunction, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { getAsyncContext } from '../roles/asyncContext';
import { createRule } from '../core/createRule';
import { reportLocation } from '../core/reportLocation';
import { type CallbackPosition, collectConditionOperands, findMisusedCallback } from '../promises/misusedCallbacks';
import { isAlwaysPromise } from '../promises/promiseInference';
import { isKnownArray } from '../promises/knownArrays';
import { isCustomListenerRegistration } from '../promises/customListeners';
import { getCodeRole } from '../roles/codeRole';
import { isInScriptCode } from '../roles/oneShotCode';
import { isShutdownListenerCall } from '../roles/shutdownListeners';
import type { AnyRuleContext as AnyContext } from '../core/ruleContext';

export type Options = [
  {
    checkTests?: boolean;
    checkScripts?: boolean;
  },
];

export type MessageIds =
  | 'asyncForEach'
  | 'asyncTimer'
  | 'asyncListener'
  | 'asyncExecutor'
  | 'asyncPredicate'
  | 'asyncComparator'
  | 'voidParameter'
  | 'conditional'
  | 'suggestForOf'
  | 'suggestPromiseAll'
  | 'suggestAwait';

const MESSAGE_BY_POSITION: Readonly<Record<CallbackPosition, MessageIds>> = {
  forEach: 'asyncForEach',
  timer: 'asyncTimer',
  listener: 'asyncListener',
  executor: 'asyncExecutor',
  predicate: 'asyncPredicate',
  comparator: 'asyncComparator',
  voidParameter: 'voidParameter',
};

export default createRule<Options, MessageIds>({
  name: 'no-misused-async-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow promise-returning callbacks where the promise is ignored, and promises used as conditions',
      strict: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      asyncForEach:
        '`forEach` ignores the promise this async callback returns: the iterations run concurrently, nothing waits for them, and a rejection goes unhandled. Use `for…of` with `await`, or `await Promise.all(xs.map(…))`.',
      asyncTimer:
        '`{{name}}` ignores the promise this async callback returns, so a rejection goes unhandled and can crash the process. Wrap the callback body in try/catch, or use `node:timers/promises` and await it.',
      asyncListener:
        '`{{name}}` ignores the promise this async listener returns, so a rejection goes unhandled and can crash the process. Wrap the listener body in try/catch and handle the error there.',
      asyncExecutor:
        'An async Promise executor loses every error thrown inside it: the executor\'s own promise rejects and `new Promise` ignores it, so the outer promise never rejects (and may never settle). Make the executor synchronous, or drop `new Promise` and write an async function.',
      asyncPredicate:
        '`{{name}}` reads this async callback\'s result as a boolean, but a promise is always truthy, so every element matches. Compute the results first (`await Promise.all(xs.map(…))`) and use them synchronously.',
      asyncComparator:
        '`{{name}}` needs a number from its comparator, but an async comparator returns a promise, so the order is arbitrary. Compute the sort keys first, then sort synchronously.',
      voidParameter:
        '`{{name}}` expects a function that returns nothing here, so the promise this callback returns is ignored and its rejection goes unhandled. Handle errors inside the callback (try/catch) or pass a synchronous function.',
      conditional:
        'This promise is used as a condition, but a promise object is always truthy, so the check always passes. Await it to test its result.',
      suggestForOf: 'Rewrite as a `for…of` loop that awaits each item in order.',
      suggestPromiseAll: 'Rewrite as `await Promise.all(….map(…))` to run concurrently and wait for all.',
      suggestAwait: 'Await the promise and test its result.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkTests: { type: 'boolean', description: 'Also report in test code, where a failed callback fails or times out the test anyway.' },
          checkScripts: {
            type: 'boolean',
            description: 'Also report in command-line scripts and examples, where an unhandled rejection ends the script with its error.',
          },
        },
      },
    ],
    defaultOptions: [{ checkTests: false, checkScripts: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const checkedConditions = new Set<TSESTree.Node>();

    /**
     * Where a lost rejection costs something: not in test code or scripts (the test or the script fails
     * with the error anyway, unless the options ask), not in listeners for the process's own shutdown,
     * and not in listeners given to the project's own `on`, which may well handle their promises.
     */
    function isWorthReporting(node: TSESTree.Node, call: TSESTree.CallExpression | TSESTree.NewExpression | null, position: CallbackPosition | null): boolean {
      if (!options.checkTests && getCodeRole(context, node) === 'test') return false;
      if (!options.checkScripts && isInScriptCode(context, node)) return false;
      if (position === 'listener' && call?.type === AST_NODE_TYPES.CallExpression) {
        return !isShutdownListenerCall(sourceCode, call) && !isCustomListenerRegistration(context, call);
      }
      return true;
    }

    function checkArguments(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (call.arguments.length === 0) return;
      for (const argument of call.arguments) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
        if (!mayBeCallback(argument)) continue;
        const misuse = findMisusedCallback(context, call, argument);
        if (!misuse || !isWorthReporting(argument, call, misuse.position)) continue;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
          misuse.position === 'forEach' && call.type === AST_NODE_TYPES.CallExpression ? forEachSuggestions(context, call, argument) : [];
        context.report({ node: argument, loc: reportLocation(sourceCode, argument), messageId: MESSAGE_BY_POSITION[misuse.position], data: { name: misuse.calleeName }, suggest });
      }
    }

    function checkCondition(test: TSESTree.Node | null | undefined, isTest: boolean): void {
      if (!test) return;
      const operands: TSESTree.Node[] = [];
      collectConditionOperands(test, isTest, operands);
      for (const operand of operands) {
        if (checkedConditions.has(operand)) continue;
        checkedConditions.add(operand);
        if (!mayBePromiseValue(operand)) continue;
        if (!isAlwaysPromise(context, operand) || !isWorthReporting(operand, null, null)) continue;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = canAwaitAt(context, operand)
          ? [{ messageId: 'suggestAwait', fix: (fixer) => addAwait(fixer, sourceCode, operand) }]
          : [];
        context.report({ node: operand, loc: reportLocation(sourceCode, operand), messageId: 'conditional', suggest });
      }
    }

    const checkTest = (node: { test: TSESTree.Expression | null }): void => checkCondition(node.test, true);

    return {
      CallExpression: checkArguments,
      NewExpression: checkArguments,
      IfStatement: checkTest,
      WhileStatement: checkTest,
      DoWhileStatement: checkTest,
      ForStatement: checkTest,
      ConditionalExpression: checkTest,
      LogicalExpression(node) {
        // `(a || b) || c`: the outer expression collects the operands of its left one too; collecting them again
        // for every inner one would be quadratic in the length of `a || b || c || …`.
        const parent = node.parent;
        if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === node && parent.operator !== '??') return;
        checkCondition(node, false);
      },
      // a plain node-type listener: ESLint matches an attribute selector against every UnaryExpression
      UnaryExpression(node) {
        if (node.operator === '!') checkCondition(node.argument, true);
      },
    };
  },
});

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


function canAwaitAt(context: AnyContext, node: TSESTree.Node): boolean {
  const asyncContext = getAsyncContext(context.sourceCode, node);
  return asyncContext !== null && asyncContext.canAwait && asyncContext.functionNode === getEnclosingFunction(node);
}

function addAwait(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESLint.RuleFix | TSESLint.RuleFix[] {
  if (ASTUtils.isParenthesized(node, sourceCode)) {
    const opening = sourceCode.getTokenBefore(node);
    return opening ? fixer.insertTextAfter(opening, 'await ') : fixer.insertTextBefore(node, 'await ');
  }
  const inner = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  const tight =
    inner.type === AST_NODE_TYPES.CallExpression ||
    inner.type === AST_NODE_TYPES.NewExpression ||
    inner.type === AST_NODE_TYPES.MemberExpression ||
    inner.type === AST_NODE_TYPES.Identifier ||
    inner.type === AST_NODE_TYPES.ImportExpression;
  // `!p` → `!await p`; an operand of `&&` takes `await p()` as it is (await binds tighter)
  if (tight) return fixer.insertTextBefore(node, 'await ');
  return [fixer.insertTextBefore(node, 'await ('), fixer.insertTextAfter(node, ')')];
}

/**
 * Exact rewrites of `xs.forEach(async (x) => …)` as a statement in an async function:
 * `for (const x of xs) { … }` (simple parameter, no `return`/`var`/`this`/`arguments` changing meaning)
 * and `await Promise.all(xs.map(…))`. Only for receivers known to be arrays.
 */
function forEachSuggestions(
  context: AnyContext,
  call: TSESTree.CallExpression,
  argument: TSESTree.Node,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const sourceCode = context.sourceCode;
  const statement = call.parent;
  const member = call.callee;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || member.type !== AST_NODE_TYPES.MemberExpression) return [];
  if (member.optional || member.computed || call.optional || call.typeArguments) return [];
  if (!canAwaitAt(context, statement) || !isKnownArray(context, member.object)) return [];
  const dot = sourceCode.getTokenBefore(member.property);
  if (!dot || dot.value !== '.') return [];
  const receiverText = sourceCode.text.slice(call.range[0], dot.range[0]);
  const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];

  const fn = skipExpressionWrappers(argument);
  const forOf = call.arguments.length === 1 && isFunctionNode(fn) ? forOfText(sourceCode, fn, receiverText) : null;
  if (forOf !== null) suggestions.push({ messageId: 'suggestForOf', fix: (fixer) => fixer.replaceText(statement, forOf) });

  if (!isPromiseShadowed(context, call)) {
    suggestions.push({
      messageId: 'suggestPromiseAll',
      fix: (fixer) => [
        fixer.insertTextBefore(call, 'await Promise.all('),
        fixer.replaceText(member.property, 'map'),
        fixer.insertTextAfter(call, ')'),
      ],
    });
  }
  return suggestions;
}

function isPromiseShadowed(context: AnyContext, node: TSESTree.Node): boolean {
  for (let scope: TSESLint.Scope.Scope | null = getScopeOf(context.sourceCode, node); scope; scope = scope.upper) {
    const variable = scope.set.get('Promise');
    if (variable && variable.defs.length > 0) return true;
  }
  return false;
}

function forOfText(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.FunctionLike | TSESTree.ArrowFunctionExpression, receiverText: string): string | null {
  if (!('body' in fn) || !fn.body || !fn.async) return null;
  if (fn.params.length !== 1) return null;
  const parameter = fn.params[0];
  if (parameter?.type !== AST_NODE_TYPES.Identifier || parameter.typeAnnotation || parameter.optional) return null;
  if (fn.type === AST_NODE_TYPES.FunctionExpression && (fn.id || usesOwnThisOrArguments(fn.body))) return null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return null;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    if (changesMeaningInLoop(fn.body)) return null;
    return `for (const ${parameter.name} of ${receiverText}) ${sourceCode.getText(fn.body)}`;
  }
  const body = fn.body as TSESTree.Expression;
  const bodyText = sourceCode.getText(body);
  const awaited = body.type === AST_NODE_TYPES.AwaitExpression ? bodyText : `await ${ASTUtils.isParenthesized(body, sourceCode) || isTightExpression(body) ? bodyText : `(${bodyText})`}`;
  return `for (const ${parameter.name} of ${receiverText}) {\n${indentOf(sourceCode, fn)}  ${awaited};\n${indentOf(sourceCode, fn)}}`;
}

function isTightExpression(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.NewExpression ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.ImportExpression
  );
}

function indentOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) {
    statement = statement.parent;
  }
  const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

/** `return`, `var` and function declarations at the callback's own level mean something else inside a loop. */
function changesMeaningInLoop(node: TSESTree.Node): boolean {
  return someNodeWithin(
    node,
    (inner) =>
      inner.type === AST_NODE_TYPES.ReturnStatement ||
      (inner.type === AST_NODE_TYPES.VariableDeclaration && inner.kind === 'var') ||
      inner.type === AST_NODE_TYPES.FunctionDeclaration,
    (inner) => !isFunctionNode(inner) && inner.type !== AST_NODE_TYPES.ClassBody,
  );
}

function usesOwnThisOrArguments(node: TSESTree.Node): boolean {
  return someNodeWithin(
    node,
    (inner) => inner.type === AST_NODE_TYPES.ThisExpression || (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'arguments'),
    (inner) =>
      inner.type !== AST_NODE_TYPES.FunctionExpression && inner.type !== AST_NODE_TYPES.FunctionDeclaration && inner.type !== AST_NODE_TYPES.ClassBody,
  );
}
