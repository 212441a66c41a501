import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getTrailingName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getThisClass } from '../core/thisBinding';
import { createFileCache } from '../core/fileCache';
import { isExportedByName } from '../modules/exportedValues';

/**
 * A promise kept in a private field (`this.#loading`, or a TypeScript `private` one), in a module variable the file
 * does not export, or in a variable of an enclosing function (closure state), when the file never waits for it: every
 * read of the field only tests whether something is stored (`if (!this._loading)`, `this._loading !== null`), or there
 * is none. Nobody awaits it, chains on it or hands it on, so its rejection goes unhandled: the shape of "start the work
 * once" code that forgot to share the promise. `storedPromiseName` answers for one assignment; whether the assigned value is a promise is the
 * caller's (`floatingPromises.ts`).
 *
 * A public field may be awaited by the class's users in other files (`await client.ready`), and a field read
 * through another name (`const self = this`, `other._loading`) may be used anywhere: neither is judged.
 */
export function storedPromiseName(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): string | null {
  if (assignment.operator !== '=') return null;
  const target = skipExpressionWrappers(assignment.left);
  if (target.type === AST_NODE_TYPES.MemberExpression) return privateFieldName(sourceCode, target) ?? unreadDeferredFieldName(sourceCode, target, assignment.right);
  if (target.type === AST_NODE_TYPES.Identifier) return moduleVariableName(sourceCode, target) ?? closureVariableName(sourceCode, target);
  return null;
}

function privateFieldName(sourceCode: SourceCode, target: TSESTree.MemberExpression): string | null {
  if (skipExpressionWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression || target.computed) return null;
  const name = getStaticPropertyName(target);
  const classNode = getThisClass(target);
  if (name === null || !classNode || !isPrivateField(classNode, target.property, name)) return null;
  const judged = everyOtherUse(sourceCode, target, name, (node, isThis) => isThis && (isWriteTarget(node) || onlyTestsPresence(node)));
  return judged ? `this.${name}` : null;
}

/**
 * `this._ready = new Promise((resolve, reject) => { this._resolve = resolve; this._reject = reject; })`: a deferred
 * kept in a field private by convention (`_x`) that the file never reads at all, not even to test it, while its
 * `reject` is handed out of the executor to be called later. Nothing can handle the rejection then, so the first
 * failure is an unhandled rejection (centrifuge 2.0.0's subscription kept such a promise, read nowhere, and rejected
 * it when a subscription failed; 2.1.2 chains `.then(() => {}, () => {})` onto it). A `_x` field may be read in
 * another file of the package (agenda splits a class over files), so only a deferred whose rejection is certain to be
 * asked for from outside, and only a field this file never reads; a deferred whose `reject` stays inside its executor
 * settles there, where it is seen.
 */
function unreadDeferredFieldName(sourceCode: SourceCode, target: TSESTree.MemberExpression, value: TSESTree.Expression): string | null {
  if (skipExpressionWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression || target.computed) return null;
  const name = getStaticPropertyName(target);
  if (name === null || !name.startsWith('_') || !getThisClass(target) || !handsOutReject(sourceCode, value)) return null;
  return everyOtherUse(sourceCode, target, name, (node, isThis) => isThis && isWriteTarget(node)) ? `this.${name}` : null;
}

/** `new Promise((resolve, reject) => { this._reject = reject; })`: an executor whose `reject` is used outside it (stored, or called by a function it makes). */
function handsOutReject(sourceCode: SourceCode, value: TSESTree.Expression): boolean {
  const created = skipExpressionWrappers(value);
  if (created.type !== AST_NODE_TYPES.NewExpression) return false;
  const constructorName = getTrailingName(created.callee);
  const executor = created.arguments[0] ? skipExpressionWrappers(created.arguments[0]) : null;
  if (constructorName !== 'Promise' || !isFunctionNode(executor) || executor.async) return false;
  const reject = executor.params[1];
  if (reject?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, reject);
  return variable?.references.some((reference) => getEnclosingFunction(reference.identifier) !== executor || isAssignedValue(reference.identifier)) === true;
}

function isAssignedValue(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node;
}

/**
 * `#x`, or a field declared `private` in the class: what the language keeps out of other files. A `_x` field is
 * private only by convention, and is read elsewhere (agenda splits its class's methods over files and awaits
 * `this._ready` in another one).
 */
function isPrivateField(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, key: TSESTree.Node, name: string): boolean {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return true;
  const declared = classNode.body.body.some(
    (member) => member.type === AST_NODE_TYPES.PropertyDefinition && member.accessibility === 'private' && getStaticPropertyName(member) === name,
  );
  return declared || hasPrivateParameterProperty(classNode, name);
}

