import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, isFunctionNode, shortText, skipExpressionWrappers } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { getTypedServices, type TypedServices } from '../core/typeInfo';
import { rememberFileName } from '../modules/crossFile';
import { memberKeyName } from '../modules/localTypeSyntax';
import { declaredTypeAt, getValuePosition } from './declaredSlots';
import { expectedCallOfDeclared, expectedCallOfType, expectedCallOfTypes, getContextualTypeOf, hasWrittenType, memberTypesOf } from './expectedCalls';
import { getCallbackPromiseKind } from './promiseInference';
import { callbackCannotReject } from './misusedCallbacks';

/**
 * Places other than a call's arguments where a function is stored under a declared type, and that type
 * wants a function returning `void`, so whoever calls it later ignores the promise it returns:
 * - `variable`: `const g: () => void = async () => …`, `f = async () => …` for `let f: () => void`;
 * - `property`: a property or method of an object literal whose declared type wants `() => void`
 *   (shorthand, `Record<string, () => void>` entries, objects passed to a declared parameter), an
 *   assignment `obj.f = async () => …` to a member declared `() => void`, a class field annotated so;
 * - `return`: a function returned from one whose declared return type is `() => void`;
 * - `attribute`: a JSX attribute whose prop is declared `() => void`;
 * - `element`: an element of an array or tuple declared to hold `() => void`.
 */
export type VoidPosition = 'variable' | 'property' | 'return' | 'attribute' | 'element';

export interface VoidPositionOptions {
  readonly checkVariables: boolean;
  readonly checkProperties: boolean;
  readonly checkReturns: boolean;
  readonly checkAttributes: boolean;
}

export interface VoidPositionMisuse {
  readonly position: VoidPosition;
  /** What the declared type belongs to, for messages: `handler`, `onClose`, `obj.f`, `makeHandler`, `0`. */
  readonly name: string;
  /** The function (or the name of one) whose promise is ignored. */
  readonly value: TSESTree.Node;
}

interface Position {
  readonly position: VoidPosition;
  readonly name: string;
  /** The node whose parent decides the position (the value, past `x!` and the branches of `?:`/`||`). */
  readonly outer: TSESTree.Node;
  /** For a method or property of an object literal: the literal and the member's name. */
  readonly member?: { readonly object: TSESTree.ObjectExpression; readonly key: string };
  /** For an assignment: what is assigned to. */
  readonly target?: TSESTree.Node;
}

/**
 * Decides whether `value` (a function literal that is not a call's argument, a method of an object literal,
 * or a name) is a promise-returning function stored where a declared type wants `() => void`. With types
 * the checker's contextual type decides; without, the types written in this file or a project file it
 * imports (`declaredSlots.ts`), and nothing is reported where none is written.
 */
export function findVoidPositionMisuse(context: AnyRuleContext, value: TSESTree.Node, options: VoidPositionOptions): VoidPositionMisuse | null {
  const position = positionOf(context, value);
  if (!position || !isEnabled(position.position, options)) return null;
  const services = getTypedServices(context);
  if (!services && !mayBeWritten(position)) return null;
  if (!getCallbackPromiseKind(context, value) || callbackCannotReject(context.sourceCode, value)) return null;
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const expected = services ? expectedWithTypes(services, value, position) : expectedWithoutTypes(context, value, position);
  return expected === 'void' ? { position: position.position, name: position.name, value } : null;
}

/** Without types, positions that cannot have a written type are ruled out before any inference. */
function mayBeWritten(position: Position): boolean {
  const parent = position.outer.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.id.typeAnnotation !== undefined;
  if (position.position === 'return') {
    const fn = parent?.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : parent ? getEnclosingFunction(parent) : null;
    return fn?.returnType !== undefined;
  }
  return true;
}

