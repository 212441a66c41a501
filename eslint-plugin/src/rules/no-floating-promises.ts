import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf, getScopeOf } from '../core/scope';
import { getEnclosingFunction, isDirective, shortText, skipExpressionWrappers } from '../core/ast';
import { getAsyncContext } from '../roles/asyncContext';
import { createRule } from '../core/createRule';
import { reportLocation } from '../core/reportLocation';
import { prefixWithUnaryOperator } from '../core/fix';
import { type FloatingOptions, type FloatingReason, findConditionallyAwaitedPromise, findDanglingFieldPromise, findPromiseAwaitedLate, findFloatingPromise, findNestedPromiseArrays, findPromiseReturnedToCallback, isDanglingStoredPromise, isMarkedDeliberate, parseHandlingCall } from '../promises/floatingPromises';
import { findUnhandledFinallyBranch } from '../promises/finallyBranches';
import { findDroppedDerivedPromise } from '../promises/derivedPromises';
import { findWorkDetachedBeforeDone } from '../promises/workDetachedBeforeDone';
import { findUnreturnedMapWork, mayDropMapWork } from '../promises/unreturnedMapWork';
import { findWorkCutByExit, mayCutWorkByExit } from '../promises/exitHandlers';
import { findAwaitedHandle, mayAwaitHandles } from '../promises/handleAwaits';
import { getCodeRole } from '../roles/codeRole';
import { findDroppedFileWrite, mayDropFileWrites } from '../promises/droppedFileWrites';
import { findForgottenChildProcess, mayForgetChildProcesses } from '../promises/forgottenChildProcesses';
import { findInspectedPromise, type InspectedPromise } from '../promises/inspectedPromises';
import { findPromiseInTemplate, findPromiseWrittenByCall, mayWritePromisesAsData, type PromiseAsData } from '../promises/promisesAsData';
import { isInScriptCode } from '../roles/oneShotCode';
import { getRegisteredCallback, isPromiseAssertionCall } from '../roles/testCode';
import { SPECIFIERS_SCHEMA, type Specifier } from '../promises/promiseSpecifiers';
import { getTypedServices, getTypeScript } from '../core/typeInfo';
import type { AnyRuleContext as AnyContext } from '../core/ruleContext';

export type Options = [
  {
    checkVoid?: boolean;
    checkStored?: boolean;
    ignoreIIFE?: boolean;
    checkThenables?: boolean;
    allowForKnownSafeCalls?: Specifier[];
    allowForKnownSafePromises?: Specifier[];
    checkTests?: boolean;
    checkScripts?: boolean;
  },
];

export type MessageIds =
  | 'floating'
  | 'floatingVoid'
  | 'floatingUselessRejectionHandler'
  | 'floatingRethrowingHandler'
  | 'floatingDerivedPromise'
  | 'floatingHandlerResult'
  | 'floatingCallbackInChain'
  | 'floatingFinallyBranch'
  | 'floatingBeforeDone'
  | 'mapWorkNotReturned'
  | 'workCutByExit'
  | 'awaitedHandle'
  | 'suggestAwaitHandle'
  | 'suggestReturnWork'
  | 'awaitedOnlyByLaterCall'
  | 'floatingFulfilledHandler'
  | 'floatingAwaitedCondition'
  | 'suggestAwaitChoice'
  | 'droppedFileWrite'
  | 'forgottenChildProcess'
  | 'floatingPromiseArray'
  | 'nestedPromiseArray'
  | 'returnedToCallback'
  | 'suggestSpread'
  | 'danglingStored'
  | 'promiseWrittenAsData'
  | 'awaitedOnlyLater'
  | 'inspectedPromise'
  | 'awaitedOnlySometimes'
  | 'awaitedAfterOtherWork'
  | 'suggestAwait'
  | 'suggestVoid'
  | 'suggestCatch';

