import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, contains, getEnclosingFunction, getFunctionName, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someOwnReturn, walk } from '../core/ast';
import { isStopName, takesNoSubject } from './stopMethods';

/**
 * A factory function that builds an object which can be stopped and hands it to its caller: it returns an object
 * literal with a stop method, or the variable holding one (`const server = { …, async close() { … } }; … return
 * server`, vite's `createServer`), or an object it fills with one (`processor.stop = () => { stopped = true; }`,
 * launchdarkly-node-server-sdk's polling processor). Its closures are the object's methods, so what they set up (a
 * timer, a listener on `process`) is the object's to undo when it stops: the closure-based counterpart of a class
 * with a `close()` method.
 */
export interface StoppableFactory {
  readonly factory: FunctionNode;
  /** The factory's name, or the object's (`createServer`, `processor`). */
  readonly name: string;
  /** The stop methods' functions and their name (the first one's). */
  readonly stops: readonly FunctionNode[];
  readonly stop: string;
}

/** How many functions out from a call its factory is looked for (`poll` → the request callback → the factory). */
const MAX_FACTORY_DEPTH = 4;

const factories = new WeakMap<FunctionNode, StoppableFactory | null>();

/** The stoppable factory whose closure holds `node`, within {@link MAX_FACTORY_DEPTH} functions; null outside one. */
export function findEnclosingStoppableFactory(node: TSESTree.Node): StoppableFactory | null {
  let fn = getEnclosingFunction(node);
  for (let depth = 0; fn && depth < MAX_FACTORY_DEPTH; depth++, fn = getEnclosingFunction(fn)) {
    // a class's methods are the class's (`keptTimers.ts`), not a factory's
    if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) return null;
    const found = stoppableFactoryOf(fn);
    if (found) return found;
  }
  return null;
}

/** Whether `node` is inside one of the factory's stop methods. */
export function isInStop(factory: StoppableFactory, node: TSESTree.Node): boolean {
  return factory.stops.some((stop) => contains(stop, node));
}

function stoppableFactoryOf(fn: FunctionNode): StoppableFactory | null {
  if (factories.has(fn)) return factories.get(fn) ?? null;
  const found = readFactory(fn);
  factories.set(fn, found);
  return found;
}

function readFactory(fn: FunctionNode): StoppableFactory | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const stops: FunctionNode[] = [];
  let stop: string | null = null;
  let objectName: string | null = null;
  let constructed = false;
  const addStop = (name: string | null, value: TSESTree.Node, owner: string | null): void => {
    const method = skipExpressionWrappers(value);
    if (name === null || !isStopName(name) || !isFunctionNode(method) || !takesNoSubject(method)) return;
    stops.push(method);
    stop ??= name;
    objectName ??= owner;
  };
  walk(fn.body, (node) => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return false;
    // the object it returns or keeps (`return { … }`, `const server = { … }`), not options it hands to a call
    if (node.type === AST_NODE_TYPES.ObjectExpression && (node.parent?.type === AST_NODE_TYPES.ReturnStatement || node.parent?.type === AST_NODE_TYPES.VariableDeclarator)) {
      const owner = node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id.type === AST_NODE_TYPES.Identifier ? node.parent.id.name : null;
      for (const property of node.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.kind === 'init') addStop(getStaticPropertyName(property), property.value, owner);
      }
      return true;
    }
    // `processor.stop = () => { … }` on an object the factory declares
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipExpressionWrappers(node.left.object);
      const name = getStaticPropertyName(node.left);
      // the name first: most assignments in a function set other properties, and `declaresName` walks the body
      if (name !== null && isStopName(name) && object.type === AST_NODE_TYPES.Identifier && declaresName(fn, object.name)) addStop(name, node.right, object.name);
      // `this.close = function () { … }` in a constructor function: the instance `new` makes
      if (name !== null && isStopName(name) && object.type === AST_NODE_TYPES.ThisExpression && isConstructorFunction(fn)) {
        addStop(name, node.right, null);
        constructed = true;
      }
    }
    return true;
  });
  if (stops.length === 0 || stop === null || (!constructed && !returnsObject(fn, objectName))) return null;
  return { factory: fn, name: getFunctionName(fn) ?? objectName ?? 'factory', stops, stop };
}

/**
 * The factory hands the object to its caller: `return { … }`, or `return server` for the variable that holds it (a
 * caller can make many; a `main()` that builds one and keeps it makes one per process).
 */
function returnsObject(fn: FunctionNode, objectName: string | null): boolean {
  return someOwnReturn(fn.body, (statement) => {
    const value = statement.argument ? skipExpressionWrappers(statement.argument) : null;
    if (value?.type === AST_NODE_TYPES.ObjectExpression) return true;
    return objectName !== null && value?.type === AST_NODE_TYPES.Identifier && value.name === objectName;
  });
}

/**
 * A constructor function of older code: a `function` (not an arrow, not a method) named as a class is
 * (`function EventSource(url) { … }`, `var Client = function Client(options) { … }`).
 */
function isConstructorFunction(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.async || fn.generator) return false;
  if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition || fn.parent?.type === AST_NODE_TYPES.Property) return false;
  const name = getFunctionName(fn);
  return name !== null && /^[A-Z][a-z]/.test(name);
}

/** A `const`/`let`/`var` of the function's own body (not of a nested function). */
function declaresName(fn: FunctionNode, name: string): boolean {
  let declared = false;
  walk(fn.body, (node) => {
    if (declared || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name) declared = true;
    return !declared;
  });
  return declared;
}
