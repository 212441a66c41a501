import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { LISTENER_REMOVE_METHODS } from './keptListeners';
import { findStopMethods, takesNoSubject } from './stopMethods';

/**
 * What a class runs when an instance is stopped: its stop methods, the teardown hooks frameworks call, and the methods
 * those run on `this`. The kept-timer and kept-listener shapes ask whether something the class sets up is undone there.
 */

/**
 * Methods a framework runs when it tears the instance down (Angular's `ngOnDestroy`, React's `componentWillUnmount`, a
 * custom element's `disconnectedCallback`, a Node stream's `_destroy`): a release there is as good as one in the stop method.
 */
const LIFECYCLE_TEARDOWNS: ReadonlySet<string> = new Set(['ngOnDestroy', 'componentWillUnmount', 'disconnectedCallback', '_destroy', '_final']);

/** How many methods deep (`this.m()` calls and `this.m` handed on) a stop path is followed. */
const MAX_CALL_DEPTH = 4;

/** The class's stop methods that stop the instance itself (see `takesNoSubject`). */
export function findInstanceStopMethods(classBody: TSESTree.ClassBody): TSESTree.MethodDefinition[] {
  return findStopMethods(classBody).filter((stop) => takesNoSubject(stop.value));
}

/** The stop methods and the framework's teardown hooks of the class. */
export function findTeardowns(stops: readonly TSESTree.MethodDefinition[], methods: ReadonlyMap<string, TSESTree.MethodDefinition>): TSESTree.MethodDefinition[] {
  return [...stops, ...[...LIFECYCLE_TEARDOWNS].flatMap((name) => methods.get(name) ?? [])];
}

/** The instance method whose `this` the node sees (through arrow functions). */
export function enclosingMethod(node: TSESTree.Node): TSESTree.MethodDefinition | null {
  for (let fn: FunctionNode | null = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const parent = fn.parent;
    return parent?.type === AST_NODE_TYPES.MethodDefinition && !parent.static ? parent : null;
  }
  return null;
}

/** The class's instance methods by name (the first of each name). */
export function methodsByName(classBody: TSESTree.ClassBody): Map<string, TSESTree.MethodDefinition> {
  const found = new Map<string, TSESTree.MethodDefinition>();
  for (const member of classBody.body) {
    const name = member.type === AST_NODE_TYPES.MethodDefinition && !member.static ? getStaticPropertyName(member) : null;
    if (name !== null && member.type === AST_NODE_TYPES.MethodDefinition && !found.has(name)) found.set(name, member);
  }
  return found;
}

/**
 * The methods the teardowns run: themselves, and the methods they run on `this` (called, or handed on as a callback:
 * `this.transport.close(this.onClose.bind(this))`, anywhere in their code), and the setters their assignments to
 * `this` run, followed {@link MAX_CALL_DEPTH} deep.
 */
export function methodsRunBy(teardowns: readonly TSESTree.MethodDefinition[], methods: ReadonlyMap<string, TSESTree.MethodDefinition>): Set<TSESTree.MethodDefinition> {
  const seen = new Set<TSESTree.MethodDefinition>(teardowns);
  const setters = settersByName(teardowns[0]?.parent.body ?? []);
  let layer = [...seen];
  for (let depth = 0; depth < MAX_CALL_DEPTH && layer.length > 0; depth++) {
    const next: TSESTree.MethodDefinition[] = [];
    for (const method of layer) {
      walk(method.value, (node) => {
        if (node.type === AST_NODE_TYPES.ClassBody) return false;
        if (node.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(node.object).type !== AST_NODE_TYPES.ThisExpression) return true;
        const name = getStaticPropertyName(node);
        // `this.recording = null` runs the class's `set recording(…)`, which may undo what the old value set up
        const called = name === null ? undefined : isRun(node) ? methods.get(name) : isAssigned(node) ? setters.get(name) : undefined;
        if (called && !seen.has(called)) {
          seen.add(called);
          next.push(called);
        }
        return true;
      });
    }
    layer = next;
  }
  return seen;
}

function settersByName(members: readonly TSESTree.ClassElement[]): Map<string, TSESTree.MethodDefinition> {
  const found = new Map<string, TSESTree.MethodDefinition>();
  for (const member of members) {
    const name = member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'set' && !member.static ? getStaticPropertyName(member) : null;
    if (name !== null && member.type === AST_NODE_TYPES.MethodDefinition) found.set(name, member);
  }
  return found;
}

function isAssigned(member: TSESTree.MemberExpression): boolean {
  const position = getOutermostWrapper(member);
  return position.parent?.type === AST_NODE_TYPES.AssignmentExpression && position.parent.left === position;
}

/** `this.m(…)`, or `this.m` (or `this.m.bind(this)`) handed to a call that may run it, not to one that takes a listener off. */
function isRun(member: TSESTree.MemberExpression): boolean {
  let position = getOutermostWrapper(member);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === position) return true;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'bind' && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    position = getOutermostWrapper(parent.parent);
  }
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(position as TSESTree.CallExpressionArgument)) return false;
  const callee = skipExpressionWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return method === null || !LISTENER_REMOVE_METHODS.has(method);
}
