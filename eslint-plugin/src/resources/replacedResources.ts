import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { contains, type FunctionNode, getCalleeMember, getEnclosingFunction, getFunctionName, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';

type Variable = TSESLint.Scope.Variable;

/**
 * A resource held in a module variable, which the file releases elsewhere (`mf?.dispose()` where the dev
 * server closes), replaced with a new one by a function that runs again and again: `mf = new Miniflare(options)` in
 * the environment getter a dev server calls for every request. The old instance is dropped without its release, so
 * each call leaks one (its workers, sockets, files), and the one release the file has frees only the last
 * (@hono/vite-dev-server 0.4.1; 0.5.1 makes it once, `if (!mf)`). Only when the function (or, for an anonymous one,
 * the nearest named function around it: `getEnv = (options) => async () => …`) is named as one called for every use
 * (`get…`, `fetch…`, `handle…`, `render…`, `serve…`, `request…`…), does not read the variable before it replaces it
 * (a guard, `if (!mf)`, `mf ??= …`, or a release of the old one) nor hands the new value on (returned, passed: its
 * taker may own it), and the value is made there (`new X(…)`, or a call, awaited or not).
 */
export interface ReplacedResource {
  readonly assignment: TSESTree.AssignmentExpression;
  /** The variable, as written. */
  readonly holder: string;
  /** The release the file makes elsewhere (`mf?.dispose()`). */
  readonly release: TSESTree.CallExpression;
}

/** Methods that release what they are called on. */
const RELEASE_METHODS: ReadonlySet<string> = new Set(['dispose', 'close', 'destroy', 'terminate', 'quit', 'shutdown', 'stop', 'kill', 'disconnect']);
/**
 * First words of a function's name that say it is called for every use (`getEnv`, `handleRequest`, `renderPage`): a
 * getter or handler that makes the value anew each time replaces it each time. Functions named otherwise (`start`,
 * `connect`, `prepareRecorder`, `pauseSession`) may well run once between the releases.
 */
const PER_USE_WORDS: ReadonlySet<string> = new Set(['get', 'fetch', 'read', 'handle', 'render', 'serve', 'process', 'request', 'query', 'send', 'invoke', 'lookup', 'find', 'compute']);

/** The cheap test of a file's text. */
export function mayReplaceResources(text: string): boolean {
  return /\.(?:dispose|close|destroy|terminate|quit|shutdown|stop|kill|disconnect)\(/.test(text);
}

export function findReplacedResource(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): ReplacedResource | null {
  if (assignment.operator !== '=') return null;
  const value = skipExpressionWrappers(assignment.right);
  const made = value.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(value.argument) : value;
  if (made.type !== AST_NODE_TYPES.NewExpression && made.type !== AST_NODE_TYPES.CallExpression) return null;
  const key = holderKey(sourceCode, assignment.left);
  const fn = getEnclosingFunction(assignment);
  if (!key || !fn || !isCalledPerUse(fn)) return null;
  const release = releasesOf(sourceCode).get(key);
  if (!release || contains(fn, release)) return null;
  if (readsBefore(sourceCode, fn, assignment, key) || handsOn(sourceCode, fn, assignment)) return null;
  return { assignment, holder: sourceCode.getText(assignment.left), release };
}

/**
 * `mf`, a variable of the module: one value shared by every call. Not a field of an instance: a method may set its
 * own instance's field once in the instance's life (supertest 0.11's `this._server = app.listen(0)`, from the
 * constructor), which the code does not say.
 */
function holderKey(sourceCode: SourceCode, left: TSESTree.Node): string | null {
  if (left.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, left);
  return variable && isModuleVariable(variable) ? left.name : null;
}

function isModuleVariable(variable: Variable): boolean {
  const scope = variable.scope.type;
  return (scope === 'module' || scope === 'global') && variable.defs[0]?.type === 'Variable';
}

/** The nearest function with a name, from `fn` outwards (an anonymous handler takes its factory's), is named as one called for every use. */
function isCalledPerUse(fn: FunctionNode): boolean {
  for (let current: FunctionNode | null = fn, depth = 0; current && depth < 8; current = getEnclosingFunction(current), depth++) {
    const name = getFunctionName(current);
    if (name === null) continue;
    const first = splitIdentifierWords(name.replace(/^[_$#]+/, ''))[0]?.toLowerCase();
    return first !== undefined && PER_USE_WORDS.has(first);
  }
  return false;
}

/** The function reads the variable before the assignment (a guard, a release of the old value, a hand-over). */
function readsBefore(sourceCode: SourceCode, fn: FunctionNode, assignment: TSESTree.AssignmentExpression, key: string): boolean {
  const variable = findVariableOf(sourceCode, assignment.left as TSESTree.Identifier);
  return variable !== null && variable.references.some((reference) =>
    reference.isRead() && reference.identifier.name === key && reference.identifier.range[0] < assignment.range[0] && contains(fn, reference.identifier));
}

/**
 * The function hands the new value on (`return stream`, `use(stream)`, `other = stream`): whoever gets it may own it
 * and release it (mqtt's `buildStream` returns the stream its client destroys before it builds the next).
 */
function handsOn(sourceCode: SourceCode, fn: FunctionNode, assignment: TSESTree.AssignmentExpression): boolean {
  const variable = findVariableOf(sourceCode, assignment.left as TSESTree.Identifier);
  return variable !== null && variable.references.some((reference) => {
    const identifier = reference.identifier;
    if (!reference.isRead() || identifier.range[0] <= assignment.range[1] || !contains(fn, identifier)) return false;
    const position = getOutermostWrapper(identifier);
    const parent = position.parent;
    return !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position);
  });
}

const releaseCache = createFileCache<'releases', Map<string, TSESTree.CallExpression>>();

/** The file's first release call of each module variable (`mf?.dispose()`). */
function releasesOf(sourceCode: SourceCode): Map<string, TSESTree.CallExpression> {
  const cache = releaseCache(sourceCode);
  const known = cache.get('releases');
  if (known) return known;
  const releases = new Map<string, TSESTree.CallExpression>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null || !RELEASE_METHODS.has(method)) return true;
    const key = holderKey(sourceCode, skipExpressionWrappers(member.object));
    if (key && !releases.has(key)) releases.set(key, node);
    return true;
  });
  cache.set('releases', releases);
  return releases;
}
