import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as ts from 'typescript';

/**
 * Every recursion in the plugin's source goes through a `BoundedWalk` (eslint-plugin/src/core/boundedWalk.ts):
 * the analyses follow what code can make cyclic or deeper than the stack (types extending themselves,
 * functions calling each other, alias and re-export cycles, nested expressions), so a function that calls
 * itself, directly or through others, must do it inside `walk.enter(…)` / `walk.enterOnce(…)`, or loop
 * with a stack instead.
 *
 * The call graph is read with the type checker: an edge from each function to every function of the source
 * it names (calls, callbacks handed on, `this.method`), and to the functions written inside it. Calls through
 * a parameter or an interface are not followed (the graph cannot know their target).
 */
const PLUGIN_ROOT = path.resolve(__dirname, '../../../eslint-plugin');
const SOURCE_ROOT = path.join(PLUGIN_ROOT, 'src');

type FunctionLike = ts.Node;

function isFunctionLike(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionLike(current)) return current;
  return undefined;
}

function describe_(node: FunctionLike): string {
  const file = path.relative(SOURCE_ROOT, node.getSourceFile().fileName);
  const line = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const named = (node as { name?: ts.Node }).name?.getText();
  const parent = node.parent;
  const name =
    named ??
    (parent && ts.isVariableDeclaration(parent) ? parent.name.getText() : undefined) ??
    (parent && ts.isCallExpression(parent) ? `callback of ${parent.expression.getText().slice(0, 40)}` : '(function)');
  return `${file}:${line} ${name}`;
}

/** The function a name or `x.name` refers to, when it is one written in the plugin's source. */
function functionNamed(checker: ts.TypeChecker, node: ts.Node): FunctionLike | undefined {
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const declaration of symbol?.declarations ?? []) {
    if (!declaration.getSourceFile().fileName.startsWith(SOURCE_ROOT)) continue;
    if (isFunctionLike(declaration)) return declaration;
    const initializer = (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration))
      ? declaration.initializer
      : undefined;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) return initializer;
  }
  return undefined;
}

/** The name of a declaration (not a use of it): `function f`, `const f =`, `{ f: … }`. */
function isDeclarationName(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    parent !== undefined &&
    (parent as { name?: ts.Node }).name === node &&
    (isFunctionLike(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  );
}

/** A function handed to `walk.enter(…)` or `walk.enterOnce(…)` of a `BoundedWalk`. */
function isGuardedStep(checker: ts.TypeChecker, fn: FunctionLike): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !['enter', 'enterOnce'].includes(callee.name.text)) return false;
  const receiver = checker.getTypeAtLocation(callee.expression).getSymbol();
  return receiver?.getName() === 'BoundedWalk';
}

/** Strongly connected components of the graph (Tarjan), with an explicit stack. */
function stronglyConnected(nodes: readonly FunctionLike[], edges: Map<FunctionLike, Set<FunctionLike>>): FunctionLike[][] {
  const index = new Map<FunctionLike, number>();
  const low = new Map<FunctionLike, number>();
  const onStack = new Set<FunctionLike>();
  const stack: FunctionLike[] = [];
  const components: FunctionLike[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: FunctionLike; next: Iterator<FunctionLike> }[] = [];
    const open = (node: FunctionLike): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? new Set()).values() });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: FunctionLike; next: Iterator<FunctionLike> };
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: FunctionLike[] = [];
        let member: FunctionLike | undefined;
        do {
          member = stack.pop() as FunctionLike;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

describe('recursion guards', () => {
  it('puts every recursion of the plugin source inside a BoundedWalk step', function () {
    this.timeout(180_000);
    const config = ts.readConfigFile(path.join(PLUGIN_ROOT, 'tsconfig.json'), (file) => ts.sys.readFile(file));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, PLUGIN_ROOT);
    const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
    const checker = program.getTypeChecker();
    const functions: FunctionLike[] = [];
    const edges = new Map<FunctionLike, Set<FunctionLike>>();
    const addEdge = (from: FunctionLike, to: FunctionLike): void => {
      let targets = edges.get(from);
      if (!targets) edges.set(from, (targets = new Set()));
      targets.add(to);
    };
    for (const sourceFile of program.getSourceFiles()) {
      if (!sourceFile.fileName.startsWith(SOURCE_ROOT)) continue;
      const stack: ts.Node[] = [sourceFile];
      while (stack.length > 0) {
        const node = stack.pop() as ts.Node;
        if (isFunctionLike(node)) {
          functions.push(node);
          const outer = enclosingFunction(node);
          if (outer) addEdge(outer, node); // a function runs what is written inside it (callbacks, helpers)
        } else if ((ts.isIdentifier(node) && !isDeclarationName(node)) || ts.isPropertyAccessExpression(node)) {
          const target = functionNamed(checker, ts.isPropertyAccessExpression(node) ? node.name : node);
          const from = enclosingFunction(node);
          if (target && from) addEdge(from, target);
        }
        node.forEachChild((child) => {
          stack.push(child);
        });
      }
    }
    assert.ok(functions.length > 500, `only ${functions.length} functions found: is the source still in ${SOURCE_ROOT}?`);
    const recursive = stronglyConnected(functions, edges).filter((component) => component.length > 1 || edges.get(component[0] as FunctionLike)?.has(component[0] as FunctionLike));
    assert.ok(recursive.length > 5, 'the walks themselves are recursive: finding none means the call graph is broken');
    const unguarded = recursive.filter((component) => !component.some((fn) => isGuardedStep(checker, fn)));
    assert.deepEqual(
      unguarded.map((component) => component.map(describe_).sort()),
      [],
      'these functions call each other without a BoundedWalk step in the cycle',
    );
  });
});
