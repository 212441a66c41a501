import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isClassConstructor, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit, findVariableOf } from '../core/scope';
import { type ClassNode, getThisClass } from '../core/thisBinding';
import { isGlobalName } from '../modules/moduleBindings';

/**
 * `Promise.race([this._onClose.then(…), work])` in a method, where `this._onClose` is a promise another method (or
 * the constructor) made once (`new Promise((resolve) => this.once('close', resolve))` in `open()`), which settles only
 * when the instance closes.
 * `Promise.race` adds a reaction to every promise it is given, and a pending promise keeps all of its reactions: each
 * call leaves one more on that lasting promise (with the derived promise and what its callbacks close over), for as
 * long as the instance lives. @google-cloud/spanner 6.1.1 raced a per-call `once('close')` listener, removed in
 * `finally`, instead of its pool's `_onClose` (an unbounded leak on busy pools). Not in a method that runs once in the
 * instance's life by its name (`start()`, `open()`, `connect()`): one reaction in all.
 */
export interface LastingPromiseRaced {
  /** The element of the race that reads the lasting promise. */
  readonly racer: TSESTree.Node;
  /** The field, as written (`this._onClose`). */
  readonly field: string;
  /** Where the class makes it: `constructor` or the method (`open()`). */
  readonly maker: string;
  readonly race: TSESTree.CallExpression;
}

/** The cheap test of a file's text. */
export function mayRaceLastingPromises(text: string): boolean {
  return text.includes('.race(') && text.includes('new Promise');
}

export function findLastingPromiseRaced(sourceCode: SourceCode, race: TSESTree.CallExpression): LastingPromiseRaced | null {
  const callee = skipExpressionWrappers(race.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'race' || !isGlobalName(sourceCode, callee.object, 'Promise')) return null;
  const owner = getThisClass(race, true);
  const method = enclosingMethodFunction(race);
  if (!owner || !method || isClassConstructor(method) || isRunOncePerLife(method)) return null;
  // (a field the racing method itself makes is made again on each call)
  for (const racer of racedElements(sourceCode, race)) {
    const root = chainRoot(racer);
    if (root.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(root.object).type !== AST_NODE_TYPES.ThisExpression) continue;
    const field = getStaticPropertyName(root);
    const maker = field === null ? null : lastingPromiseMaker(sourceCode, owner, field, method);
    if (maker !== null) return { racer, field: sourceCode.getText(root), maker, race };
  }
  return null;
}

/**
 * Words a method's name starts with when it runs once in an instance's life (`start()`, `open()`, `init()`,
 * `connect()`): its race adds one reaction in all. bullmq's relay races its `startCancelled` in `start()`.
 */
const ONCE_PER_LIFE = /^_*(?:start|open|init|initiali[sz]e|connect|setup|run|listen|launch|bootstrap|boot|ready|load)(?![a-z])/;

function isRunOncePerLife(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): boolean {
  const name = getStaticPropertyName(fn.parent as TSESTree.MethodDefinition | TSESTree.PropertyDefinition);
  return name !== null && ONCE_PER_LIFE.test(name);
}

/** The function of the class method (or field arrow) the race is in. */
function enclosingMethodFunction(node: TSESTree.Node): TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | null {
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn) {
    if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.parent.type === AST_NODE_TYPES.MethodDefinition) return fn;
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.parent.type === AST_NODE_TYPES.PropertyDefinition) return fn;
    fn = fn.parent;
  }
  return null;
}

/**
 * The elements raced: those of the array literal given to the race, or of a `const` array literal it is given by name
 * together with what is `push`ed onto that array.
 */
function racedElements(sourceCode: SourceCode, race: TSESTree.CallExpression): TSESTree.Node[] {
  const argument = race.arguments[0] ? skipExpressionWrappers(race.arguments[0]) : null;
  if (argument?.type === AST_NODE_TYPES.ArrayExpression) return argument.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
  if (argument?.type !== AST_NODE_TYPES.Identifier) return [];
  const init = getConstInit(sourceCode, argument);
  if (init?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  const elements: TSESTree.Node[] = init.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
  for (const reference of findVariableOf(sourceCode, argument)?.references ?? []) {
    const member = reference.identifier.parent;
    const call = member?.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && getStaticPropertyName(member) === 'push' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      elements.push(...call.arguments.filter((pushed) => pushed.type !== AST_NODE_TYPES.SpreadElement));
    }
  }
  return elements;
}

/** `x.then(…).catch(…)` → `x`. */
function chainRoot(raw: TSESTree.Node): TSESTree.Node {
  let node = skipExpressionWrappers(raw);
  for (let step = 0; step < 16 && node.type === AST_NODE_TYPES.CallExpression; step++) {
    const callee = skipExpressionWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || (method !== 'then' && method !== 'catch' && method !== 'finally')) break;
    node = skipExpressionWrappers(callee.object);
  }
  return node;
}

/**
 * Where the class makes `this.<field>`, when it writes it once in all, in a method other than `racing` (the
 * constructor, `open()`), with `new Promise(executor)` whose executor hands its `resolve` on (to a listener, a field)
 * instead of calling it: a promise that waits for an event of the instance's life (its close). Null otherwise.
 */
function lastingPromiseMaker(sourceCode: SourceCode, owner: ClassNode, field: string, racing: TSESTree.Node): string | null {
  const writes: TSESTree.Node[] = [];
  walk(owner.body, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression &&
      skipExpressionWrappers(node.left.object).type === AST_NODE_TYPES.ThisExpression && getStaticPropertyName(node.left) === field) writes.push(node);
    if (node.type === AST_NODE_TYPES.PropertyDefinition && node.value !== null && getStaticPropertyName(node) === field) writes.push(node);
    return writes.length < 2;
  });
  const write = writes[0];
  if (writes.length !== 1 || write?.type !== AST_NODE_TYPES.AssignmentExpression) return null;
  let fn: TSESTree.Node | undefined = write.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || fn === racing || fn.parent.type !== AST_NODE_TYPES.MethodDefinition) return null;
  const value = skipExpressionWrappers(write.right);
  if (value.type !== AST_NODE_TYPES.NewExpression || !isGlobalName(sourceCode, value.callee, 'Promise')) return null;
  const executor = value.arguments[0] ? skipExpressionWrappers(value.arguments[0]) : null;
  const resolve = executor && isFunctionNode(executor) ? executor.params[0] : null;
  if (resolve?.type !== AST_NODE_TYPES.Identifier || !handsOnWithoutCalling(sourceCode, resolve)) return null;
  return isClassConstructor(fn) ? 'constructor' : `${getStaticPropertyName(fn.parent) ?? 'a method'}()`;
}

/** Every use of `resolve` in the executor passes it on as a value (`this.once('close', resolve)`, `this._resolve = resolve`). */
function handsOnWithoutCalling(sourceCode: SourceCode, resolve: TSESTree.Identifier): boolean {
  const references = findVariableOf(sourceCode, resolve)?.references ?? [];
  return references.length > 0 && references.every((reference) => {
    const parent = reference.identifier.parent;
    return !(parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier);
  });
}
