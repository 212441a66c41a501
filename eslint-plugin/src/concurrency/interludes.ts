import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, getTrailingName, isFunctionNode, pushChildrenLastFirst, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { splitIdentifierWords } from '../core/nameWords';
import { findVariableOf, isGlobalReference, isVariableReference } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';

type Variable = TSESLint.Scope.Variable;

/**
 * Code that runs between two awaited operations and does not tie them together: it neither waits, nor leaves
 * the statement list, nor touches anything outside the function's own variables except to log. A later
 * operation can start before it when it reads nothing the interlude writes and writes nothing it reads.
 */
export interface Interlude {
  /** Variables of the function it declares, assigns, or calls a method on (which may change them). */
  readonly written: ReadonlySet<Variable>;
  /** Variables it reads or writes. */
  readonly touched: ReadonlySet<Variable>;
}

/**
 * The interlude `node` is (a statement, or the body of a `catch` clause), or null when it may tie the awaits
 * around it together: it awaits or yields, returns, throws, jumps out, assigns or calls a method on something
 * that is not a variable of `fn` (`this.x = …`, a module variable), or calls a function other than logging and
 * the built-in pure ones (`JSON.stringify`, `Math.max`, `Object.keys`…).
 */
export function getInterlude(sourceCode: SourceCode, node: TSESTree.Node, fn: FunctionNode): Interlude | null {
  const written = new Set<Variable>();
  const touched = new Set<Variable>();
  // the variables it may change: those of `fn`, and those of callbacks written inside it
  const owner = { fn, node };
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as TSESTree.Node;
    switch (current.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.ImportExpression:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return null;
      case AST_NODE_TYPES.NewExpression:
        if (!isPureConstruction(sourceCode, current)) return null;
        break;
      case AST_NODE_TYPES.ReturnStatement:
        if (getEnclosingFunction(current) === fn) return null;
        break;
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        if (!isJumpInside(current, node)) return null;
        break;
      case AST_NODE_TYPES.CallExpression:
        if (!recordCall(sourceCode, current, owner, written)) return null;
        break;
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression: {
        const target = current.type === AST_NODE_TYPES.AssignmentExpression ? current.left : current.argument;
        const variable = ownVariableAt(sourceCode, target, owner);
        if (!variable) return null;
        written.add(variable);
        break;
      }
      case AST_NODE_TYPES.UnaryExpression:
        if (current.operator === 'delete') {
          const variable = ownVariableAt(sourceCode, current.argument, owner);
          if (!variable) return null;
          written.add(variable);
        }
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        for (const variable of sourceCode.getDeclaredVariables(current)) written.add(variable);
        break;
      case AST_NODE_TYPES.Identifier: {
        const variable = isVariableReference(current) ? findVariableOf(sourceCode, current) : null;
        if (variable) touched.add(variable);
        break;
      }
      default:
        break;
    }
    pushChildrenLastFirst(current, stack, sourceCode);
  }
  for (const variable of written) touched.add(variable);
  return { written, touched };
}

/** A method call on a variable of `fn` (recorded as a write: it may change it), logging, or a pure built-in. */
function recordCall(sourceCode: SourceCode, call: TSESTree.CallExpression, owner: Owner, written: Set<Variable>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (isFunctionNode(callee)) return false;
  if (callee.type === AST_NODE_TYPES.Identifier) return isGlobalReference(sourceCode, callee) && PURE_GLOBAL_FUNCTIONS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  const root = rootOf(callee);
  if (method === null || !root) return false;
  if (root.type === AST_NODE_TYPES.Identifier && isGlobalReference(sourceCode, root)) {
    if (root.name === 'console') return true;
    return PURE_GLOBAL_NAMESPACES.has(root.name) && callee.object === root;
  }
  if (isLogging(callee, method)) return true;
  const variable = ownVariableAt(sourceCode, callee.object, owner);
  if (!variable) return false;
  written.add(variable);
  return true;
}

/** `log.info(…)`, `this.logger.warn(…)`, `debug.extend(…)`: the receiver is named as a logger and the method is a level. */
function isLogging(callee: TSESTree.MemberExpression, method: string): boolean {
  if (!LOG_METHODS.has(method)) return false;
  const name = getTrailingName(callee.object);
  return name !== null && splitIdentifierWords(name).some((word) => LOGGER_WORDS.has(word));
}

const LOG_METHODS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'verbose', 'silly', 'fatal']);
const LOGGER_WORDS: ReadonlySet<string> = new Set(['log', 'logger', 'logging', 'console']);
const PURE_GLOBAL_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'Number', 'Boolean', 'BigInt', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI']);
const PURE_GLOBAL_NAMESPACES: ReadonlySet<string> = new Set(['JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Date']);
const PURE_CONSTRUCTORS: ReadonlySet<string> = new Set(['Date', 'Error', 'TypeError', 'RangeError', 'Map', 'Set', 'URL', 'URLSearchParams', 'RegExp', 'Array']);

/** `new Date()`, `new Error(…)`, `new Map()`: a value made here that nothing else sees yet. */
function isPureConstruction(sourceCode: SourceCode, node: TSESTree.NewExpression): boolean {
  const callee = skipExpressionWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.Identifier && PURE_CONSTRUCTORS.has(callee.name) && isGlobalReference(sourceCode, callee);
}

/** The function whose variables an interlude may change, and the interlude (callbacks written inside it own theirs). */
interface Owner {
  readonly fn: FunctionNode;
  readonly node: TSESTree.Node;
}

/**
 * The variable at the root of `x`, `x.y`, `x[i].z`, when it is declared in the owner's function itself (a local or
 * a parameter) or in a callback written inside the interlude.
 */
function ownVariableAt(sourceCode: SourceCode, target: TSESTree.Node, owner: Owner): Variable | null {
  const root = rootOf(target);
  if (root?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, root);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  const declaredIn = definition.type === 'Parameter' ? definition.node : getEnclosingFunction(definition.name);
  if (declaredIn === owner.fn) return variable;
  return declaredIn !== null && declaredIn.range[0] >= owner.node.range[0] && declaredIn.range[1] <= owner.node.range[1] ? variable : null;
}

/** The identifier (or `this`) a member chain starts from: `a` in `a.b[c].d`. */
function rootOf(node: TSESTree.Node): TSESTree.Node | null {
  let current = skipExpressionWrappers(node);
  for (let steps = 0; current.type === AST_NODE_TYPES.MemberExpression && steps < 64; steps++) current = skipExpressionWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.ThisExpression ? current : null;
}

/** A `break`/`continue` whose target loop or `switch` is inside `container`. */
function isJumpInside(jump: TSESTree.BreakStatement | TSESTree.ContinueStatement, container: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = jump.parent; current && current !== container.parent; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (jump.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === jump.label.name) return true;
      continue;
    }
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      case AST_NODE_TYPES.SwitchStatement:
        if (jump.type === AST_NODE_TYPES.BreakStatement) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