export default createRule<Options, MessageIds>({
  name: 'no-floating-promises',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require promises to be awaited, returned, or given a rejection handler',
      strict: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      floating:
        'This promise is neither awaited nor handled, so its result and any rejection are lost (an unhandled rejection can crash the process). Await it, return it, or add a `.catch()` handler; use `void` if detaching it is intended.',
      workCutByExit:
        "This work is started and not waited for in a handler after which the process exits ({{exit}}): the exit cuts it off midway, and what it was doing (stopping children, flushing, writing) is left undone. {{remedy}}",
      awaitedHandle:
        "`{{call}}` returns a handle, not a promise: this file reads the promise off what the calls of `{{receiver}}` return (`{{read}}`), and this `await` takes the handle itself. It resumes at once, before the work is done, and the work's rejection goes unhandled (it can crash the process). Await the handle's promise: `{{call}}{{read}}`.",
      suggestAwaitHandle: 'Await the promise of the handle (`{{read}}`).',
      mapWorkNotReturned:
        "This callback of `map` calls `{{work}}` but does not return it: its braces make a block that returns nothing, so `Promise.{{combinator}}` gets `undefined` for every element and settles at once. Nothing waits for this work and its rejection goes unhandled. Return it (`return {{work}};`), or drop the braces.",
      suggestReturnWork: 'Return the call, so that `Promise.{{combinator}}` waits for it.',
      floatingBeforeDone:
        'This async work is started and nothing waits for it, but `{{callback}}(…)` on line {{line}} then tells the caller this function is done: the caller goes on (or the process exits) while the work still runs, and what it writes can be missing. Wait for it first: call `{{callback}}` when it settles (`.then(() => {{callback}}(…))`), or make this function async and `await` it.',
      floatingFinallyBranch:
        '`.finally()` makes a new promise that rejects when `{{name}}` does: `{{name}}` is kept on line {{line}}, where it can be handled, but nothing handles this branch{{detail}}, so its rejection goes unhandled and can crash the process. Run the clean-up with `.then(cleanUp, cleanUp)`, or add a `.catch()` to this branch.',
      floatingVoid:
        'This promise is detached with `void`, so any rejection goes unhandled and can crash the process. Await it or handle its rejection with `.catch()`.',
      floatingUselessRejectionHandler:
        'This promise has a rejection handler that is not a function, so rejections are still unhandled. Pass a function to `.catch()` or as the second argument of `.then()`.',
      floatingRethrowingHandler:
        'The rejection handler of this promise throws again, and nothing handles what it throws: each failure becomes an unhandled rejection (it can crash the process). Handle the error in the handler without throwing (log it, emit it), or return or await the promise so the caller handles it.',
      floatingDerivedPromise:
        '`{{name}}` returns a new promise chained on the one passed to it, which rejects whenever that one does, and this statement drops it: even where the promise passed in is handled, this one is not, so every failure becomes an unhandled rejection (it can crash the process). Use what `{{name}}` returns in place of the promise passed in (`p = {{name}}(p, …)`), or return or await it.',
      floatingHandlerResult:
        '`{{name}}` is called as a Lambda handler, `(event, context, callback)`, and a handler may be `async`: this statement drops the promise it returns, so its result never reaches the callback and its rejection goes unhandled (it can crash the process). Keep the value and, when it is a thenable, pass its outcome on: `const result = {{name}}(…); if (result && typeof result.then === \'function\') result.then((value) => callback(null, value), callback);`.',
      floatingCallbackInChain:
        "This chain calls the caller's callback from inside its own handlers: what the callback throws after a success rejects the `then`, so `.catch` calls the callback a second time, with that error, and what it throws there rejects a promise nobody handles (it can crash the process). Call the callback outside the chain: `.then((value) => process.nextTick(callback, null, value), (error) => process.nextTick(callback, error))`.",
      floatingFulfilledHandler:
        "The second argument of this `then` handles only the rejection of the promise before it, not a failure of the first callback: what that callback throws, or the rejection of the promise it returns, rejects a promise nobody handles (it can crash the process). Move the handler into a `.catch(…)` after the `.then(…)`.",
      floatingAwaitedCondition:
        '`await` here takes only the condition (`await a ? b() : c()` reads `(await a) ? b() : c()`): the promise of the call it chooses is left floating, so the function goes on before that call is done, and its rejection goes unhandled. Await the choice: `await ((await a) ? b() : c())`, or `await (a ? b() : c())` if the condition is not a promise.',
      suggestAwaitChoice: 'Await the call the condition chooses: `await ((await a) ? b() : c())`.',
      floatingPromiseArray:
        'This array of promises is never awaited, so their results and rejections are lost. Wrap it in `await Promise.all(…)` (or `Promise.allSettled`).',
      nestedPromiseArray:
        '`{{api}}` takes this array of promises as a plain value: it does not wait for the promises in it or handle their rejections, and settles at once. Spread the array into the list (`{{spread}}`).',
      returnedToCallback:
        "This promise is returned from an error-first callback (`{{callback}}`), whose caller ignores what it returns: nothing waits for it or handles its rejection (an unhandled rejection can crash the process). Handle it here: `.catch(…)` that hands the error on (to the callback's own continuation), or `void` it with a handler.",
      suggestSpread: 'Spread the promises into the list: `{{spread}}`.',
      awaitedAfterOtherWork:
        "'{{name}}' starts here but nothing waits for it or handles it until after `{{other}}`: if it rejects meanwhile, Node finds a rejection nobody handles and ends the process, and if `{{other}}` fails first, '{{name}}' is never handled at all. Wait for both together (`await Promise.all([…])`), or handle its rejection here.",
      awaitedOnlySometimes:
        "'{{name}}' is awaited only when `{{condition}}`: otherwise its promise is left floating, and a rejection goes unhandled (it can crash the process). Handle it on the other path too (`.catch(…)`), or await it always.",
      inspectedPromise:
        "'{{name}}' holds the promise of an async function, but the code only tests it or reads its properties (`{{use}}`): a promise is always truthy and has none of the result's properties, and nothing waits for it or handles its rejection. Write `await` where '{{name}}' is assigned.",
      droppedFileWrite:
        "This write into `{{target}}` is dropped: nothing waits for the write stream's 'finish' or listens for its 'error', so the code goes on before the file is written, and a failed write (a full disk, a missing folder) crashes the process with an unhandled 'error' event. Use `await pipeline(source, {{target}})` from `node:stream/promises`, or settle on the write stream's 'finish' and 'error'.",
      forgottenChildProcess:
        "This child process is started and forgotten: the async function's promise resolves while `{{method}}` still runs, so the caller goes on before the command is done and never learns how it ended, and a failure to start it (a command that is not installed) is an 'error' event nobody listens to, which crashes the process. Wait for its 'close' event and listen for 'error' (or use a promise-returning exec), and return or await that.",
      promiseWrittenAsData:
        "This is a promise, written out as data by {{sink}}: what gets written is `[object Promise]` (or `{}`), not the value it brings, and nobody waits for it or handles its rejection. Await it first (`await {{promise}}`).",
      danglingStored:
        "The promise stored in '{{name}}' is never awaited, returned, passed on or handled, so its rejection goes unhandled and nobody waits for it. Await '{{name}}' where its result is needed, or handle its rejection.",
      awaitedOnlyByLaterCall:
        "The promise stored in '{{name}}' by `{{method}}()`, which cannot wait for it, is first awaited by a later call: if it rejects before one comes, nobody handles the rejection and Node ends the process. Handle it here too (`{{name}}.catch(() => {})` keeps the promise for the later awaits), or await it where it starts.",
      awaitedOnlyLater:
        "The promise stored in '{{name}}' starts with the instance but is first awaited by a later call: if it rejects before one comes, nobody handles the rejection and Node ends the process. Handle it here too (`{{name}}.catch(() => {})` keeps the promise for the later awaits), or start it in an async `init()` the caller awaits.",
      suggestAwait: 'Await the promise.',
      suggestVoid: 'Mark the promise as intentionally detached with `void`.',
      suggestCatch: 'Pass the rejection to `{{handler}}` with `.catch({{handler}})`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkVoid: { type: 'boolean', description: 'Also report promises detached with the `void` operator.' },
          checkStored: {
            type: 'boolean',
            description: 'Also report a promise stored in a local variable that is never read (a dangling task), or in a private field or unexported module variable that is only ever tested for presence.',
          },
          ignoreIIFE: { type: 'boolean', description: 'Do not report async immediately-invoked function expressions.' },
          checkThenables: {
            type: 'boolean',
            description: 'Also report thenables that are not real promises (objects with a `then(onFulfilled, onRejected)` method).',
          },
          allowForKnownSafeCalls: {
            ...SPECIFIERS_SCHEMA,
            description: 'Functions (names or `{ from, name, package }` specifiers) whose returned promises may float.',
          },
          allowForKnownSafePromises: {
            ...SPECIFIERS_SCHEMA,
            description: 'Promise types (names or `{ from, name, package }` specifiers) that may float.',
          },
          checkTests: {
            type: 'boolean',
            description: 'Report every floating promise in test code, not only promise assertions a synchronous test does not wait for.',
          },
          checkScripts: {
            type: 'boolean',
            description: 'Also report floating promises in command-line scripts and examples, where an unhandled rejection ends the script with its error.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        checkVoid: false,
        checkStored: true,
        ignoreIIFE: false,
        checkThenables: false,
        allowForKnownSafeCalls: [],
        allowForKnownSafePromises: [],
        checkTests: false,
        checkScripts: false,
      },
    ],
  },
  create(context, [options]) {
    const floatingOptions: FloatingOptions = {
      checkVoid: options.checkVoid === true,
      checkThenables: options.checkThenables === true,
      allowForKnownSafeCalls: options.allowForKnownSafeCalls ?? [],
      allowForKnownSafePromises: options.allowForKnownSafePromises ?? [],
    };
    const sourceCode = context.sourceCode;

    function report(reportNode: TSESTree.Node, expression: TSESTree.Expression, reason: FloatingReason): void {
      const inner = expression.type === AST_NODE_TYPES.ChainExpression ? expression.expression : expression;
      const isVoid = inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void';
      const messageId: MessageIds =
        reason === 'promiseArray'
          ? 'floatingPromiseArray'
          : reason === 'uselessHandler'
            ? 'floatingUselessRejectionHandler'
            : reason === 'rethrowingHandler'
              ? 'floatingRethrowingHandler'
              : reason === 'callbackInChain'
                ? 'floatingCallbackInChain'
                : reason === 'finallyBranch'
                ? 'floatingFinallyBranch'
                : reason === 'derivedDropped'
                ? 'floatingDerivedPromise'
                : reason === 'handlerDropped'
                ? 'floatingHandlerResult'
              : reason === 'fulfilledHandlerFails'
                ? 'floatingFulfilledHandler'
                : reason === 'awaitedCondition'
                  ? 'floatingAwaitedCondition'
                  : isVoid
                ? 'floatingVoid'
                : 'floating';
      const branch = reason === 'finallyBranch' ? findUnhandledFinallyBranch(context, isVoid ? (inner as TSESTree.UnaryExpression).argument : inner) : null;
      const derived = reason === 'derivedDropped' ? findDroppedDerivedPromise(sourceCode, inner) : null;
      const data = branch
        ? { name: shortText(branch.name), line: String(branch.keptAt.loc.start.line), detail: isVoid ? ' (`void` handles nothing)' : '' }
        : derived !== null ? { name: shortText(derived) }
        : reason === 'handlerDropped' && inner.type === AST_NODE_TYPES.CallExpression ? { name: shortText(sourceCode.getText(inner.callee), 40) } : undefined;
      context.report({ node: reportNode, loc: reportLocation(sourceCode, reportNode), messageId, data, suggest: suggestionsFor(reportNode, expression, inner, reason, isVoid) });
    }

    function suggestionsFor(
      reportNode: TSESTree.Node,
      expression: TSESTree.Expression,
      inner: TSESTree.Expression,
      reason: FloatingReason,
      isVoid: boolean,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      // the choice is what to await: awaiting or detaching the whole statement would keep the condition's await
      if (reason === 'awaitedCondition') {
        return inner.type === AST_NODE_TYPES.ConditionalExpression ? [{ messageId: 'suggestAwaitChoice', fix: (fixer) => awaitChoice(fixer, sourceCode, inner) }] : [];
      }
      // awaiting or detaching would still call the callback from inside the chain
      // (and `void` or `await` of a derived chain would not be what the code means: it means to use the chain)
      // (nor would awaiting a handler: the caller passes its outcome to the callback, which is the fix)
      if (reason === 'callbackInChain' || reason === 'finallyBranch' || reason === 'derivedDropped' || reason === 'handlerDropped') return [];
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (reason !== 'promiseArray' && canAwaitAt(context, reportNode)) {
        suggest.push({ messageId: 'suggestAwait', fix: (fixer) => addAwait(fixer, sourceCode, expression) });
      }
      // `void` would not handle what a rethrowing handler or a failing first callback throws
      if (!isVoid && !floatingOptions.checkVoid && reason !== 'promiseArray' && reason !== 'rethrowingHandler' && reason !== 'fulfilledHandlerFails') {
        suggest.push({ messageId: 'suggestVoid', fix: (fixer) => addVoid(fixer, sourceCode, expression) });
      }
      const handler = reason === 'unhandled' && !isVoid ? findExistingRejectionHandler(context, inner) : null;
      if (handler !== null) {
        suggest.push({
          messageId: 'suggestCatch',
          data: { handler },
          fix: (fixer) => fixer.insertTextAfter(expression, `.catch(${handler})`),
        });
      }
      return suggest;
    }

    /**
     * Where a floating promise costs something: not in command-line scripts and examples (an unhandled
     * rejection ends the script with its error), and in test code only a promise assertion that a synchronous test does not
     * wait for (the test ends before the assertion is checked). Not where a comment says it is on purpose.
     */
    function isWorthReporting(statement: TSESTree.Node, expression: TSESTree.Expression): boolean {
      const role = getCodeRole(context, statement);
      if (role === 'test' && !options.checkTests) {
        const call = skipExpressionWrappers(expression);
        const test = getRegisteredCallback(context, statement) ?? getEnclosingFunction(statement);
        return call.type === AST_NODE_TYPES.CallExpression && isPromiseAssertionCall(sourceCode, call) && test !== null && !test.async;
      }
      if (!options.checkScripts && isInScriptCode(context, statement)) return false;
      return !isMarkedDeliberate(sourceCode, statement);
    }

    function reportWorkDetachedBeforeDone(statement: TSESTree.ExpressionStatement): void {
      const found = findWorkDetachedBeforeDone(statement);
      if (!found || !isWorthReporting(statement, statement.expression)) return;
      const data = { callback: found.callback, line: String(found.done.loc.start.line) };
      context.report({ node: statement, loc: reportLocation(sourceCode, statement), messageId: 'floatingBeforeDone', data });
    }

    const checkFileWrites = mayDropFileWrites(sourceCode.text);
    function reportDroppedFileWrite(statement: TSESTree.ExpressionStatement): void {
      const dropped = findDroppedFileWrite(sourceCode, statement);
      if (!dropped || !isWorthReporting(statement, statement.expression)) return;
      const target = shortText(sourceCode.getText(dropped.writeStream), 40);
      context.report({ node: dropped.call, loc: reportLocation(sourceCode, dropped.call), messageId: 'droppedFileWrite', data: { target } });
    }

    const checkChildProcesses = mayForgetChildProcesses(sourceCode.text);
    function reportForgottenChildProcess(statement: TSESTree.ExpressionStatement): void {
      const forgotten = findForgottenChildProcess(sourceCode, statement);
      if (!forgotten || !isWorthReporting(statement, statement.expression)) return;
      context.report({ node: forgotten.call, loc: reportLocation(sourceCode, forgotten.call), messageId: 'forgottenChildProcess', data: { method: forgotten.method } });
    }

    function reportInspected(inspected: InspectedPromise): void {
      const use = shortText(sourceCode.getText(inspected.use), 40);
      context.report({ node: inspected.name, messageId: 'inspectedPromise', data: { name: inspected.name.name, use } });
    }

    /** Variables whose declaration was reported as a dangling task: one report per variable (`let task = f(); task = f();`). */
    const reportedDeclarators = new Set<TSESTree.Node>();
    function isReportedAtDeclaration(target: TSESTree.Node): boolean {
      if (target.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = findVariableOf(sourceCode, target)?.defs[0];
      return definition !== undefined && reportedDeclarators.has(definition.node);
    }

    const mentionsCombinators = /\bPromise\s*\.\s*(?:all|allSettled|any|race)\s*\(\s*\[/.test(sourceCode.text);
    function reportNestedArrays(call: TSESTree.CallExpression): void {
      for (const element of findNestedPromiseArrays(context, call, floatingOptions)) {
        if (!isWorthReporting(element, element as TSESTree.Expression)) continue;
        const text = sourceCode.getText(element);
        const optional = element.type === AST_NODE_TYPES.ChainExpression;
        const spread = optional ? `...(${text} ?? [])` : `...${text}`;
        context.report({
          node: element,
          loc: reportLocation(sourceCode, element),
          messageId: 'nestedPromiseArray',
          data: { api: shortText(sourceCode.getText(call.callee), 30), spread: shortText(spread, 50) },
          suggest: [{ messageId: 'suggestSpread', data: { spread: shortText(spread, 50) }, fix: (fixer) => fixer.replaceText(element, spread) }],
        });
      }
    }

    const checkPromisesAsData = mayWritePromisesAsData(sourceCode.text);
    function reportPromiseAsData(found: PromiseAsData | null): void {
      if (!found || !isWorthReporting(found.promise, found.promise as TSESTree.Expression)) return;
      context.report({
        node: found.promise,
        loc: reportLocation(sourceCode, found.promise),
        messageId: 'promiseWrittenAsData',
        data: { sink: found.sink, promise: shortText(sourceCode.getText(found.promise), 40) },
      });
    }

    const checkExitHandlers = mayCutWorkByExit(sourceCode.text);
    /** Even in scripts and for a promise that cannot reject: what is lost is the work the exit cuts off. */
    function reportWorkCutByExit(statement: TSESTree.ExpressionStatement): boolean {
      const found = findWorkCutByExit(context, statement);
      if (!found || isMarkedDeliberate(sourceCode, statement) || (getCodeRole(context, statement) === 'test' && !options.checkTests)) return false;
      const work = shortText(sourceCode.getText(statement.expression), 40);
      const remedy = found.handler === 'exit-event'
        ? "Nothing asynchronous can finish in an 'exit' listener: do this work in a signal or `beforeExit` listener that exits when it is done, or synchronously."
        : found.handler === 'node-cleanup'
          ? `Wait for it, then exit: return \`false\` from the handler and call \`${work}.then(() => process.exit())\`.`
          : `Wait for it, then exit: \`${work}.then(() => process.exit())\`.`;
      context.report({ node: statement, loc: reportLocation(sourceCode, statement), messageId: 'workCutByExit', data: { exit: found.exit, remedy } });
      return true;
    }

    const checkMapWork = mayDropMapWork(sourceCode.text);
    function reportUnreturnedMapWork(call: TSESTree.CallExpression): void {
      const found = findUnreturnedMapWork(context, call);
      if (!found || !isWorthReporting(found.statement, found.statement.expression)) return;
      // the statement is a floating promise in its own right: reported as one there
      if (findFloatingPromise(context, found.statement.expression, floatingOptions) !== null) return;
      const data = { work: shortText(sourceCode.getText(found.call), 40), combinator: found.combinator };
      context.report({
        node: found.statement,
        loc: reportLocation(sourceCode, found.statement),
        messageId: 'mapWorkNotReturned',
        data,
        suggest: [{ messageId: 'suggestReturnWork', data, fix: (fixer) => fixer.insertTextBefore(found.statement, 'return ') }],
      });
    }

    const checkHandles = mayAwaitHandles(sourceCode.text);
    function reportAwaitedHandle(node: TSESTree.AwaitExpression | TSESTree.YieldExpression): void {
      const found = findAwaitedHandle(context, node);
      if (!found || !isWorthReporting(node, found.call)) return;
      const data = { call: shortText(sourceCode.getText(found.call), 40), receiver: shortText(found.receiver, 30), read: found.read };
      context.report({
        node: found.call,
        loc: reportLocation(sourceCode, found.call),
        messageId: 'awaitedHandle',
        data,
        suggest: [{ messageId: 'suggestAwaitHandle', data, fix: (fixer) => fixer.insertTextAfter(found.call, found.read) }],
      });
    }

    return {
      AwaitExpression(node) {
        if (checkHandles) reportAwaitedHandle(node);
      },
      YieldExpression(node) {
        if (checkHandles) reportAwaitedHandle(node);
      },
      CallExpression(node) {
        if (mentionsCombinators) reportNestedArrays(node);
        if (checkMapWork) reportUnreturnedMapWork(node);
        if (checkPromisesAsData) reportPromiseAsData(findPromiseWrittenByCall(context, node));
      },
      TemplateLiteral(node) {
        if (checkPromisesAsData && node.expressions.length > 0) reportPromiseAsData(findPromiseInTemplate(context, node));
      },
      ReturnStatement(node) {
        const fn = node.argument ? findPromiseReturnedToCallback(context, node, floatingOptions) : null;
        if (!fn || !node.argument || !isWorthReporting(node, node.argument)) return;
        const callback = `(${fn.params.map((param) => sourceCode.getText(param)).join(', ')}) => …`;
        context.report({ node: node.argument, loc: reportLocation(sourceCode, node.argument), messageId: 'returnedToCallback', data: { callback: shortText(callback, 40) } });
      },
      ExpressionStatement(node) {
        if (isDirective(node)) return;
        if (options.ignoreIIFE && isAsyncIIFE(node.expression)) return;
        const reason = findFloatingPromise(context, node.expression, floatingOptions);
        if (reason && isWorthReporting(node, node.expression)) report(node, node.expression, reason);
        else if (checkExitHandlers && reportWorkCutByExit(node)) return;
        else if (checkFileWrites) reportDroppedFileWrite(node);
        if (!reason) reportWorkDetachedBeforeDone(node);
        if (!reason && checkChildProcesses) reportForgottenChildProcess(node);
      },
      ArrowFunctionExpression(node) {
        // () => void promise: with checkVoid, the arrow's body detaches the promise
        if (!floatingOptions.checkVoid || node.body.type !== AST_NODE_TYPES.UnaryExpression || node.body.operator !== 'void') return;
        const reason = findFloatingPromise(context, node.body, floatingOptions);
        if (reason && isWorthReporting(node.body, node.body)) report(node.body, node.body, reason);
      },
      AssignmentExpression(node) {
        if (options.checkStored === false) return;
        const dangling = findDanglingFieldPromise(context, node, floatingOptions);
        if (dangling !== null && !isReportedAtDeclaration(node.left) && isWorthReporting(node, node.right)) {
          const messageId = dangling.storedBy ? 'awaitedOnlyByLaterCall' : dangling.awaitedLater ? 'awaitedOnlyLater' : 'danglingStored';
          context.report({ node: node.left, messageId, data: { name: dangling.name, method: dangling.storedBy ?? '' } });
        }
      },
      VariableDeclarator(node) {
        if (options.checkStored === false) return;
        if (node.id.type !== AST_NODE_TYPES.Identifier) return;
        if (!node.init) {
          // compiled code's `var key; … key = this.retrieve(id);`
          const assigned = findInspectedPromise(context, node);
          if (assigned && isWorthReporting(assigned.name, assigned.name)) reportInspected(assigned);
          return;
        }
        if (isDanglingStoredPromise(context, node, floatingOptions) && isWorthReporting(node, node.init)) {
          reportedDeclarators.add(node);
          context.report({ node: node.id, messageId: 'danglingStored', data: { name: node.id.name } });
          return;
        }
        const inspected = findInspectedPromise(context, node);
        if (inspected && isWorthReporting(node, node.init)) {
          reportedDeclarators.add(node);
          reportInspected(inspected);
          return;
        }
        const late = findPromiseAwaitedLate(context, node, floatingOptions);
        if (late && isWorthReporting(node, node.init)) {
          reportedDeclarators.add(node);
          const other = shortText(sourceCode.getText(late.waitedFirst).split('\n')[0] ?? '', 40);
          context.report({ node: node.id, messageId: 'awaitedAfterOtherWork', data: { name: node.id.name, other } });
          return;
        }
        const conditional = findConditionallyAwaitedPromise(context, node, floatingOptions);
        if (conditional && isWorthReporting(node, node.init)) {
          const condition = shortText(sourceCode.getText(conditional.guard.test), 40);
          context.report({ node: node.id, messageId: 'awaitedOnlySometimes', data: { name: node.id.name, condition } });
        }
      },
    };
  },
});

function isAsyncIIFE(expression: TSESTree.Expression): boolean {
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  return expression.callee.type === AST_NODE_TYPES.ArrowFunctionExpression || expression.callee.type === AST_NODE_TYPES.FunctionExpression;
}


/** `await` is valid here: directly in an async function body, or at the top level of an ES module. */
function canAwaitAt(context: AnyContext, node: TSESTree.Node): boolean {
  const asyncContext = getAsyncContext(context.sourceCode, node);
  if (asyncContext) return asyncContext.canAwait && asyncContext.functionNode === getEnclosingFunction(node);
  if (getEnclosingFunction(node) !== null) return false;
  if (context.languageOptions.sourceType !== 'module' || /\.c[jt]s$/.test(context.filename)) return false;
  if (isCommonJsOutput(context)) return false;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.StaticBlock || current.type === AST_NODE_TYPES.PropertyDefinition) return false;
  }
  return true;
}

