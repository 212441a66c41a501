import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getOutermostWrapper, getStaticPropertyName, getStaticString, shortText, skipExpressionWrappers } from '../core/ast';
import { type AsyncContextKind, LISTENER_METHODS } from '../roles/asyncContext';
import { MAX_LABEL_LENGTH } from './labels';

/**
 * Names an async unit as a person would: `UserService.load`, `loadUsers`, `app.get("/users") handler`,
 * `setInterval callback`, `server.on("request") listener`, `.then callback`.
 */
export function nameAsyncUnit(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, kind: AsyncContextKind): string {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id.name;
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  if (!parent) return 'async function';
  switch (parent.type) {
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.TSAbstractMethodDefinition: {
      const member = getStaticPropertyName(parent) ?? '[computed]';
      const owner = nameClass(parent.parent.parent);
      return owner ? `${owner}.${member}` : member;
    }
    case AST_NODE_TYPES.Property: {
      const key = getStaticPropertyName(parent) ?? '[computed]';
      const owner = nameObject(parent.parent);
      return owner ? `${owner}.${key}` : key;
    }
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      return shortText(sourceCode.getText(parent.left), 40);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return fn.id.name;
      if (parent.callee !== position) return nameCallback(sourceCode, parent, kind);
      return fn.async ? 'async IIFE' : 'IIFE';
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return 'default export';
    default:
      break;
  }
  if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return fn.id.name;
  return fn.type === AST_NODE_TYPES.ArrowFunctionExpression ? 'async arrow' : 'async function';
}

const CALLBACK_SUFFIX: Readonly<Record<AsyncContextKind, string>> = {
  'async-function': 'callback',
  'promise-callback': 'callback',
  'timer-callback': 'callback',
  microtask: 'callback',
  'io-callback': 'callback',
  'event-listener': 'listener',
  'request-handler': 'handler',
  'plugin-hook': 'hook',
};

function nameCallback(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression, kind: AsyncContextKind): string {
  const callee = skipExpressionWrappers(call.callee);
  const suffix = CALLBACK_SUFFIX[kind];
  const member = getCalleeMember(call);
  if (member) {
    const method = getStaticPropertyName(member);
    if (method === 'then' || method === 'catch' || method === 'finally') return `.${method} ${suffix}`;
  }
  const calleeText = shortText(sourceCode.getText(callee), MAX_LABEL_LENGTH - 8);
  const effectiveSuffix = kind === 'async-function' ? suffixForPosition(member ? getStaticPropertyName(member) : null, call) : suffix;
  const firstArgument = call.arguments[0];
  const literal = firstArgument ? getStaticString(firstArgument) : null;
  // the event or path, in the room the label has left (`app.post("/users/imp…") handler`)
  const room = MAX_LABEL_LENGTH - calleeText.length - effectiveSuffix.length - 5;
  const shownArgument = literal !== null && firstArgument !== undefined && !isFunctionArgument(firstArgument) && room >= 4 ? `(${JSON.stringify(shortText(literal, room))})` : '';
  return `${calleeText}${shownArgument} ${effectiveSuffix}`;
}

/** For async functions, whose context kind says nothing of their position: what the call makes of them. */
function suffixForPosition(method: string | null, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  if (method !== null && LISTENER_METHODS.has(method)) return 'listener';
  const path = call.arguments[0] ? getStaticString(call.arguments[0]) : null;
  if (method === 'createServer' || method === 'route' || method === 'addHook' || (path !== null && (path.startsWith('/') || path === '*'))) return 'handler';
  return 'callback';
}

function isFunctionArgument(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

function nameClass(node: TSESTree.Node): string | null {
  if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) && node.id) return node.id.name;
  if (node.type === AST_NODE_TYPES.ClassExpression && node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id.type === AST_NODE_TYPES.Identifier) {
    return node.parent.id.name;
  }
  return null;
}

function nameObject(object: TSESTree.Node): string | null {
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const parent = getOutermostWrapper(object).parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property) return getStaticPropertyName(parent);
  return null;
}
