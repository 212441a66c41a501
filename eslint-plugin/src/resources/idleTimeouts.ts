import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, contains, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getVariableWrites } from '../core/scope';
import { containsThis } from '../core/thisBinding';
import { isModuleExport, type ModuleReference, resolveModuleReference } from '../modules/moduleBindings';
import { resolveLocalCallables } from '../modules/localFunctions';
import { EMITTER_ADD_METHODS } from './listenerMethods';

type Variable = TSESLint.Scope.Variable;

/**
 * A socket's or an outgoing request's idle-timeout handler that gives the connection up without closing it. Node only
 * tells a socket it has been idle (`socket.setTimeout(ms)`, the `timeout` option of `net.connect` and
 * `http.request`): the connection stays open until someone calls `destroy()` or `end()`, so a handler that only
 * records the failure (`status = 'closed'`, `reject(new Error('timeout'))`, `callback(err)`) leaves the socket open,
 * and whatever waits for its `'close'` waiting, until the peer or the operating system drops it (portscanner 0.1.3
 * destroys the probe's socket on timeout; before it, a probe of a filtered port kept its socket and its callback
 * until the OS gave up).
 *
 * Read only for a socket or request this function makes itself (`new net.Socket()`, `net.connect(…)`,
 * `tls.connect(…)`, `http.request(…)`, `https.get(…)`) and never hands on: every use of its variable is a member of it
 * (`socket.on(…)`, `req.end()`) or a `pipe` into it, so no other code can close it. The handler counts as closing it
 * when it or a function of this file it calls (three calls deep) names the variable, or uses `this` in a `function`
 * handler (the emitter itself).
 */
export interface IdleTimeoutLeftOpen {
  /** The `x.on('timeout', …)` or `x.setTimeout(ms, …)` call. */
  readonly call: TSESTree.CallExpression;
  readonly handler: TSESTree.Node;
  readonly name: string;
  readonly what: 'socket' | 'request';
  /** Whether the file listens for the value's `'error'` (a destroyed request emits one). */
  readonly hasErrorListener: boolean;
}


/** The Node exports that make a connection of their own: module, export path, what it is. */
const CONNECTION_MAKERS: readonly { readonly module: string; readonly path: readonly string[]; readonly what: 'socket' | 'request'; readonly construct: boolean }[] = [
  { module: 'net', path: ['Socket'], what: 'socket', construct: true },
  { module: 'net', path: ['connect'], what: 'socket', construct: false },
  { module: 'net', path: ['createConnection'], what: 'socket', construct: false },
  { module: 'tls', path: ['connect'], what: 'socket', construct: false },
  { module: 'http', path: ['request'], what: 'request', construct: false },
  { module: 'http', path: ['get'], what: 'request', construct: false },
  { module: 'https', path: ['request'], what: 'request', construct: false },
  { module: 'https', path: ['get'], what: 'request', construct: false },
];

/** How many calls deep the handler's own functions are read for a close. */
const MAX_CALL_DEPTH = 3;

/** The cheap test of a file's text. */
export function mayLeaveIdleConnectionsOpen(text: string): boolean {
  return (text.includes("'timeout'") || text.includes('"timeout"') || text.includes('.setTimeout(')) && /\b(?:net|tls|https?|Socket)\b/.test(text);
}

export function findIdleTimeoutLeftOpen(sourceCode: SourceCode, call: TSESTree.CallExpression): IdleTimeoutLeftOpen | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const handlerArgument = timeoutHandlerArgument(call, getStaticPropertyName(callee));
  const target = skipExpressionWrappers(callee.object);
  if (!handlerArgument || target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, target);
  const what = variable ? madeConnection(sourceCode, variable) : null;
  if (!variable || !what || !staysHere(variable)) return null;
  const handler = skipExpressionWrappers(handlerArgument);
  const handlerFunctions = isFunctionNode(handler) ? [handler] : handler.type === AST_NODE_TYPES.Identifier ? localFunctions(sourceCode, handler) : [];
  if (handlerFunctions.length !== 1) return null;
  const fn = handlerFunctions[0]!;
  if (isEmptyFunction(fn) || mayClose(sourceCode, fn, variable)) return null;
  return { call, handler, name: target.name, what, hasErrorListener: listensForErrors(variable) };
}

/** The handler of `x.on('timeout', fn)` or `x.setTimeout(ms, fn)`. */
function timeoutHandlerArgument(call: TSESTree.CallExpression, method: string | null): TSESTree.CallExpressionArgument | null {
  if (method === 'setTimeout') return call.arguments.length === 2 ? call.arguments[1]! : null;
  if (method === null || !EMITTER_ADD_METHODS.has(method) || call.arguments.length !== 2) return null;
  return getStaticString(call.arguments[0]) === 'timeout' ? call.arguments[1]! : null;
}

/**
 * What the variable's one write made: a socket or a request of Node's, or null. The write is its initializer or
 * one assignment (`var req; … req = client.request(…)`, as CoffeeScript compiles), and the maker is named by its
 * provenance or through a variable written once with a choice between Node's two HTTP modules (`client = ssl ?
 * https : http`; braintree 1.37.1).
 */
