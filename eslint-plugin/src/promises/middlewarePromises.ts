import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { isAsyncFunction } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getFileDirectory, rememberFileName } from '../modules/crossFile';
import { declaredMajorVersion, declaredRange } from '../modules/declaredDependencies';
import { resolveLocalCallables } from '../modules/localFunctions';
import { classifyCallbackPosition } from '../roles/asyncContext';
import { asyncFunctionCannotRejectReturning } from './rejection';
import { REQUEST_PARAMETER_NAMES, RESPONSE_PARAMETER_NAMES } from '../roles/handlerParameters';

/**
 * Express before version 5 and Connect call a request handler, `(req, res)` or the middleware shape `(req, res,
 * next)`, and ignore what it returns. An `async` handler that rejects loses its error: Node reports an unhandled
 * rejection (by default the process ends), no error middleware runs, and the request never gets a response.
 * Express 5 passes the rejection to `next(error)`, and so do the add-ons that patch Express 4 or wrap its
 * router, so the project's own `package.json` decides (see `frameworkIgnoringPromises`).
 *
 * Two places, both reported on the function:
 * - a handler given to a route registration of this file (`app.get('/x', async (req, res) => …)`,
 *   `router.use(auth)` naming an async function of this file), the positions `roles/asyncContext.ts` calls
 *   request handlers, with Express's parameter names (`req`/`request`, `res`/`response`: not Koa's `ctx`,
 *   Fastify's `reply` or Hono's `c`, whose frameworks await handlers);
 * - a function in the whole middleware shape, `(req, res, next)` or `(err, req, res, next)`, handed to no call of
 *   this file: stored in a field, exported or returned for the user to `app.use(…)`.
 * A function given to any other call (`asyncHandler(async (req, res, next) => …)`, `wrap(handler)`) or called
 * directly is left alone: a wrapper like that exists to catch the rejection. Nor is a handler whose promise cannot
 * reject (`promises/rejection.ts`: every `await` inside a `try` whose `catch` answers or calls `next(error)`).
 */

export interface LostMiddlewarePromise {
  readonly fn: FunctionNode;
  /** `Express 4`, `Express 3`, `Connect`: for the message. */
  readonly framework: string;
  /** The name of the `next` parameter, when the function has one (a rewrite can hand the error to it). */
  readonly next: string | null;
}

type Variable = TSESLint.Scope.Variable;

const NEXT_NAMES: ReadonlySet<string> = new Set(['next', '_next']);
const ERROR_NAMES: ReadonlySet<string> = new Set(['err', 'error', 'e', '_err', '_error']);

/**
 * Packages that make Express 4 pass a handler's rejection to `next`: by patching its router
 * (`express-async-errors`), or by a router or app that awaits handlers.
 */
const PROMISE_AWARE_ADD_ONS: readonly string[] = ['express-async-errors', 'express-promise-router', '@awaitjs/express', 'express-async-router', '@root/async-router'];

/** An async function given as `argument` of `call` to a route registration of an Express 4 or Connect project, whose promise may reject. */
export function findLostMiddlewarePromiseOfArgument(
  context: AnyRuleContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  argument: TSESTree.Node,
): LostMiddlewarePromise | null {
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const sourceCode = context.sourceCode;
  const inner = skipExpressionWrappers(argument);
  let fn: FunctionNode | null = null;
  if (isFunctionNode(inner)) fn = inner;
  else if (inner.type === AST_NODE_TYPES.Identifier) {
    const [only, ...rest] = resolveLocalCallables(sourceCode, inner);
    if (rest.length === 0 && isFunctionNode(only)) fn = only;
  }
  if (!fn || !isAsyncFunction(fn) || !hasHandlerParameters(fn)) return null;
  if (classifyCallbackPosition(sourceCode, call, fn, argument) !== 'request-handler') return null;
  return judge(context, fn);
}

/** An async function in the whole middleware shape that this file hands to no call (see the top of this file). */
export function findLostMiddlewarePromiseOfValue(context: AnyRuleContext, fn: FunctionNode): LostMiddlewarePromise | null {
  if (!isAsyncFunction(fn) || !hasMiddlewareParameters(fn)) return null;
  const position = getOutermostWrapper(fn);
  const owner = position.parent;
  if (!owner || owner.type === AST_NODE_TYPES.CallExpression || owner.type === AST_NODE_TYPES.NewExpression) return null;
  // a class's method is called by the framework's own wiring (NestJS's `use(req, res, next)` is awaited)
  if (owner.type === AST_NODE_TYPES.MethodDefinition || owner.type === AST_NODE_TYPES.TSAbstractMethodDefinition) return null;
  if (isUsedAsCallOrArgument(context.sourceCode, fn, owner, position)) return null;
  return judge(context, fn);
}

