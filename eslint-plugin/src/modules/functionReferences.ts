import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, pushChildrenLastFirst, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';
import { type ClassNode, getThisClass } from '../core/thisBinding';
import { mayContainThis } from '../core/textWords';

/**
 * The arguments through which this file hands the function `fn` to a call by name, so that the callee runs it:
 * `app.get('/x', handler)`, `setTimeout(tick, 10)`, `.then(this.check)`, `emitter.on('data', this.onData.bind(this))`.
 * Each result is the argument node itself (`handler`, `this.check`, `this.onData.bind(this)`), an element of its
 * call's `arguments`. Found for function declarations, `const f = () => …`, instance methods and arrow fields of
 * a class (through `this.m` in that class), and methods of an object literal (through `this.m` in its methods).
 */
export function findArgumentUses(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Node[] {
  const position = getOutermostWrapper(fn);
  const owner = position.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? argumentUsesOfName(sourceCode, fn.id) : [];
  if (!owner) return [];
  if (owner.type === AST_NODE_TYPES.VariableDeclarator && owner.init === position && owner.id.type === AST_NODE_TYPES.Identifier) {
    return argumentUsesOfName(sourceCode, owner.id);
  }
  if ((owner.type === AST_NODE_TYPES.MethodDefinition && owner.kind === 'method') || owner.type === AST_NODE_TYPES.PropertyDefinition) {
    if (owner.static || owner.value !== position) return [];
    const name = getStaticPropertyName(owner);
    return name === null ? [] : (thisArgumentsOfClass(sourceCode, owner.parent.parent as ClassNode).get(name) ?? []);
  }
  if (owner.type === AST_NODE_TYPES.Property && owner.value === position && owner.kind === 'init' && owner.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const name = getStaticPropertyName(owner);
    return name === null ? [] : (thisArgumentsOfObject(sourceCode, owner.parent).get(name) ?? []);
  }
  return [];
}

/**
 * The calls of a file-private function when calling it by name is all the file does with it: every reference to a
 * function declaration or a `const f = () => …` is the callee of a call (`f(…)`), and it is neither exported,
 * passed on, stored nor reassigned. Null when anything else uses it (or nothing calls it), so a caller can tell
 * that these calls are the only way the function's body runs.
 */
export function findOnlyCallSites(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const position = getOutermostWrapper(fn);
  const owner = position.parent;
  let id: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (owner?.type === AST_NODE_TYPES.ExportNamedDeclaration || owner?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return null;
    id = fn.id;
  } else if (owner?.type === AST_NODE_TYPES.VariableDeclarator && owner.init === position && owner.id.type === AST_NODE_TYPES.Identifier) {
    if (owner.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
    id = owner.id;
  }
  const variable = id ? findVariableOf(sourceCode, id) : null;
  if (!variable || !isNeverReassigned(variable)) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const outer = getOutermostWrapper(reference.identifier);
    const call = outer.parent;
    if (reference.isWrite() || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== outer) return null;
    calls.push(call);
  }
  return calls.length > 0 ? calls : null;
}

function argumentUsesOfName(sourceCode: SourceCode, id: TSESTree.Identifier): TSESTree.Node[] {
  const variable = findVariableOf(sourceCode, id);
  if (!variable || !isNeverReassigned(variable)) return [];
  const uses: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    if (reference.isWrite() || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
    const argument = asPassedArgument(reference.identifier);
    if (argument) uses.push(argument);
  }
  return uses;
}

/**
 * `x` as an argument (`f(x)`), or bound first (`f(x.bind(this))`): the argument node, or null when `x` is
 * used in any other way.
 */
function asPassedArgument(node: TSESTree.Node): TSESTree.Node | null {
  let outer = getOutermostWrapper(node);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer && getStaticPropertyName(parent) === 'bind') {
    const call = getOutermostWrapper(parent).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== getOutermostWrapper(parent)) return null;
    outer = getOutermostWrapper(call);
  }
  const call = outer.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) return null;
  return call.arguments.includes(outer as TSESTree.CallExpressionArgument) ? outer : null;
}

const classArguments = createFileCache<TSESTree.Node, ReadonlyMap<string, TSESTree.Node[]>>();

/** `this.m` passed as an argument anywhere in the class where `this` is its instance: name → argument nodes. */
function thisArgumentsOfClass(sourceCode: SourceCode, classNode: ClassNode): ReadonlyMap<string, TSESTree.Node[]> {
  const cache = classArguments(sourceCode);
  const cached = cache.get(classNode);
  if (cached) return cached;
  const found = collectThisArguments(sourceCode, classNode.body, (member) => getThisClass(member) === classNode);
  cache.set(classNode, found);
  return found;
}

/** `this.m` passed as an argument in a method of the object literal (where `this` is usually the object). */
function thisArgumentsOfObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression): ReadonlyMap<string, TSESTree.Node[]> {
  const cache = classArguments(sourceCode);
  const cached = cache.get(object);
  if (cached) return cached;
  const found = collectThisArguments(sourceCode, object, (member) => getThisObject(member) === object);
  cache.set(object, found);
  return found;
}

function collectThisArguments(
  sourceCode: SourceCode,
  root: TSESTree.Node,
  isOwnThis: (member: TSESTree.MemberExpression) => boolean,
): ReadonlyMap<string, TSESTree.Node[]> {
  const found = new Map<string, TSESTree.Node[]>();
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (!mayContainThis(sourceCode, node)) continue; // most statements of a class never say `this`
    if (node.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = getStaticPropertyName(node);
      const argument = name === null ? null : asPassedArgument(node);
      if (name !== null && argument && isOwnThis(node)) {
        const list = found.get(name);
        if (list) list.push(argument);
        else found.set(name, [argument]);
      }
    }
    pushChildrenLastFirst(node, stack, sourceCode);
  }
  return found;
}

/** The object literal whose method `this` is in at `node` (through arrow functions), or null. */
function getThisObject(node: TSESTree.Node): TSESTree.ObjectExpression | null {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const owner = getOutermostWrapper(fn).parent;
    return owner?.type === AST_NODE_TYPES.Property && owner.parent.type === AST_NODE_TYPES.ObjectExpression ? owner.parent : null;
  }
  return null;
}
