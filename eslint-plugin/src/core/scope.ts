import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { contains, type FunctionNode, getEnclosingFunction, getOutermostWrapper, isLoopStatement, skipExpressionWrappers } from './ast';
import { ASTUtils } from './astUtils';
import { createFileCache } from './fileCache';
import { AST_NODE_TYPES } from './nodeTypes';
import type { SourceCode } from './ruleContext';

type Variable = TSESLint.Scope.Variable;
type Scope = TSESLint.Scope.Scope;

const scopeCache = createFileCache<TSESTree.Node, Scope>();
const variableCache = createFileCache<TSESTree.Identifier, Variable | null>();

/**
 * The innermost scope containing `node`: what ESLint's `sourceCode.getScope` returns. ESLint remembers every
 * node it is asked about in a `WeakMap`; asked about tens of thousands of identifiers per file, those weak
 * entries made the garbage collector measurably slower. This walks up to the nearest node that owns a
 * scope and remembers the answer for the node asked about, in a cache that lives as long as the file.
 */
export function getScopeOf(sourceCode: SourceCode, node: TSESTree.Node): Scope {
  const cache = scopeCache(sourceCode);
  const known = cache.get(node);
  if (known) return known;
  const found = findScope(sourceCode, node);
  cache.set(node, found);
  return found;
}

function findScope(sourceCode: SourceCode, node: TSESTree.Node): Scope {
  const scopeManager = sourceCode.scopeManager;
  const globalScope = scopeManager?.scopes[0];
  if (!scopeManager || !globalScope) return sourceCode.getScope(node);
  const inner = node.type !== 'Program';
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const scope = scopeManager.acquire(current, inner);
    if (scope) return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
  }
  return globalScope;
}

/**
 * The variable an identifier refers to, respecting shadowing; null for undeclared (global) names. Remembered
 * for the file: the analyses ask about the same identifier several times (3.7 times on average on the
 * benchmark corpus), and each answer walks the scope chain.
 */
export function findVariableOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | null {
  const cache = variableCache(sourceCode);
  const known = cache.get(identifier);
  if (known !== undefined) return known;
  // By name from the innermost scope that holds the identifier: given the node, `findVariable` would look for that
  // scope again among the child scopes of this one, one by one (a function with thousands of blocks made every
  // lookup in it scan them all).
  const variable = ASTUtils.findVariable(findScope(sourceCode, identifier), identifier.name) ?? null;
  cache.set(identifier, variable);
  return variable;
}

/**
 * True when `identifier` names a global the program did not declare itself (`setTimeout`, `Promise`,
 * `require`, `process`): there is no variable, or only an implicit one (configured globals, TS lib types).
 */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, identifier);
  return variable === null || variable.defs.length === 0;
}

const neverReassigned = new WeakMap<Variable, boolean>();

/**
 * True when the variable is assigned only where it is declared (`const`, or a `let` never written again).
 * Remembered per variable: the answer reads every reference, and a module like `fs` read thousands of times
 * in one file is asked about at each of them (which made resolving `fs.x` quadratic in the file).
 */
export function isNeverReassigned(variable: Variable): boolean {
  if (variable.defs.length !== 1) return false;
  let known = neverReassigned.get(variable);
  if (known === undefined) {
    known = variable.references.every((reference) => !reference.isWrite() || reference.init === true);
    neverReassigned.set(variable, known);
  }
  return known;
}

/** The initializer of a never-reassigned `const x = …`/`let x = …` binding that `identifier` reads. */
export function getConstInit(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression | null {
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Variable' || !isNeverReassigned(variable)) return null;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  return skipExpressionWrappers(declarator.init) as TSESTree.Expression;
}

/**
 * The values written to the variable `identifier` names: its initializers and the right sides of its plain and
 * logical assignments (`x = …`, `x ??= …`); not compound ones (`x += …`), whose value is not the right side.
 */
export function getVariableWrites(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression[] {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable) return [];
  const writes: TSESTree.Expression[] = [];
  for (const definition of variable.defs) {
    if (definition.type === 'Variable' && definition.node.init) writes.push(definition.node.init);
  }
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier && VALUE_ASSIGNMENTS.has(parent.operator)) writes.push(parent.right);
  }
  return writes;
}

/** Assignment operators whose stored value is the right side (when they store). */
const VALUE_ASSIGNMENTS = new Set(['=', '||=', '&&=', '??=']);

/**
 * The value the variable `identifier` reads holds at that read, when straight-line code says so: the nearest statement
 * before it (in its block, or a block around it within its function) that writes the variable is `x = value;` or a
 * declaration `const/let/var x = value`, and nothing between writes it. Null when a write may come between (nested in
 * an earlier statement, in the same statement, or from another function: a closure may run in between), when a loop
 * around the read (and inside the function) may write it again, or when no such statement is found.
 */
export function getReachingValue(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression | null {
  const variable = findVariableOf(sourceCode, identifier);
  const fn = getEnclosingFunction(identifier);
  if (!variable || !fn) return null;
  const writes = variable.references.filter((reference) => reference.isWrite());
  if (writes.some((reference) => getEnclosingFunction(reference.identifier) !== fn)) return null;
  const writesWithin = (node: TSESTree.Node, except: TSESTree.Node | null): boolean =>
    writes.some(({ identifier: written }) => contains(node, written) && (except === null || !contains(except, written)));
  for (let node: TSESTree.Node = identifier; node.parent && node.parent !== fn; node = node.parent) {
    const parent = node.parent;
    if (isLoopStatement(parent)) return null;
    const statements = statementList(parent);
    if (!statements) {
      if (writesWithin(parent, node)) return null;
      continue;
    }
    for (let index = statements.indexOf(node as TSESTree.Statement) - 1; index >= 0; index--) {
      const statement = statements[index] as TSESTree.Statement;
      const value = writtenValue(statement, variable);
      if (value) return value;
      if (writesWithin(statement, null)) return null;
    }
  }
  return null;
}

function statementList(node: TSESTree.Node): readonly TSESTree.Node[] | null {
  if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.StaticBlock) return node.body;
  return node.type === AST_NODE_TYPES.SwitchCase ? node.consequent : null;
}

/** `x = value;` or a declaration of `x` with `value` as its only write in the statement. */
function writtenValue(statement: TSESTree.Statement, variable: Variable): TSESTree.Expression | null {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=' || expression.left.type !== AST_NODE_TYPES.Identifier) return null;
    const assigned = variable.references.some((reference) => reference.identifier === expression.left);
    return assigned && !variable.references.some((reference) => reference.isWrite() && contains(expression.right, reference.identifier)) ? expression.right : null;
  }
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return null;
  const declarator = statement.declarations[0];
  if (!declarator?.init || declarator.id.type !== AST_NODE_TYPES.Identifier || !variable.identifiers.includes(declarator.id)) return null;
  return declarator.init;
}

/** An identifier that names a variable (not a property name or an object key: `a.name`, `{ name: … }`). */
export function isVariableReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.object === identifier || parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.value === identifier || parent.computed;
  return true;
}

/** The variable a function is declared as or assigned to (`function f`, `const f = …`, `f = …`). */
export function getFunctionHolder(sourceCode: SourceCode, fn: FunctionNode): Variable | null {
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  const id =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id
      : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position
        ? parent.id
        : parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === position
          ? parent.left
          : null;
  return id?.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, id) : null;
}
