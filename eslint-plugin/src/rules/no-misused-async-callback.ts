import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../core/createRule';
import { DEFAULT_MISUSE_OPTIONS, type MisuseKind, MisuseFinder, type MisuseOptions } from '../promises/misuses';
import type { RewriteKind } from '../promises/misusedCallbackFixes';

export type Options = [Partial<MisuseOptions>];

export type MessageIds =
  | 'asyncForEach'
  | 'asyncForEachUnwaited'
  | 'asyncTimer'
  | 'asyncListener'
  | 'asyncExecutor'
  | 'asyncPredicate'
  | 'asyncComparator'
  | 'asyncHook'
  | 'exitWork'
  | 'voidParameter'
  | 'voidVariable'
  | 'voidProperty'
  | 'voidElement'
  | 'voidReturn'
  | 'voidAttribute'
  | 'voidInherited'
  | 'promiseSpread'
  | 'asyncDispose'
  | 'conditional'
  | 'asyncMiddleware'
  | 'suggestForOf'
  | 'suggestPromiseAll'
  | 'suggestAwait'
  | 'suggestTryCatch'
  | 'suggestNextCatch'
  | 'suggestVoidCatch'
  | 'suggestAwaitSpread'
  | 'suggestAsyncDispose';

const MESSAGE_BY_KIND: Readonly<Record<MisuseKind, MessageIds>> = {
  forEach: 'asyncForEach',
  unwaitedForEach: 'asyncForEachUnwaited',
  timer: 'asyncTimer',
  listener: 'asyncListener',
  executor: 'asyncExecutor',
  predicate: 'asyncPredicate',
  comparator: 'asyncComparator',
  hook: 'asyncHook',
  voidParameter: 'voidParameter',
  variable: 'voidVariable',
  property: 'voidProperty',
  element: 'voidElement',
  return: 'voidReturn',
  attribute: 'voidAttribute',
  inherited: 'voidInherited',
  spread: 'promiseSpread',
  dispose: 'asyncDispose',
  conditional: 'conditional',
  middleware: 'asyncMiddleware',
  exitWork: 'exitWork',
};

const SUGGESTION_BY_REWRITE: Readonly<Record<RewriteKind, MessageIds>> = {
  forOf: 'suggestForOf',
  promiseAll: 'suggestPromiseAll',
  await: 'suggestAwait',
  tryCatch: 'suggestTryCatch',
  nextCatch: 'suggestNextCatch',
  voidCatch: 'suggestVoidCatch',
  awaitSpread: 'suggestAwaitSpread',
  asyncDispose: 'suggestAsyncDispose',
};