/** `constructor(private readonly loading: Promise<void>)`. */
function hasPrivateParameterProperty(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): boolean {
  const constructor = classNode.body.body.find((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
  if (constructor?.type !== AST_NODE_TYPES.MethodDefinition) return false;
  return constructor.value.params.some(
    (parameter) =>
      parameter.type === AST_NODE_TYPES.TSParameterProperty &&
      parameter.accessibility === 'private' &&
      parameter.parameter.type === AST_NODE_TYPES.Identifier &&
      parameter.parameter.name === name,
  );
}

/** A `let`/`var` at the top of a module that the module does not export. */
function moduleVariableName(sourceCode: SourceCode, target: TSESTree.Identifier): string | null {
  const variable = findVariableOf(sourceCode, target);
  const definition = variable?.defs[0];
  // a script's top-level variables are globals that other scripts may read
  if (!variable || definition?.type !== 'Variable' || variable.scope.block.type !== AST_NODE_TYPES.Program || variable.scope.type === 'global') return null;
  const declaration = definition.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.parent.type !== AST_NODE_TYPES.Program) return null;
  if (isExportedByName(sourceCode, variable.name)) return null; // `export let` is excluded above: its parent is the export
  return readsOnlyPresence(variable) ? variable.name : null;
}

/**
 * A `let`/`var` of an enclosing function that a nested function assigns (`var refreshing; return (op) => { … if
 * (!refreshing) refreshing = auth.refresh().then(flush); }`): state kept across the calls of the closure, which no
 * other file can read. @urql/exchange-auth 2.1.5 started the user's initialisation as such a chain with no rejection
 * handler, tested only for presence; 2.1.6 handles it.
 */
function closureVariableName(sourceCode: SourceCode, target: TSESTree.Identifier): string | null {
  const variable = findVariableOf(sourceCode, target);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Variable' || definition.parent.type !== AST_NODE_TYPES.VariableDeclaration) return null;
  const owner = variable.scope.variableScope.block;
  if (owner.type === AST_NODE_TYPES.Program || getEnclosingFunction(target) === owner) return null;
  return readsOnlyPresence(variable) ? variable.name : null;
}

/** Every read of the variable only tests whether something is stored (or there is none). */
function readsOnlyPresence(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isRead() || reference.isWrite() || onlyTestsPresence(reference.identifier));
}

/**
 * `this.field = this.load()` as a statement of a class's constructor (or of a synchronous method, `findSyncStoringMember`), where every other read of `this.field` in the
 * file is `await this.field` in a method of the class (at least one): the promise starts when the instance is made
 * and is first waited for by a later call, so a rejection before that call (a server down at startup) has no handler
 * and Node ends the process (rate-limit-redis 4.3.1 loaded its scripts this way; 5.0.0 awaits them in an `init()`).
 * Null when the file reads the field any other way (chains on it, hands it on, tests it), reads it through another
 * name (`const self = this`), or when the class has no method that awaits it; other assignments of `this.field` (a
 * reload after a failure) do not matter. A caller that awaits right after `new` handles the promise in time, which
 * this cannot see (the rule's docs say so).
 */
