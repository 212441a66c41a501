import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { receiverKey } from '../core/thisBinding';

/**
 * Lazy initialisation written with a callback: `if (self.db) { … } else { MongoClient.connect(url, function (err, db)
 * { self.db = db; … }); }`. The field is set only when the connection calls back, so every call that comes before that
 * finds it unset and connects again; the later callback overwrites the field and the first connection is never closed
 * (loopback-connector-mongodb 1.13.1 kept the pending connect and had overlapping calls wait for it). The callback
 * form of `lazy-init` in `racesAcrossAwait.ts`.
 */
export interface CallbackLazyInit {
  /** The field, as written (`self.db`). */
  readonly state: string;
  /** The call that connects (`mongodb.MongoClient.connect(…)`). */
  readonly call: TSESTree.CallExpression;
  /** `self.db = db` in its callback. */
  readonly write: TSESTree.AssignmentExpression;
}

/** `this`, or an alias of it (`self` in `var self = this`). */
function isThis(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return receiverKey(sourceCode, node) === 'this';
}

/** Methods that open a connection or a session and hand it to an error-first callback. */
const CONNECT_METHODS: ReadonlySet<string> = new Set(['connect', 'createConnection', 'getConnection', 'open', 'login', 'authenticate']);

/** Names of an error-first callback's first parameter. */
const ERROR_PARAMETER = /^(?:err|error|e|er|ex)$/;

/** Fields whose name says a pending connect is tracked (`self.connecting = true`): the code waits for it already. */
const PENDING_FIELD = /connecting|pending|opening|initiali[sz]ing|queue|waiting|callbacks/i;

/**
 * For `if (this.f) … else …` or `if (!this.f) …` (`this` or an alias of it): the race when the branch that runs while
 * the field is unset holds only a call of a connect method (`CONNECT_METHODS`, besides logging and `var`s) whose last
 * argument is an error-first callback that writes `this.f`, without reading it again first; and the function around
 * the `if` writes no other field that tracks a pending connect (`PENDING_FIELD`), nor `this.f` outside that callback.
 */
export function findCallbackLazyInit(sourceCode: SourceCode, guard: TSESTree.IfStatement): CallbackLazyInit | null {
  const test = skipExpressionWrappers(guard.test);
  const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
  const field = skipExpressionWrappers(negated ? (test as TSESTree.UnaryExpression).argument : test);
  if (field.type !== AST_NODE_TYPES.MemberExpression || !isThis(sourceCode, field.object)) return null;
  const name = getStaticPropertyName(field);
  const unsetBranch = negated ? guard.consequent : guard.alternate;
  const fn = getEnclosingFunction(guard);
  if (name === null || !unsetBranch || !fn) return null;
  const call = onlyConnectCall(unsetBranch);
  const callback = call ? (call.arguments[call.arguments.length - 1] as TSESTree.Node) : null;
  if (!call || !callback || !isFunctionNode(callback) || callback.params.length < 2) return null;
  const first = callback.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier || !ERROR_PARAMETER.test(first.name)) return null;
  const uses = fieldUses(sourceCode, fn, name, callback);
  if (!uses.write || uses.readInCallback || uses.writtenOutside || uses.tracksPending) return null;
  return { state: sourceCode.getText(field), call, write: uses.write };
}

/** The branch's one statement that calls a connect method, when everything else in it only logs or declares. */
function onlyConnectCall(branch: TSESTree.Statement): TSESTree.CallExpression | null {
  const statements = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
  let found: TSESTree.CallExpression | null = null;
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) continue;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    const expression = skipExpressionWrappers(statement.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = skipExpressionWrappers(expression.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (method !== null && CONNECT_METHODS.has(method)) {
      if (found) return null;
      found = expression;
    } else if (!isLogCall(callee)) {
      return null;
    }
  }
  return found;
}

/** `debug(…)`, `console.log(…)`, `this.logger.info(…)`. */
function isLogCall(callee: TSESTree.Node): boolean {
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  const owner = callee.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(callee.object) : null;
  const isLogName = (text: string | null): boolean => text !== null && /^(?:debug|log|info|warn|trace|verbose|logger|console)$/i.test(text);
  return isLogName(name) || (owner?.type === AST_NODE_TYPES.Identifier && isLogName(owner.name)) || (owner?.type === AST_NODE_TYPES.MemberExpression && isLogName(getStaticPropertyName(owner)));
}

interface FieldUses {
  /** `this.f = …` in the callback. */
  write: TSESTree.AssignmentExpression | null;
  readInCallback: boolean;
  writtenOutside: boolean;
  tracksPending: boolean;
}

function fieldUses(sourceCode: SourceCode, fn: FunctionNode, name: string, callback: FunctionNode): FieldUses {
  const uses: FieldUses = { write: null, readInCallback: false, writtenOutside: false, tracksPending: false };
  const readsInCallback: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || !isThis(sourceCode, node.object)) return true;
    const field = getStaticPropertyName(node);
    if (field === null) return true;
    const position = getOutermostWrapper(node);
    const assignment = position.parent?.type === AST_NODE_TYPES.AssignmentExpression && position.parent.left === position ? position.parent : null;
    if (assignment && field !== name && PENDING_FIELD.test(field)) uses.tracksPending = true;
    if (field !== name) return true;
    const inCallback = node.range[0] >= callback.range[0] && node.range[1] <= callback.range[1];
    if (assignment && !inCallback) uses.writtenOutside = true;
    else if (assignment) {
      if (uses.write === null || assignment.range[0] < uses.write.range[0]) uses.write = assignment;
    } else if (inCallback) {
      readsInCallback.push(node);
    }
    return true;
  });
  // a second check before the write (`if (self.db) return …`): the callback sees the other call's connection
  const write = uses.write;
  uses.readInCallback = write !== null && readsInCallback.some((read) => read.range[0] < write.range[0]);
  return uses;
}