/** With types: TypeScript compiles this file as CommonJS (e.g. `.ts` in a `"type": "commonjs"` package), where top-level await is an error. */
function isCommonJsOutput(context: AnyContext): boolean {
  const services = getTypedServices(context);
  if (!services) return false;
  const tsModule = getTypeScript();
  const sourceFile = services.program.getSourceFile(context.physicalFilename);
  if (sourceFile?.impliedNodeFormat !== undefined) return sourceFile.impliedNodeFormat === tsModule.ModuleKind.CommonJS;
  const moduleKind = services.program.getCompilerOptions().module;
  return moduleKind === tsModule.ModuleKind.CommonJS || moduleKind === tsModule.ModuleKind.AMD || moduleKind === tsModule.ModuleKind.UMD;
}

/** `await a ? b() : c()` → `await ((await a) ? b() : c())`: the condition is still awaited, and so is the call it chooses. */
function awaitChoice(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, choice: TSESTree.ConditionalExpression): TSESLint.RuleFix {
  return fixer.replaceText(choice, `await ((${sourceCode.getText(choice.test)}) ${sourceCode.getText().slice(choice.test.range[1], choice.range[1]).trimStart()})`);
}

function addAwait(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Expression): TSESLint.RuleFix | TSESLint.RuleFix[] {
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
    return fixer.replaceTextRange([expression.range[0], expression.range[0] + 'void'.length], 'await');
  }
  return prefixWithUnaryOperator(fixer, sourceCode, expression, 'await');
}

