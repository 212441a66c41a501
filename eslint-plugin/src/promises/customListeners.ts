import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { getCalleeMember, getStaticPropertyName, isNestedFunction, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { getResolvedSymbol, getTypedServices } from '../core/typeInfo';
import { getTypeScript } from '../core/typescriptRuntime';
import { type LocalCallable, resolveLocalCallables } from '../modules/localFunctions';
import { LISTENER_METHODS } from './misusedCallbacks';
import { someTsNode } from '../modules/tsSyntax';

/**
 * A listener registration whose `on`/`once`/`addListener` is the project's own method, not Node's
 * `EventEmitter` or the DOM's `EventTarget`: what it does with a listener's promise is up to that code
 * (many frameworks catch it), so "ignores the promise" cannot be claimed. Known without types when the
 * method is defined in this file (`this.on` in a class with its own `on`); with types when the checker
 * finds its declaration outside declaration files (the project's code, not `@types/node` or `lib.dom`) and that
 * declaration has code (a method of an interface is only a contract: its implementations are the platform's targets).
 *
 * Not custom: a method that only hands the listener on to another registration (`on(event, cb) {
 * this._emitter.on(event, cb); }`, Lighthouse's driver): the listener ends up with an emitter all the same.
 */
export function isCustomListenerRegistration(context: AnyRuleContext, call: TSESTree.CallExpression, listenerIndex: number): boolean {
  const member = getCalleeMember(call);
  if (!member) return false;
  const local = resolveLocalCallables(context.sourceCode, member);
  if (local.length > 0) return !local.every((callable) => forwardsListenerInTree(callable, listenerIndex));
  const services = getTypedServices(context);
  if (!services) return false;
  const declarations = getResolvedSymbol(services, member.property)?.declarations ?? [];
  if (declarations.length === 0 || declarations.some((declaration) => declaration.getSourceFile().isDeclarationFile)) return false;
  // an interface's `addEventListener(…, listener: (event) => void)`: a contract with no code of the project's behind it
  // (whatever implements it, a worker or a window, is an EventTarget; @remote-ui/rpc's MessageEndpoint)
  if (declarations.every(isBodilessSignature)) return false;
  return !declarations.every((declaration) => forwardsListenerInTypeScript(declaration, listenerIndex));
}

/** The function's parameter at `index` is handed, as it is, to an `x.on(…)`-like registration in its body. */
function forwardsListenerInTree(callable: LocalCallable, index: number): boolean {
  if (callable.body?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const parameter = callable.params[index];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  const body = callable.body;
  let forwards = false;
  walk(body, (node) => {
    if (forwards || isNestedFunction(node, body)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isRegistrationOf(node, parameter.name)) forwards = true;
    return !forwards;
  });
  return forwards;
}

function isRegistrationOf(call: TSESTree.CallExpression, listener: string): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null || !LISTENER_METHODS.has(method)) return false;
  return call.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === listener);
}

/** A method or property of an interface or type literal: a signature, no body the project wrote. */
function isBodilessSignature(declaration: ts.Declaration): boolean {
  const tsModule = getTypeScript();
  return tsModule.isMethodSignature(declaration) || tsModule.isPropertySignature(declaration);
}

/** {@link forwardsListenerInTree} for a declaration the checker found in another file of the project. */
function forwardsListenerInTypeScript(declaration: ts.Declaration, index: number): boolean {
  const tsModule = getTypeScript();
  if (!tsModule.isFunctionLike(declaration)) return false;
  const body = (declaration as ts.FunctionLikeDeclaration).body;
  const parameter = declaration.parameters[index];
  if (!body || !tsModule.isBlock(body) || !parameter || !tsModule.isIdentifier(parameter.name)) return false;
  const listener = parameter.name.text;
  const forwards = (node: ts.Node): boolean =>
    tsModule.isCallExpression(node) &&
    tsModule.isPropertyAccessExpression(node.expression) &&
    LISTENER_METHODS.has(node.expression.name.text) &&
    node.arguments.some((argument) => tsModule.isIdentifier(argument) && argument.text === listener);
  return someTsNode(body, forwards, (node) => node === body || !tsModule.isFunctionLike(node));
}