const HANDLE_INSIDE = 'Handle errors inside it (try/catch), or declare the type to return `Promise<void>` if its callers await it.';

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
      asyncForEachUnwaited:
        '`forEach` ignores the promise this async callback returns, so nothing waits for the iterations: {{owner}} resolves while they still run, and whoever awaits it goes on before their work is done (a later step can see it half done). Use `for…of` with `await`, or `await Promise.all(xs.map(…))`.',
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
      asyncHook:
        "`{{name}}` ignores the promise this async function returns: the hook does not wait for its work (a `tapAsync` hook waits for its callback, which a rejection skips, so the build hangs), and a rejection goes unhandled. Register it with `tapPromise`, which waits for the promise and fails the hook with its rejection.",
      voidParameter:
        '`{{name}}` expects a function that returns nothing here, so the promise this callback returns is ignored and its rejection goes unhandled. Handle errors inside the callback (try/catch) or pass a synchronous function.',
      voidVariable: `\`{{name}}\` is declared as a function that returns void, so whoever calls it ignores the promise this function returns and its rejection goes unhandled. ${HANDLE_INSIDE}`,
      voidProperty: `This property is declared to return void (\`{{name}}\`), so whoever calls it ignores the promise this function returns and its rejection goes unhandled. ${HANDLE_INSIDE}`,
      voidElement: `This element is declared as a function that returns void, so whoever calls it ignores the promise this function returns and its rejection goes unhandled. ${HANDLE_INSIDE}`,
      voidReturn: `\`{{name}}\` is declared to return a function that returns void, so whoever calls the returned function ignores its promise and its rejection goes unhandled. ${HANDLE_INSIDE}`,
      voidAttribute: `The \`{{name}}\` prop is declared to return void, so the component ignores the promise this handler returns and its rejection goes unhandled. ${HANDLE_INSIDE}`,
      voidInherited:
        '`{{base}}` declares `{{name}}` to return void, so code that calls it through `{{base}}` ignores the promise this method returns and its rejection goes unhandled. Handle errors inside it (try/catch), or declare it to return `Promise<void>` in `{{base}}` if callers await it.',
      promiseSpread:
        'This spreads a promise: a promise has no own properties, so nothing of its result is copied and the promise itself is dropped. Await it first.',
      asyncDispose:
        '`using` calls `[Symbol.dispose]()` at the end of the block without waiting: this async disposal is not finished when the block ends, and its rejection goes unhandled. Implement `[Symbol.asyncDispose]` and use `await using`.',
      conditional:
        'This promise is used as a condition, but a promise object is always truthy, so the check always passes. Await it to test its result.',
      exitWork:
        "`{{work}}` is started with `void` in a listener of the process's 'exit' event, where no async work runs: the process ends as soon as the listeners return, so this work stops at its first wait and never finishes (what it would clean up stays behind). Do what must happen synchronously here (kill child processes, write with the *Sync API), or start the work earlier, from a signal or 'beforeExit' listener that can wait for it.",
      asyncMiddleware:
        '{{name}} ignores the promise this async request handler returns: when it rejects, no error handler runs, the request never gets a response and the rejection goes unhandled. Catch errors inside it and pass them to `next(error)` (or answer the request), or wrap the handler so that a rejection reaches `next`.',
      suggestForOf: 'Rewrite as a `for…of` loop that awaits each item in order.',
      suggestPromiseAll: 'Rewrite as `await Promise.all(….map(…))` to run concurrently and wait for all.',
      suggestAwait: 'Await the promise and test its result.',
      suggestTryCatch: 'Wrap the body in try/catch and log the error, so the promise cannot reject.',
      suggestNextCatch: 'Wrap the body in try/catch and pass the error to `next`.',
      suggestVoidCatch: 'Call it and log its rejection: `() => { void f().catch(…); }`.',
      suggestAwaitSpread: 'Await the promise and spread its result.',
      suggestAsyncDispose: 'Use `await using` and `[Symbol.asyncDispose]`.',
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
          checkVariables: { type: 'boolean', description: 'Report promise-returning functions stored in variables declared as `() => void`.' },
          checkProperties: {
            type: 'boolean',
            description: 'Report them as properties, methods or elements of objects and arrays whose declared type wants `() => void`, and in assignments to such members (off by default: noise on real code).',
          },
          checkReturns: { type: 'boolean', description: 'Report them returned from functions declared to return `() => void`.' },
          checkInheritedMethods: { type: 'boolean', description: 'Report async methods whose base class or interface declares them to return `void`.' },
          checkAttributes: { type: 'boolean', description: 'Report them as JSX attributes whose prop is declared `() => void` (UI event handlers).' },
          checkSpreads: { type: 'boolean', description: 'Report `{ ...promise }`.' },
          checkDispose: { type: 'boolean', description: 'Report `using` of a value whose `[Symbol.dispose]` is async.' },
        },
      },
    ],
    defaultOptions: [DEFAULT_MISUSE_OPTIONS],
  },
  create(context, [options]) {
    const finder = new MisuseFinder(context, { ...DEFAULT_MISUSE_OPTIONS, ...options });
    const check = (node: TSESTree.Node): void => {
      for (const misuse of finder.check(node)) {
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = misuse.rewrites.map((rewrite) => ({
          messageId: SUGGESTION_BY_REWRITE[rewrite.kind],
          fix: rewrite.fix,
        }));
        context.report({ node: misuse.node, loc: misuse.loc, messageId: MESSAGE_BY_KIND[misuse.kind], data: misuse.data, suggest });
      }
    };
    // plain node-type listeners: ESLint matches an attribute selector against every node of the type
    return {
      CallExpression: check,
      NewExpression: check,
      ArrowFunctionExpression: check,
      FunctionExpression: check,
      FunctionDeclaration: check,
      VariableDeclarator: check,
      AssignmentExpression: check,
      Property: check,
      ReturnStatement: check,
      ArrayExpression: check,
      JSXExpressionContainer: check,
      ClassDeclaration: check,
      ClassExpression: check,
      TSInterfaceDeclaration: check,
      SpreadElement: check,
      IfStatement: check,
      WhileStatement: check,
      DoWhileStatement: check,
      ForStatement: check,
      ConditionalExpression: check,
      LogicalExpression: check,
      UnaryExpression: check,
    };
  },
});
