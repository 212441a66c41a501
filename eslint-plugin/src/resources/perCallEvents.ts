import type { TSESTree } from '@typescript-eslint/utils';

import { contains, getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';
import { receiverKey } from '../core/thisBinding';
import { someMethodCallWithin } from './keptListeners';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';

/**
 * A lasting listener added to an emitter that outlives the call (`this`, a field of it, a module's value) under an
 * event name made for this one call (`this.on('execution.console.' + id, …)` with `id = uuid()`), which nothing in the
 * file takes off: the name is never used again once the call is over, so every call leaves one more listener behind,
 * holding what it closes over, for the emitter's life. postman-sandbox 4.2.1 took its per-execution console listener
 * off when the execution ended; postman-runtime 7.36.3 added the per-execution 'skipRequest' listener to the five
 * others it already took off.
 *
 * Only a name with a part that is unique to the call: a variable or a parameter of the function (or of a function
 * around it) named as an id (`executionId`, `requestId`, `uuid`, `options.id`), or holding a fresh one
 * (`uuid()`, `nanoid()`, `crypto.randomUUID()`, `++counter`). Not when the file takes off a listener of the same name
 * (the same constant parts and the same variables), of a name it cannot read (a helper's `removeAllListeners(name)`),
 * or every listener of the emitter, nor when the listener takes anything off the emitter itself.
 */
export interface ListenerPerCallEvent {
  readonly kind: 'callEvent';
  readonly call: TSESTree.CallExpression;
  /** The event's name as the code spells it, constants read (`'execution.console.' + id`). */
  readonly event: string;
  readonly emitter: string;
  /** The part of the name unique to the call (`id`). */
  readonly unique: string;
}

/** Words that name a value unique to one call or one item (`executionId`, `requestUuid`). */
const UNIQUE_WORDS: ReadonlySet<string> = new Set(['id', 'uuid', 'guid', 'nonce']);

/** Calls that make a fresh unique value (`uuid()`, `uuid.v4()`, `nanoid()`, `crypto.randomUUID()`). */
const UNIQUE_MAKERS = /^(?:uuid(?:v\d)?|v[14]|nanoid|randomUUID|cuid|createId|uniqueId|generateId|genId|newId|ulid|shortid)$/i;

/** How many `const` names deep an event name is read (`name = BASE + id`, `BASE = 'x.'`). */
const MAX_NAME_DEPTH = 3;

/** A name read as its parts: constant text, and the variables or expressions that vary. */
interface EventName {
  /** The name with each varying part written `${…}` (`execution.console.${id}`). */
  readonly pattern: string;
  /** The varying parts unique to one call. */
  readonly unique: readonly string[];
  /** The name has constant text besides its varying parts (`'x.' + id`, not a bare `name`). */
  readonly constant: boolean;
}

export function findListenerPerCallEvent(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerPerCallEvent | null {
  const member = getCalleeMember(call);
  const verb = member ? getStaticPropertyName(member) : null;
  if (!member || verb === null || !LISTENER_ADD_METHODS.has(verb) || call.arguments.length !== 2) return null;
  if (getOutermostWrapper(call).parent?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const fn = getEnclosingFunction(call);
  if (!fn) return null;
  const name = readEventName(sourceCode, call.arguments[0] as TSESTree.Node, fn, 0);
  const unique = name?.unique[0];
  if (!name || unique === undefined) return null;
  const emitter = skipExpressionWrappers(member.object);
  const key = receiverKey(sourceCode, emitter);
  if (key === null || !outlivesCall(sourceCode, emitter, fn)) return null;
  const handler = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  if (isFunctionNode(handler) && someMethodCallWithin(handler, (_removal, method, receiver) => LISTENER_REMOVE_METHODS.has(method) && receiverKey(sourceCode, receiver) === key)) return null;
  const removed = (removal: NameRemoval): boolean => (removal.emitter === null || removal.emitter === key) && (removal.pattern === null || removal.pattern === name.pattern);
  if (removedNames(sourceCode).some(removed)) return null;
  return { kind: 'callEvent', call, event: sourceCode.getText(call.arguments[0] as TSESTree.Node), emitter: sourceCode.getText(emitter), unique };
}

/**
 * The emitter is `this` (or one of its fields) or a value of the module: an emitter made in the call goes with it.
 * A parameter is left out: it may be the call's own (a request, a socket).
 */
function outlivesCall(sourceCode: SourceCode, emitter: TSESTree.Node, fn: TSESTree.Node): boolean {
  let root = emitter;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  if (receiverKey(sourceCode, root) === 'this') return true;
  const variable = findVariableOf(sourceCode, root);
  const scope = variable?.scope.type;
  return variable !== null && variable.defs.length > 0 && (scope === 'module' || scope === 'global' || (scope === 'function' && variable.scope.block.type === AST_NODE_TYPES.Program)) && !contains(fn, variable.defs[0]!.name);
}

/**
 * The parts of an event name: string constants (also through `const` names), and the varying parts. Null for a
 * name without a varying part, or one the analysis cannot split.
 */
function readEventName(sourceCode: SourceCode, raw: TSESTree.Node, fn: TSESTree.Node, depth: number): EventName | null {
  const parts: string[] = [];
  const unique: string[] = [];
  let constant = false;
  let varies = false;
  // a stack of the parts still to read, the next one last: concatenations nest as deep as the code writes them
  const pending: { node: TSESTree.Node | string; nested: number }[] = [{ node: raw, nested: depth }];
  const addText = (text: string): void => {
    parts.push(text);
    constant ||= text.length > 0;
  };
  while (pending.length > 0) {
    const { node: part, nested } = pending.pop()!;
    if (typeof part === 'string') {
      addText(part);
      continue;
    }
    const value = skipExpressionWrappers(part);
    if (value.type === AST_NODE_TYPES.Literal && (typeof value.value === 'string' || typeof value.value === 'number')) {
      addText(String(value.value));
      continue;
    }
    if (value.type === AST_NODE_TYPES.TemplateLiteral) {
      const inOrder: { node: TSESTree.Node | string; nested: number }[] = [];
      value.quasis.forEach((quasi, index) => {
        inOrder.push({ node: quasi.value.cooked ?? quasi.value.raw, nested });
        const expression = value.expressions[index];
        if (expression) inOrder.push({ node: expression, nested });
      });
      pending.push(...inOrder.reverse());
      continue;
    }
    if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
      pending.push({ node: value.right, nested }, { node: value.left, nested });
      continue;
    }
    if (value.type === AST_NODE_TYPES.Identifier && nested < MAX_NAME_DEPTH) {
      const init = getConstInit(sourceCode, value);
      if (init && isNameExpression(init)) {
        pending.push({ node: init, nested: nested + 1 });
        continue;
      }
    }
    varies = true;
    const text = sourceCode.getText(value);
    parts.push('${' + text + '}');
    if (isUniqueToCall(sourceCode, value, fn)) unique.push(text);
  }
  return varies ? { pattern: parts.join(''), unique, constant } : null;
}

/** A string literal, a template, or a concatenation: an expression that builds a name. */
function isNameExpression(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
  );
}

/**
 * A variable or parameter of `fn` or of a function around it (within the same module), or a member of one
 * (`options.id`), named as an id or holding a fresh unique value.
 */
function isUniqueToCall(sourceCode: SourceCode, value: TSESTree.Node, fn: TSESTree.Node): boolean {
  let root = value;
  let name: string | null = null;
  if (root.type === AST_NODE_TYPES.MemberExpression) {
    name = getStaticPropertyName(root);
    root = skipExpressionWrappers(root.object);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, root);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.scope.type === 'module' || variable.scope.type === 'global' || variable.scope.block.type === AST_NODE_TYPES.Program) return false;
  // the variable belongs to this function or one around it, not to the module
  if (!contains(variable.scope.block, fn)) return false;
  if (namesId(name ?? root.name)) return true;
  if (name !== null || definition.type !== 'Variable') return false;
  const init = definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
  return init !== null && makesUniqueValue(init);
}

