import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, getTrailingName, isFunctionNode, skipExpressionWrappers, skipIndirectCallee, someNodeWithin } from './ast';
import { AST_NODE_TYPES } from './nodeTypes';

/**
 * `async` functions as TypeScript compiles them below ES2017: the body becomes a generator handed to a helper,
 * `__awaiter(this, void 0, void 0, function* () { … })` (emitted into the file or imported from tslib,
 * `tslib_1.__awaiter(…)`, `(0, tslib_1.__awaiter)(…)`), which returns a promise; each `await` is a `yield`.
 * esbuild (and tsup, which runs it) does the same with its own helper, `__async(this, null, function* () { … })`.
 * Many packages still ship such code, and bugs are found by linting them, so every analysis asks here whether a
 * function body is async and whether a node is an await: the generator is read as an async function whose `this`
 * is the one `__awaiter` is handed, and its `yield x` as `await x`.
 */

/** An `await`: `await x`, or `yield x` in the generator of a compiled `async` function. */
export type AwaitNode = TSESTree.AwaitExpression | TSESTree.YieldExpression;

/** The helpers compilers hand a compiled `async` function's generator to: TypeScript's (and tslib's), esbuild's. */
export const AWAITER_HELPERS: ReadonlySet<string> = new Set(['__awaiter', '__async']);

/**
 * `__awaiter(this, …, function* () {…})`, `tslib_1.__awaiter(…)`, `__async(this, null, function* () {…})`: a call that
 * returns the compiled function's promise; for ES5, TypeScript hands `__awaiter` a function that runs `__generator`'s
 * state machine (`getGeneratorStateMachine`) instead of a generator.
 */
export function isAwaiterCall(call: TSESTree.CallExpression): boolean {
  return isAwaiterHelperCall(call, false);
}

/**
 * `isAwaiterCall`; with `withLocals`, also an ES5 body that declares its locals before it runs the state machine
 * (`function () { var key; return __generator(…); }`). Such a body's `try` blocks are the state machine's `_a.trys`,
 * which the analyses of what a compiled function can throw do not read: it counts only for what `this` is.
 */
function isAwaiterHelperCall(call: TSESTree.CallExpression, withLocals: boolean): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (last?.type !== AST_NODE_TYPES.FunctionExpression || last.async) return false;
  const name = getTrailingName(skipIndirectCallee(call.callee));
  if (name === null || !AWAITER_HELPERS.has(name)) return false;
  return last.generator || getGeneratorStateMachine(last, withLocals) !== null;
}

/**
 * The generator of Babel's compiled `async` function, `_asyncToGenerator(function* () { … })` (also through the
 * runtime's import, `(0, _asyncToGenerator2.default)(…)`): the call makes the async function, whose body the
 * generator is (each `yield` an `await`). Null for any other call.
 */
export function getBabelAsyncGenerator(call: TSESTree.CallExpression): TSESTree.FunctionExpression | null {
  const generator = call.arguments.length === 1 ? skipExpressionWrappers(call.arguments[0] as TSESTree.Node) : null;
  if (generator?.type !== AST_NODE_TYPES.FunctionExpression || !generator.generator) return null;
  return isAsyncToGeneratorHelper(call) ? generator : null;
}

/** A call of Babel's `asyncToGenerator` helper, inlined (`_asyncToGenerator`) or through the runtime's import (`(0, _asyncToGenerator2.default)`). */
function isAsyncToGeneratorHelper(call: TSESTree.CallExpression): boolean {
  let callee = skipIndirectCallee(call.callee);
  // _asyncToGenerator2.default: how Babel's runtime helper is imported
  if (callee.type === AST_NODE_TYPES.MemberExpression && getTrailingName(callee) === 'default') callee = skipExpressionWrappers(callee.object);
  return callee.type === AST_NODE_TYPES.Identifier && /^_?asyncToGenerator\d*$/.test(callee.name);
}