function madeConnection(sourceCode: SourceCode, variable: Variable): 'socket' | 'request' | null {
  const value = onlyWrittenValue(sourceCode, variable);
  const init = value ? skipExpressionWrappers(value) : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression) return null;
  const reference = resolveModuleReference(sourceCode, init.callee);
  const construct = init.type === AST_NODE_TYPES.NewExpression;
  const maker = CONNECTION_MAKERS.find((entry) => entry.construct === construct && isModuleExport(reference, entry.module, entry.path));
  if (maker) return maker.what;
  return !construct && isRequestOfChosenHttpModule(sourceCode, init.callee) ? 'request' : null;
}

/** The one value a variable is ever given: its initializer, or its one assignment when it has none. */
function onlyWrittenValue(sourceCode: SourceCode, variable: Variable): TSESTree.Node | null {
  const [identifier] = variable.identifiers;
  if (variable.defs.length !== 1 || variable.defs[0]?.type !== 'Variable' || !identifier) return null;
  // one write in all (not `x += …` or `x++` beside it), and its value
  const values = variable.references.filter((reference) => reference.isWrite()).length === 1 ? getVariableWrites(sourceCode, identifier) : [];
  return values.length === 1 ? values[0]! : null;
}

/** `client.request` / `client.get` where `client` is only ever `cond ? https : http` (either order, `||` too). */
function isRequestOfChosenHttpModule(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const callee = skipExpressionWrappers(raw);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !['request', 'get'].includes(getStaticPropertyName(callee) ?? '')) return false;
  const holder = skipExpressionWrappers(callee.object);
  const variable = holder.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, holder) : null;
  const value = variable ? onlyWrittenValue(sourceCode, variable) : null;
  const choice = value ? skipExpressionWrappers(value) : null;
  const branches = choice?.type === AST_NODE_TYPES.ConditionalExpression ? [choice.consequent, choice.alternate] : choice?.type === AST_NODE_TYPES.LogicalExpression ? [choice.left, choice.right] : [];
  return branches.length === 2 && branches.every((branch) => {
    const reference = resolveModuleReference(sourceCode, branch) ?? resolveAssignedModule(sourceCode, branch);
    return reference !== null && (reference.module === 'http' || reference.module === 'https') && reference.path.length === 0;
  });
}

/** A variable declared bare and assigned a module once (`var http; http = require('http');`, as CoffeeScript writes it). */
function resolveAssignedModule(sourceCode: SourceCode, raw: TSESTree.Node): ModuleReference | null {
  const node = skipExpressionWrappers(raw);
  const variable = node.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, node) : null;
  const value = variable ? onlyWrittenValue(sourceCode, variable) : null;
  return value ? resolveModuleReference(sourceCode, value) : null;
}

/** Every use of the variable is a member of it (`socket.end()`, `req.on(…)`) or a stream piped into it. */
function staysHere(variable: Variable): boolean {
  return variable.references.every((reference) => {
    if (reference.isWrite()) return true;
    const position = getOutermostWrapper(reference.identifier);
    const parent = position.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position) return true;
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.length === 1 && parent.arguments[0] === position && isPipeCall(parent);
  });
}

function isPipeCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'pipe';
}

function localFunctions(sourceCode: SourceCode, name: TSESTree.Identifier): FunctionNode[] {
  return resolveLocalCallables(sourceCode, name).filter((callable): callable is FunctionNode => isFunctionNode(callable));
}

function isEmptyFunction(fn: FunctionNode): boolean {
  return fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.length === 0;
}

/**
 * Whether the handler may close the value: it names the variable, uses `this` as a `function` (the emitter), or calls
 * a function of this file that does, {@link MAX_CALL_DEPTH} calls deep.
 */
function mayClose(sourceCode: SourceCode, handler: FunctionNode, variable: Variable): boolean {
  if (handler.type !== AST_NODE_TYPES.ArrowFunctionExpression && containsThis(handler.body)) return true;
  const seen = new Set<FunctionNode>([handler]);
  let layer: FunctionNode[] = [handler];
  for (let depth = 0; depth <= MAX_CALL_DEPTH && layer.length > 0; depth++) {
    if (layer.some((fn) => variable.references.some((reference) => contains(fn, reference.identifier)))) return true;
    const next: FunctionNode[] = [];
    for (const fn of layer) {
      walk(fn.body, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return true;
        const callee = skipExpressionWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier) return true;
        for (const called of localFunctions(sourceCode, callee)) {
          if (!seen.has(called)) {
            seen.add(called);
            next.push(called);
          }
        }
        return true;
      });
    }
    layer = next;
  }
  return false;
}

/** `x.on('error', …)` somewhere in the file. */
function listensForErrors(variable: Variable): boolean {
  return variable.references.some((reference) => {
    const member = getOutermostWrapper(reference.identifier).parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const method = getStaticPropertyName(member);
    return method !== null && EMITTER_ADD_METHODS.has(method) && getStaticString(call.arguments[0]) === 'error';
  });
}