export function awaitedOnlyByLaterCalls(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): AwaitedOnlyLater | null {
  if (assignment.operator !== '=' || assignment.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const target = skipExpressionWrappers(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || skipExpressionWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  const body = assignment.parent.parent;
  const constructor = body.parent?.parent;
  const method = body.type === AST_NODE_TYPES.BlockStatement && constructor?.type === AST_NODE_TYPES.MethodDefinition && constructor.kind === 'constructor' ? constructor : findSyncStoringMember(assignment);
  if (!method) return null;
  const name = getStaticPropertyName(target);
  if (name === null || !startsWork(assignment.right)) return null;
  let awaits = 0;
  const judged = everyOtherUse(sourceCode, target, name, (node, isThis) => {
    const awaitingMethod = isThis && getOutermostWrapper(node).parent?.type === AST_NODE_TYPES.AwaitExpression ? getThisMember(node) : null;
    if (awaitingMethod && awaitingMethod !== method && awaitingMethod.parent === method.parent) awaits++;
    else if (!(isThis && isWriteTarget(node))) return false;
    return true;
  });
  if (!judged || awaits === 0) return null;
  return { name: `this.${name}`, storedBy: method.type === AST_NODE_TYPES.MethodDefinition && method.kind === 'constructor' ? null : getStaticPropertyName(method) };
}

/** The field (`this.ready`), and the method that stores it when it is not the constructor. */
export interface AwaitedOnlyLater {
  readonly name: string;
  readonly storedBy: string | null;
}

/**
 * A call that starts work (`this.load()`, `connect(url)`), not `Promise.resolve(value)`, which cannot reject: by name,
 * so a promise library's `Promise` (`require('bluebird')`) counts too.
 */
function startsWork(value: TSESTree.Expression): boolean {
  const call = skipExpressionWrappers(value);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  return !(callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'resolve' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise');
}

/**
 * Whether `accepts` holds for every other `x.name` of the file (`isThis`: read through `this`), the walk stopping at
 * the first that it does not; false at once where the file aliases `this` (`const self = this`: the field may be
 * read through `self`).
 */
function everyOtherUse(sourceCode: SourceCode, target: TSESTree.MemberExpression, name: string, accepts: (node: TSESTree.MemberExpression, isThis: boolean) => boolean): boolean {
  const index = memberIndexOf(sourceCode);
  if (index.aliasesThis) return false;
  for (const node of index.byName.get(name) ?? []) {
    if (node !== target && !accepts(node, skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression)) return false;
  }
  return true;
}

/** A file's `x.name` member expressions (not computed) by name, and whether it aliases `this` anywhere. */
interface MemberIndex {
  readonly byName: Map<string, TSESTree.MemberExpression[]>;
  readonly aliasesThis: boolean;
}

const memberIndexes = createFileCache<'index', MemberIndex>();

/** Built once per file, on the first question (the walk used to run once per stored promise). */
function memberIndexOf(sourceCode: SourceCode): MemberIndex {
  const cache = memberIndexes(sourceCode);
  const cached = cache.get('index');
  if (cached) return cached;
  const byName = new Map<string, TSESTree.MemberExpression[]>();
  let aliasesThis = false;
  walk(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && skipExpressionWrappers(node.init).type === AST_NODE_TYPES.ThisExpression) {
      if (!onlyReadsMembers(sourceCode, node)) aliasesThis = true;
    } else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
      const name = getStaticPropertyName(node);
      if (name !== null) {
        const list = byName.get(name);
        if (list) list.push(node);
        else byName.set(name, [node]);
      }
    }
    return true;
  });
  const index: MemberIndex = { byName, aliasesThis };
  cache.set('index', index);
  return index;
}

/**
 * `const that = this` where every use of `that` reads or calls a member by name (`that.processed++`, `that.indexName`):
 * such reads are in the index under their names, so the alias hides nothing; handed on or destructured, it may.
 */
function onlyReadsMembers(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, declarator.id);
  if (!variable || variable.defs.length !== 1) return false;
  return variable.references.every((reference) => {
    if (reference.identifier === declarator.id) return true;
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && !member.computed;
  });
}

/**
 * The member of a class whose `this` `node`'s `this` is (through arrows and compiled `__awaiter` generators): a method,
 * or a field holding an arrow function (`flush = async () => { … }`).
 */
function getThisMember(node: TSESTree.Node): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | null {
  const classNode = getThisClass(node, true);
  if (!classNode) return null;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) return current.parent.parent === classNode ? current : null;
  }
  return null;
}

/**
 * `this.active = this.flush()` in a method of a class that is not `async`, or in a field holding such an arrow
 * function, also inside synchronous arrows it runs (a timer's callback): nothing there can wait for the promise, so
 * like one stored by the constructor it is first waited for by a later call (@axiomhq/js 1.0's `ingest()` started its
 * flushes this way, and only the next flush awaited them). The member, or null: not in an `async` function (which may
 * await the field itself), a getter or a setter, or a static member.
 */
function findSyncStoringMember(assignment: TSESTree.AssignmentExpression): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | null {
  const member = getThisMember(assignment);
  if (!member || member.static || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) return null;
  for (let current: TSESTree.Node | undefined = assignment.parent; current && current !== member; current = current.parent) {
    if (isFunctionNode(current) && (current.async || current.generator)) return null;
  }
  return member.value && isFunctionNode(member.value) ? member : null;
}

function isWriteTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node && parent.operator === '=';
}

/**
 * The value is only tested for being there: the test of `if`/`while`/`?:`, an operand of `!`, `typeof`, of a
 * comparison, or of `&&`/`||`/`??` that is itself only tested.
 */
function onlyTestsPresence(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < 16; depth++) {
    const parent = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.ForStatement:
        return parent.test === current;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === '!' || parent.operator === 'typeof';
      case AST_NODE_TYPES.BinaryExpression:
        return ['===', '!==', '==', '!='].includes(parent.operator);
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        current = parent;
        break;
      default:
        return false;
    }
  }
  return false;
}