/**
 * A value Babel made of an `async` function, whose calls return promises: `_asyncToGenerator(function* () {…})`,
 * the same over regenerator's state machine (`(0, _asyncToGenerator3.default)(_regenerator2.default.mark(function
 * _callee() {…}))`, what Babel 6 emits for older targets), or the wrapper Babel puts around an `async` function with
 * parameters, `(function () { var _ref = _asyncToGenerator(…); return function (_x) { return _ref.apply(this,
 * arguments); }; })()`.
 */
export function isBabelAsyncFunctionValue(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isBabelAsyncCall(value)) return true;
  const wrapper = skipExpressionWrappers(value.callee);
  if (value.arguments.length > 0 || (wrapper.type !== AST_NODE_TYPES.FunctionExpression && wrapper.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return false;
  if (wrapper.body.type !== AST_NODE_TYPES.BlockStatement || wrapper.params.length > 0) return false;
  const [declaration, returned, ...rest] = wrapper.body.body;
  if (rest.length > 0 || declaration?.type !== AST_NODE_TYPES.VariableDeclaration || returned?.type !== AST_NODE_TYPES.ReturnStatement || !returned.argument) return false;
  const [declarator] = declaration.declarations;
  if (declaration.declarations.length !== 1 || declarator?.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return false;
  const init = skipExpressionWrappers(declarator.init);
  return init.type === AST_NODE_TYPES.CallExpression && isBabelAsyncCall(init) && appliesName(returned.argument, declarator.id.name);
}

/**
 * A Babel `async` function value (`isBabelAsyncFunctionValue`) whose body regenerator compiled into a state machine
 * with a `try` in it: the machine catches through its context (`_context.t0 = _context["catch"](0)`). What such a
 * body's `catch` does with the error is not read from the state machine, so callers take the function as one that
 * may handle its failures.
 */
export function isRegeneratorBodyWithTry(node: TSESTree.Node): boolean {
  return someNodeWithin(
    node,
    (inner) => {
      if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const context = skipExpressionWrappers(inner.callee.object);
      return getStaticPropertyName(inner.callee) === 'catch' && context.type === AST_NODE_TYPES.Identifier && /^_context\d*$/.test(context.name);
    },
    () => true,
  );
}

/**
 * A function TypeScript compiled from an `async` one for ES5 with its locals declared before the state machine
 * (`function () { var a; return __awaiter(this, …, function () { var b; return __generator(this, function (_a) { … }); }); }`,
 * which `isAsyncFunction` leaves to `returnsCompiledPromise`) that cannot reject as far as its machine shows: one with a
 * `try` in it (`_a.trys.push([0, 2, , 3])`: what its `catch` does is not read from the machine, so it may handle its
 * failures, as `isRegeneratorBodyWithTry` takes Babel's), or one that neither awaits (`return [4, …]`) nor throws,
 * whose source form would be an `async` function that awaits nothing.
 */
export function compiledBodyWithLocalsCannotReject(fn: FunctionNode): boolean {
  const body = getCompiledBody(fn, true);
  if (body === null || body.generator) return false;
  let awaitsOrThrows = false;
  const hasTry = someNodeWithin(
    body,
    (inner) => {
      if (inner.type === AST_NODE_TYPES.ThrowStatement || (inner.type === AST_NODE_TYPES.ReturnStatement && isMachineAwait(inner))) awaitsOrThrows = true;
      return (
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.callee.type === AST_NODE_TYPES.MemberExpression &&
        getStaticPropertyName(inner.callee) === 'push' &&
        inner.callee.object.type === AST_NODE_TYPES.MemberExpression &&
        getStaticPropertyName(inner.callee.object) === 'trys'
      );
    },
    (inner) => inner === body || !isFunctionNode(inner) || inner.parent?.type === AST_NODE_TYPES.CallExpression,
  );
  return hasTry || !awaitsOrThrows;
}

/** `return [4, value]` (4 is the machine's yield): an `await` of ES5's state machine. */
function isMachineAwait(statement: TSESTree.ReturnStatement): boolean {
  const argument = statement.argument;
  if (argument?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const [opcode] = argument.elements;
  return opcode?.type === AST_NODE_TYPES.Literal && opcode.value === 4;
}

/** `_asyncToGenerator(function* () {…})` or `_asyncToGenerator(regenerator.mark(function () {…}))`. */
function isBabelAsyncCall(call: TSESTree.CallExpression): boolean {
  if (getBabelAsyncGenerator(call)) return true;
  const [argument] = call.arguments;
  const marked = call.arguments.length === 1 && argument ? skipExpressionWrappers(argument) : null;
  if (marked?.type !== AST_NODE_TYPES.CallExpression || getTrailingName(skipExpressionWrappers(marked.callee)) !== 'mark') return false;
  const inner = marked.arguments[0];
  return marked.arguments.length === 1 && inner !== undefined && skipExpressionWrappers(inner).type === AST_NODE_TYPES.FunctionExpression && isAsyncToGeneratorHelper(call);
}

/** `function (_x) { return _ref.apply(this, arguments); }`: hands every call on to `name`. */
function appliesName(raw: TSESTree.Node, name: string): boolean {
  const fn = skipExpressionWrappers(raw);
  if (fn.type !== AST_NODE_TYPES.FunctionExpression || fn.body.body.length !== 1) return false;
  const [only] = fn.body.body;
  const call = only?.type === AST_NODE_TYPES.ReturnStatement && only.argument ? skipExpressionWrappers(only.argument) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const target = skipExpressionWrappers(call.callee.object);
  return target.type === AST_NODE_TYPES.Identifier && target.name === name && getTrailingName(call.callee) === 'apply';
}

/** The generator a compiled `async` function's body became. */
export function isAwaiterBody(fn: TSESTree.Node): fn is TSESTree.FunctionExpression {
  if (fn.type !== AST_NODE_TYPES.FunctionExpression || !fn.generator) return false;
  const call = fn.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[call.arguments.length - 1] === fn && isAwaiterCall(call);
}

/**
 * True when an `await` in the body of `fn` waits for a promise: an `async` function that is not a generator, or
 * the generator of a compiled one.
 */
export function isAsyncBody(fn: FunctionNode): boolean {
  return (fn.async && !fn.generator) || isAwaiterBody(fn);
}

/** `yield x` in such a generator: what `await x` compiles to. */
export function isCompiledAwait(node: TSESTree.Node): node is TSESTree.YieldExpression {
  if (node.type !== AST_NODE_TYPES.YieldExpression || node.delegate || !node.argument) return false;
  const fn = getEnclosingFunction(node);
  return fn !== null && isAwaiterBody(fn);
}

/** `await x`, or its compiled form `yield x` (see `isCompiledAwait`). */
export function isAwaitNode(node: TSESTree.Node): node is AwaitNode {
  return node.type === AST_NODE_TYPES.AwaitExpression || isCompiledAwait(node);
}

/** What the awaited expression of an await is (`x` in `await x` or its compiled `yield x`). */
export function getAwaitedValue(node: AwaitNode): TSESTree.Expression {
  return node.argument as TSESTree.Expression;
}

/** The keyword that awaits in the body of `fn`: `yield` in the generator of a compiled `async` function, else `await`. */
export function getAwaitKeyword(fn: FunctionNode): 'await' | 'yield' {
  return isAwaiterBody(fn) ? 'yield' : 'await';
}

/**
 * The generator of a compiled `async` function that runs with the `this` of the function around it, as the
 * compiled method does (`__awaiter(this, …)`): `this` in it is the outer `this`, as in the `async` source.
 */
export function keepsOuterThis(fn: TSESTree.Node): boolean {
  return getCompiledBodyThis(fn)?.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * What a compiled `async` function's body runs with as `this`, when `fn` is such a body: the first argument of its
 * `__awaiter(this, …, fn)` (a generator, or for ES5 a function that runs the state machine), or of ES5's
 * `__generator(this, fn)` state machine. `this`, or a name of it (`__awaiter(_this, …)` in an arrow of a method
 * compiled for ES5); null when `fn` is no such body.
 */
export function getCompiledBodyThis(fn: TSESTree.Node): TSESTree.Node | null {
  if (fn.type !== AST_NODE_TYPES.FunctionExpression) return null;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[call.arguments.length - 1] !== fn) return null;
  const isBody = isAwaiterHelperCall(call, true) || (!fn.generator && getTrailingName(skipIndirectCallee(call.callee)) === '__generator');
  return isBody ? (call.arguments[0] ?? null) : null;
}

/**
 * The function whose code `fn` is, seen through compiled `async`: for the generator or the ES5 state machine that
 * `__awaiter`/`__generator` run (`getCompiledBodyThis`), the function that hands it on (`Debuglet.prototype.start =
 * function () { return __awaiter(this, …, function () { return __generator(this, function (_a) { … }); }); }` is
 * `start`'s function); any other function is its own.
 */
export function getCompiledAsyncSource(fn: FunctionNode): FunctionNode {
  let current = fn;
  for (let outer = getEnclosingFunction(current); outer && getCompiledBodyThis(current) !== null; outer = getEnclosingFunction(current)) current = outer;
  return current;
}

/**
 * The generator of `fn` when `fn` is a compiled `async` function: its body is that call alone,
 * `(x) => __awaiter(this, …, function* () {…})` or `f(x) { return __awaiter(…); }` (`withLocals`: see
 * `isAwaiterHelperCall`). Null otherwise.
 */
export function getCompiledBody(fn: FunctionNode, withLocals = false): TSESTree.FunctionExpression | null {
  let value: TSESTree.Node | null | undefined = fn.body;
  if (value?.type === AST_NODE_TYPES.BlockStatement) {
    const [only] = value.body;
    value = value.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
  }
  if (!value) return null;
  const call = skipExpressionWrappers(value);
  if (call.type !== AST_NODE_TYPES.CallExpression || !isAwaiterHelperCall(call, withLocals)) return null;
  return call.arguments[call.arguments.length - 1] as TSESTree.FunctionExpression;
}

/**
 * The state machine of a compiled `async` function's body when TypeScript compiled it for ES5: the body handed to
 * `__awaiter` is `function () { return __generator(this, function (_a) { switch (_a.label) { … } }); }`, its awaits
 * `return [4, value]` (4 is its yield). With `withLocals`, also after `var` declarations of the body's locals. Null for any
 * other function.
 */
export function getGeneratorStateMachine(fn: FunctionNode, withLocals = false): TSESTree.FunctionExpression | null {
  const body = fn.body;
  if (body?.type !== AST_NODE_TYPES.BlockStatement || (!withLocals && body.body.length !== 1)) return null;
  // the body's locals are declared above it: `var key, updated; return __generator(…)`
  const last = body.body[body.body.length - 1];
  if (body.body.some((statement) => statement !== last && (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'var'))) return null;
  const call = last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? skipExpressionWrappers(last.argument) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || getTrailingName(skipIndirectCallee(call.callee)) !== '__generator') return null;
  const machine = call.arguments[call.arguments.length - 1];
  return machine?.type === AST_NODE_TYPES.FunctionExpression ? machine : null;
}

/** `fn` is an `async` function (not an async generator) or a compiled one (`getCompiledBody`): calling it returns a promise. */
export function isAsyncFunction(fn: FunctionNode): boolean {
  return (fn.async && !fn.generator) || getCompiledBody(fn) !== null;
}

/**
 * `isAsyncFunction`, also for an ES5 body that declares its locals before its state machine (`isAwaiterHelperCall`):
 * what calling it returns is a promise, for an analysis that does not ask what the function can throw.
 */
export function returnsCompiledPromise(fn: FunctionNode): boolean {
  return isAsyncFunction(fn) || getCompiledBody(fn, true) !== null;
}