function addVoid(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Expression): TSESLint.RuleFix | TSESLint.RuleFix[] {
  return prefixWithUnaryOperator(fixer, sourceCode, expression, 'void');
}

/**
 * A rejection handler already in scope that `.catch()` can pass the error to without inventing one:
 * Express-style `next` in a request handler, or `reject` of the enclosing `new Promise` executor.
 * Offered only for `.then(…)` chains.
 */
function findExistingRejectionHandler(context: AnyContext, expression: TSESTree.Node): string | null {
  if (expression.type !== AST_NODE_TYPES.CallExpression) return null;
  const handling = parseHandlingCall(expression);
  if (!handling || handling.method !== 'then') return null;
  const fn = getEnclosingFunction(expression);
  if (!fn) return null;
  const asyncContext = getAsyncContext(context.sourceCode, expression);
  if (asyncContext?.kind === 'request-handler' && asyncContext.functionNode === fn && fn.params.length >= 3) {
    const next = fn.params[2];
    if (next?.type === AST_NODE_TYPES.Identifier && next.name === 'next' && isUnshadowed(context, expression, next)) return 'next';
  }
  const executorCall = fn.parent;
  if (
    executorCall?.type === AST_NODE_TYPES.NewExpression &&
    executorCall.arguments[0] === fn &&
    skipExpressionWrappers(executorCall.callee).type === AST_NODE_TYPES.Identifier &&
    (skipExpressionWrappers(executorCall.callee) as TSESTree.Identifier).name === 'Promise'
  ) {
    const reject = fn.params[1];
    if (reject?.type === AST_NODE_TYPES.Identifier && isUnshadowed(context, expression, reject)) return reject.name;
  }
  return null;
}

function isUnshadowed(context: AnyContext, at: TSESTree.Node, parameter: TSESTree.Identifier): boolean {
  let scope: TSESLint.Scope.Scope | null = getScopeOf(context.sourceCode, at);
  while (scope) {
    const variable = scope.set.get(parameter.name);
    if (variable) return variable.defs.some((definition) => definition.name === parameter);
    scope = scope.upper;
  }
  return false;
}