function namesId(name: string): boolean {
  const words = splitIdentifierWords(name);
  const last = words[words.length - 1];
  return last !== undefined && UNIQUE_WORDS.has(last);
}

/** `uuid()`, `uuid.v4()`, `crypto.randomUUID()`, `++counter`, `counter++`. */
function makesUniqueValue(init: TSESTree.Node): boolean {
  if (init.type === AST_NODE_TYPES.UpdateExpression && init.operator === '++') return true;
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(init.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name !== null && UNIQUE_MAKERS.test(name);
}

/**
 * A removal in the file: its emitter (null when computed: it may be any) and the pattern of its event's name (null
 * when any name may be taken off).
 */
interface NameRemoval {
  readonly emitter: string | null;
  readonly pattern: string | null;
}

const removalCache = createFileCache<'removals', readonly NameRemoval[]>();

/** Every call of the file that takes listeners off, read once per file. */
function removedNames(sourceCode: SourceCode): readonly NameRemoval[] {
  const cache = removalCache(sourceCode);
  const known = cache.get('removals');
  if (known) return known;
  const removals: NameRemoval[] = [];
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null || !LISTENER_REMOVE_METHODS.has(method)) return true;
    const emitter = receiverKey(sourceCode, member.object);
    const argument = node.arguments[0];
    if (!argument) {
      removals.push({ emitter, pattern: null });
      return true;
    }
    const value = skipExpressionWrappers(argument);
    if (value.type === AST_NODE_TYPES.Literal) return true;
    const name = readEventName(sourceCode, value, getEnclosingFunction(node) ?? sourceCode.ast, 0);
    // a name without constant text (a helper's parameter, `removeAllListeners(name)`) may be any name
    removals.push({ emitter, pattern: name?.constant ? name.pattern : null });
    return true;
  });
  cache.set('removals', removals);
  return removals;
}