function isEnabled(position: VoidPosition, options: VoidPositionOptions): boolean {
  switch (position) {
    case 'variable':
      return options.checkVariables;
    case 'property':
    case 'element':
      return options.checkProperties;
    case 'return':
      return options.checkReturns;
    case 'attribute':
      return options.checkAttributes;
  }
}

/** Where `value` stands, from its parent alone (no types, no scopes). */
function positionOf(context: AnyRuleContext, value: TSESTree.Node): Position | null {
  const sourceCode = context.sourceCode;
  const direct = value.parent;
  if (direct?.type === AST_NODE_TYPES.Property && direct.value === value && direct.method && direct.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const key = memberKeyName(direct);
    return key === null ? null : { position: 'property', name: key, outer: value, member: { object: direct.parent, key } };
  }
  const outer = getValuePosition(value);
  const parent = outer.parent;
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier ? { position: 'variable', name: parent.id.name, outer } : null;
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== outer) return null;
      const left = skipExpressionWrappers(parent.left);
      if (left.type === AST_NODE_TYPES.Identifier) return { position: 'variable', name: left.name, outer, target: left };
      return left.type === AST_NODE_TYPES.MemberExpression ? { position: 'property', name: shortText(sourceCode.getText(left), 40), outer, target: left } : null;
    }
    case AST_NODE_TYPES.Property: {
      if (parent.value !== outer || parent.kind !== 'init' || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const key = memberKeyName(parent);
      return key === null ? null : { position: 'property', name: key, outer, member: { object: parent.parent, key } };
    }
    case AST_NODE_TYPES.PropertyDefinition:
      // a class field with its own annotation; fields that only inherit a type are the inherited-method check's
      return parent.value === outer && parent.typeAnnotation ? { position: 'property', name: memberKeyName(parent) ?? 'this field', outer } : null;
    case AST_NODE_TYPES.ArrayExpression:
      return { position: 'element', name: String(parent.elements.indexOf(outer as TSESTree.Expression)), outer };
    case AST_NODE_TYPES.ReturnStatement: {
      const fn = getEnclosingFunction(parent);
      return fn ? { position: 'return', name: functionName(context, fn), outer } : null;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === outer ? { position: 'return', name: functionName(context, parent), outer } : null;
    case AST_NODE_TYPES.JSXExpressionContainer: {
      const attribute = parent.parent;
      return attribute.type === AST_NODE_TYPES.JSXAttribute && attribute.name.type === AST_NODE_TYPES.JSXIdentifier
        ? { position: 'attribute', name: attribute.name.name, outer }
        : null;
    }
    default:
      return null;
  }
}

function functionName(context: AnyRuleContext, fn: FunctionNode): string {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition) && !parent.computed) {
    return shortText(context.sourceCode.getText(parent.key), 40);
  }
  return 'this function';
}

function expectedWithoutTypes(context: AnyRuleContext, value: TSESTree.Node, position: Position): ReturnType<typeof expectedCallOfDeclared> {
  const sourceCode = context.sourceCode;
  if (position.member) return expectedCallOfDeclared(declaredTypeAt(sourceCode, position.member.object)?.member(position.member.key) ?? null);
  return expectedCallOfDeclared(declaredTypeAt(sourceCode, value));
}

function expectedWithTypes(services: TypedServices, value: TSESTree.Node, position: Position): ReturnType<typeof expectedCallOfType> {
  if (position.member && isFunctionNode(value) && value.parent.type === AST_NODE_TYPES.Property && value.parent.method) {
    // a method of an object literal has no contextual type of its own: look it up in the literal's
    const objectType = getContextualTypeOf(services, position.member.object);
    return objectType ? expectedCallOfTypes(services, memberTypesOf(services, objectType, position.member.key, value), value) : 'unknown';
  }
  // an assignment's contextual type is the target's type, declared or inferred: only a written one counts
  if (position.target && !hasWrittenType(services, position.target)) return 'unknown';
  const expected = getContextualTypeOf(services, position.outer);
  return expected ? expectedCallOfType(services, expected, value) : 'unknown';
}