function judge(context: AnyRuleContext, fn: FunctionNode): LostMiddlewarePromise | null {
  const framework = frameworkIgnoringPromises(context);
  if (!framework) return null;
  const offset = fn.params.length === 4 ? 1 : 0;
  const response = parameterVariable(context.sourceCode, fn, offset + 1);
  const next = parameterVariable(context.sourceCode, fn, offset + 2);
  if (asyncFunctionCannotRejectReturning(context.sourceCode, fn, (call) => isHandOff(context.sourceCode, call, response, next))) return null;
  return { fn, framework, next: next?.name ?? null };
}

/**
 * A returned call that gives back no promise of the handler's own: the response's methods (`res.json(…)`,
 * `res.status(404).send()`, which return the response), `next(…)`, and a call that is handed `next` (`return
 * handle(req, res, next)`: the callee reports its failures through it, as middleware does).
 */
function isHandOff(sourceCode: SourceCode, call: TSESTree.CallExpression, response: Variable | null, next: Variable | null): boolean {
  if (next && call.arguments.some((argument) => isReferenceTo(sourceCode, argument, next))) return true;
  let callee = skipExpressionWrappers(call.callee);
  if (next && isReferenceTo(sourceCode, callee, next)) return true;
  // res.status(404).json(…): down the chain of calls to the response
  while (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipExpressionWrappers(callee.object);
    if (response && isReferenceTo(sourceCode, object, response)) return true;
    if (object.type !== AST_NODE_TYPES.CallExpression) return false;
    callee = skipExpressionWrappers(object.callee);
  }
  return false;
}

function parameterVariable(sourceCode: SourceCode, fn: FunctionNode, index: number): Variable | null {
  const parameter = fn.params[index];
  return parameter?.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, parameter) : null;
}

function isReferenceTo(sourceCode: SourceCode, node: TSESTree.Node, variable: Variable): boolean {
  const inner = skipExpressionWrappers(node);
  return inner.type === AST_NODE_TYPES.Identifier && findVariableOf(sourceCode, inner) === variable;
}

/** `(req, res)`, `(req, res, next)` or `(err, req, res, next)`, by Express's parameter names. */
function hasHandlerParameters(fn: FunctionNode): boolean {
  if (fn.params.length === 4) return hasMiddlewareParameters(fn);
  if (fn.params.length !== 2 && fn.params.length !== 3) return false;
  const [request, response, next] = fn.params;
  return isNamed(request, REQUEST_PARAMETER_NAMES) && isNamed(response, RESPONSE_PARAMETER_NAMES) && (next === undefined || isNamed(next, NEXT_NAMES));
}

/** `(req, res, next)` or `(err, req, res, next)`: the whole shape, `next` included. */
function hasMiddlewareParameters(fn: FunctionNode): boolean {
  const params = fn.params.length === 4 && isNamed(fn.params[0], ERROR_NAMES) ? fn.params.slice(1) : fn.params;
  if (params.length !== 3) return false;
  const [request, response, next] = params;
  return isNamed(request, REQUEST_PARAMETER_NAMES) && isNamed(response, RESPONSE_PARAMETER_NAMES) && isNamed(next, NEXT_NAMES);
}

function isNamed(parameter: TSESTree.Parameter | undefined, names: ReadonlySet<string>): boolean {
  return parameter?.type === AST_NODE_TYPES.Identifier && names.has(parameter.name);
}

/**
 * The name the function is bound to (`function auth(…)`, `const auth = async (…) =>`) is called or given to a
 * call somewhere in the file: then that call decides what happens to the promise.
 */
function isUsedAsCallOrArgument(sourceCode: SourceCode, fn: FunctionNode, owner: TSESTree.Node, position: TSESTree.Node): boolean {
  let id: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
  else if (owner.type === AST_NODE_TYPES.VariableDeclarator && owner.init === position && owner.id.type === AST_NODE_TYPES.Identifier) id = owner.id;
  // a named function expression may call itself; that does not hand it anywhere
  if (!id) return false;
  const variable = findVariableOf(sourceCode, id);
  if (!variable) return true;
  return variable.references.some((reference) => {
    if (!reference.isRead()) return false;
    const use = getOutermostWrapper(reference.identifier);
    const parent = use.parent;
    return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      (parent.callee === use || parent.arguments.includes(use as TSESTree.CallExpressionArgument));
  });
}

/**
 * The framework the linted file's project declares, when it ignores a handler's promise: Express below 5 (or
 * Connect without Express), and none of the add-ons that make Express 4 handle rejections. Null otherwise,
 * also when nothing says which Express it is (`"express": "latest"` is 5 today).
 */
function frameworkIgnoringPromises(context: AnyRuleContext): string | null {
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const directory = getFileDirectory(context.sourceCode);
  if (PROMISE_AWARE_ADD_ONS.some((name) => declaredRange(directory, name) !== null)) return null;
  if (declaredRange(directory, 'express') !== null) {
    const major = declaredMajorVersion(directory, 'express');
    return major !== null && major < 5 ? `Express ${major}` : null;
  }
  return declaredRange(directory, 'connect') !== null ? 'Connect' : null;
}
