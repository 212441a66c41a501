import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getStaticPropertyName, isFunctionNode, pushChildrenLastFirst, skipExpressionWrappers } from '../core/ast';
import { getFunctionAsyncContext, runsWhereWritten } from '../roles/asyncContext';
import type { BlockingCatalogEntry } from './blockingCatalog';
import { BlockingCatalogIndex, type BlockingOptions } from './blockingCatalogIndex';
import { rememberFileName } from '../modules/crossFile';
import { type ChainMatcher, findCallChainIntoProject } from '../modules/crossFileCalls';
import { resolveLocalCallables } from '../modules/localFunctions';
import { type ModuleReference, isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { resolveModuleReferenceWithTypes } from '../modules/typedModuleReference';
import { getTypedServices } from '../core/typeInfo';
import type { AnyRuleContext as RuleContext } from '../core/ruleContext';


export type { BlockingCatalogExtension, BlockingOptions } from './blockingCatalogIndex';

/** A call that blocks the thread, and the catalog entry that says so. */
export interface BlockingCall {
  readonly kind: 'call';
  readonly node: TSESTree.CallExpression;
  readonly reference: ModuleReference;
  readonly entry: BlockingCatalogEntry;
  /** The export's own name (`readFileSync`). */
  readonly exportName: string;
  /** How to name it to a person (`fs.readFileSync`). */
  readonly displayName: string;
}

export interface BusyWait {
  readonly kind: 'busy-wait';
  readonly node: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;
  /** The clock reading in the test (`Date.now()`), and the comparison around it. */
  readonly test: TSESTree.BinaryExpression;
  readonly clockOnLeft: boolean;
  readonly displayName: string;
}

export interface SyncRequire {
  readonly kind: 'require';
  readonly node: TSESTree.CallExpression;
  readonly displayName: string;
}

export type BlockingOperation = BlockingCall | BusyWait | SyncRequire;

/** A catalog entry that a module export is. */
type CatalogMatch = Omit<BlockingCall, 'kind' | 'node'>;

/** A local synchronous function that blocks when called: `loadConfig() → readConfigFile() → readFileSync`. */
export interface BlockingChain {
  readonly names: readonly string[];
  readonly operation: BlockingOperation;
  /** The function of this file the call lands on (`loadConfig`), when the chain starts in this file. */
  readonly helper?: FunctionNode;
}

/** How many local functions a blocking chain is followed through (`a() → b() → … → readFileSync`). */
const CHAIN_LIMITS = { maxDepth: 7 };

/**
 * Finds the blocking operations of one file. One instance per rule run (per file): it caches the
 * chains of local functions and asks the type checker only about calls whose name is in the catalog
 * and whose provenance the syntax alone could not establish.
 */
export class BlockingAnalyzer {
  private readonly index: BlockingCatalogIndex;
  private readonly chainCache = new Map<FunctionNode, BlockingChain | null>();
  /** Local names bound to a catalog export under another name (`import { readFileSync as rfs }`). */
  private aliasNames: ReadonlySet<string> | null = null;

  constructor(
    private readonly context: RuleContext,
    private readonly options: BlockingOptions,
  ) {
    this.index = BlockingCatalogIndex.for(options);
    rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  }

  /** The blocking call or `require()` that `call` is, or null. */
  classifyCall(call: TSESTree.CallExpression): BlockingCall | SyncRequire | null {
    const callee = skipExpressionWrappers(call.callee);
    const nameNode = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
    if (nameNode.type !== AST_NODE_TYPES.Identifier && nameNode.type !== AST_NODE_TYPES.PrivateIdentifier) {
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      if (name === null || !this.index.isCandidateName(name)) return null;
      return this.matchReference(call, resolveModuleReference(this.context.sourceCode, callee));
    }
    if (this.options.checkRequire && nameNode.type === AST_NODE_TYPES.Identifier && nameNode.name === 'require') {
      return this.classifyRequire(call);
    }
    if (!this.index.isCandidateName(nameNode.name) && !(callee === nameNode && this.getAliasNames().has(nameNode.name))) return null;
    const syntactic = resolveModuleReference(this.context.sourceCode, callee);
    const match = this.matchReference(call, syntactic);
    if (match) return match;
    // Only now, for a catalog name whose provenance the syntax could not establish (a parameter, a global,
    // an import from a module that may re-export it), ask the type checker.
    // (getTypedServices: ESLint's default parser has no parser services at all; that must not throw.)
    const services = getTypedServices(this.context);
    if (!services) return null;
    return this.matchReference(call, resolveModuleReferenceWithTypes(services, nameNode));
  }

  /** `while (Date.now() < deadline) {}`: a loop that spins on the clock with an empty body. */
  classifyLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): BusyWait | null {
    if (!loop.test || !isEmptyBody(loop.body)) return null;
    const test = skipExpressionWrappers(loop.test);
    if (test.type !== AST_NODE_TYPES.BinaryExpression || !['<', '<=', '>', '>='].includes(test.operator)) return null;
    const leftClock = this.findClockReading(test.left);
    const rightClock = this.findClockReading(test.right);
    if (leftClock === rightClock) return null;
    const clockOnLeft = leftClock !== null;
    // the clock must be on the small side: `now < deadline` or `deadline > now`
    if (clockOnLeft !== (test.operator === '<' || test.operator === '<=')) return null;
    return { kind: 'busy-wait', node: loop, test, clockOnLeft, displayName: (leftClock ?? rightClock) as string };
  }

  /**
   * The blocking operation a call of a local synchronous function ends up in, with the chain of names.
   * Async functions are not followed: their bodies are async code and reported where they are.
   * `worthSearchingProject` is asked before the search through other files, the costly part: a caller that
   * would not report the call anyway (test code, a one-shot script) says no.
   */
  chainOfCall(call: TSESTree.CallExpression, worthSearchingProject: () => boolean = () => true): BlockingChain | null {
    const callables = resolveLocalCallables(this.context.sourceCode, call.callee);
    for (const callable of callables) {
      if (!isFunctionNode(callable) || callable.async || callable.generator) continue;
      if (getFunctionAsyncContext(this.context.sourceCode, callable)) continue; // reported in its own body
      const chain = this.chainOfFunction(callable, new BoundedWalk(CHAIN_LIMITS));
      if (chain) return { names: [calleeName(call), ...chain.names.slice(1)], operation: chain.operation, helper: callable };
    }
    if (callables.length > 0 || !worthSearchingProject()) return null;
    const remote = this.chainIntoProject(call);
    return remote ? { names: [calleeName(call), ...remote.names.slice(1)], operation: remote.operation } : null;
  }

  /**
   * A call of a synchronous function that another file of the project exports, and that blocks there (or in a
   * function it calls, in that file or one it imports): `hash()` → `derive()` → `crypto.pbkdf2Sync`. The operation
   * is placed at this call, the one place in this file where the blocking happens.
   */
  private chainIntoProject(call: TSESTree.CallExpression): BlockingChain | null {
    const chain = findCallChainIntoProject(this.context.sourceCode, call.callee, this.getProjectMatcher());
    if (!chain) return null;
    const { entry, exportName, displayName, reference } = chain.match;
    const operation: BlockingCall = { kind: 'call', node: call, reference, entry, exportName, displayName };
    if (this.isAllowed(operation)) return null;
    return { names: ['', ...chain.names, displayName], operation };
  }

  private projectMatcher: ChainMatcher<CatalogMatch> | null = null;

  /** What a search across files looks for: the catalog's blocking calls (its names first, in the files' text). */
  private getProjectMatcher(): ChainMatcher<CatalogMatch> {
    this.projectMatcher ??= {
      textPattern: this.index.candidatePattern,
      match: (reference) => {
        const match = this.matchCatalog(reference);
        return match && match.entry.cost !== 'wait' ? match : null;
      },
    };
    return this.projectMatcher;
  }

  /** Functions that call each other end at the cycle; each function's answer is remembered for the file. */
  private chainOfFunction(fn: FunctionNode, walk: BoundedWalk): BlockingChain | null {
    if (this.chainCache.has(fn)) return this.chainCache.get(fn) ?? null;
    return walk.enter(fn, null, () => this.findChainIn(fn, walk));
  }

  private findChainIn(fn: FunctionNode, walk: BoundedWalk): BlockingChain | null {
    let found: BlockingChain | null = null;
    visitSynchronousCode(this.context.sourceCode, fn, (node) => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const operation = this.classifyCall(node);
        if (operation && !this.isAllowed(operation) && !isSynchronousWait(operation) && !isInSyncModeBranch(node, fn)) {
          found = { names: ['', operation.displayName], operation };
          return;
        }
        const callables = resolveLocalCallables(this.context.sourceCode, node.callee);
        for (const callable of callables) {
          if (!isFunctionNode(callable) || callable.async || callable.generator || callable === fn) continue;
          const inner = this.chainOfFunction(callable, walk);
          if (inner) {
            found = { names: ['', calleeName(node), ...inner.names.slice(1)], operation: inner.operation };
            return;
          }
        }
        const remote = callables.length === 0 ? this.chainIntoProject(node) : null;
        if (remote) found = { names: ['', calleeName(node), ...remote.names.slice(1)], operation: remote.operation };
      } else if (
        node.type === AST_NODE_TYPES.WhileStatement ||
        node.type === AST_NODE_TYPES.DoWhileStatement ||
        node.type === AST_NODE_TYPES.ForStatement
      ) {
        const busyWait = this.classifyLoop(node);
        if (busyWait) found = { names: ['', 'busy-wait loop'], operation: busyWait };
      }
    });
    this.chainCache.set(fn, found);
    return found;
  }

  isAllowed(operation: BlockingOperation): boolean {
    if (operation.kind !== 'call') return false;
    const qualified = `${operation.reference.module}.${operation.reference.path.join('.')}`;
    return this.index.allowed.has(operation.exportName) || this.index.allowed.has(qualified) || this.index.allowed.has(operation.displayName);
  }

  /**
   * Names that bindings give to catalog exports: `rfs` in `import { readFileSync as rfs } from "fs"` or
   * `const { execSync: run } = require("child_process")`. Computed once per file, from declarations only.
   */
  private getAliasNames(): ReadonlySet<string> {
    if (this.aliasNames) return this.aliasNames;
    const names = new Set<string>();
    const sourceCode = this.context.sourceCode;
    // A binding that renames a catalog export spells the export's name (`{ readFileSync as rfs }`,
    // `{ execSync: run }`, `= fs.readFileSync`): a file that never does has no alias to look for.
    if (!this.index.candidatePattern.test(sourceCode.text)) {
      this.aliasNames = names;
      return names;
    }
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const variable of scope.variables) {
        const definition = variable.defs[0];
        const identifier = variable.identifiers[0];
        if (!definition || !identifier || this.index.isCandidateName(variable.name)) continue;
        if (definition.type !== 'ImportBinding' && (definition.type !== 'Variable' || !mayAliasModuleExport(definition.node))) continue;
        const reference = resolveModuleReference(sourceCode, identifier);
        const exported = reference?.path[reference.path.length - 1];
        if (exported !== undefined && this.index.isCandidateName(exported)) names.add(variable.name);
      }
    }
    this.aliasNames = names;
    return names;
  }

  private matchReference(call: TSESTree.CallExpression, reference: ModuleReference | null): BlockingCall | null {
    const match = reference ? this.matchCatalog(reference) : null;
    return match ? { kind: 'call', node: call, ...match } : null;
  }

  /** The catalog entry a module export is, with its names for messages; null when it blocks nothing. */
  private matchCatalog(reference: ModuleReference): CatalogMatch | null {
    if (reference.path.length === 0) return null;
    const exportName = reference.path[reference.path.length - 1] as string;
    const namespace = reference.path.slice(0, -1);
    for (const entry of this.index.catalog) {
      if (entry.module !== reference.module) continue;
      const expected = entry.namespace ?? [];
      if (expected.length !== namespace.length || expected.some((part, index) => part !== namespace[index])) continue;
      const matches = entry.names?.includes(exportName) || (entry.suffix !== undefined && exportName.endsWith(entry.suffix) && exportName !== entry.suffix);
      if (!matches) continue;
      const displayName = entry.module === 'globalThis' ? reference.path.join('.') : `${entry.module}.${reference.path.join('.')}`;
      return { reference, entry, exportName, displayName };
    }
    return null;
  }

  private classifyRequire(call: TSESTree.CallExpression): SyncRequire | null {
    if (!isGlobalName(this.context.sourceCode, call.callee, 'require') || call.arguments.length !== 1) return null;
    return { kind: 'require', node: call, displayName: 'require()' };
  }

  /** `Date.now()`, `performance.now()`, `new Date()`, `new Date().getTime()`, `+new Date()`: the name, or null. */
  private findClockReading(expression: TSESTree.Node, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): string | null {
    return walk.enter(expression, null, () => this.clockReadingIn(expression, walk));
  }

  private clockReadingIn(expression: TSESTree.Node, walk: BoundedWalk): string | null {
    const node = skipExpressionWrappers(expression);
    const sourceCode = this.context.sourceCode;
    if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '-' || node.operator === '+')) {
      return this.findClockReading(node.left, walk) ?? this.findClockReading(node.right, walk);
    }
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '+') return this.findClockReading(node.argument, walk);
    if (node.type === AST_NODE_TYPES.NewExpression && node.arguments.length === 0 && isGlobalName(sourceCode, node.callee, 'Date')) {
      return 'new Date()';
    }
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 0) return null;
    const member = getCalleeMember(node);
    if (!member) return null;
    const method = getStaticPropertyName(member);
    if (method === 'now' && isGlobalName(sourceCode, member.object, 'Date')) return 'Date.now()';
    if (method === 'now') {
      const reference = resolveModuleReference(sourceCode, member.object);
      if (reference && (reference.module === 'globalThis' || reference.module === 'perf_hooks') && reference.path.join('.') === 'performance') {
        return 'performance.now()';
      }
    }
    if (method === 'getTime' && this.findClockReading(member.object, walk) === 'new Date()') return 'new Date().getTime()';
    return null;
  }
}

/**
 * A declarator that may bind a module's export under another name: destructuring, or an initializer that
 * reads a name or a member (`const run = cp.execSync`, `= require("fs").readFileSync`, `= await import(…)`).
 * Skips the many declarators initialised with literals, calls, functions, `new`… without resolving them.
 */
function mayAliasModuleExport(declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return true;
  const init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
  if (!init) return false;
  if (init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.AwaitExpression) return true;
  return init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
}

function isEmptyBody(body: TSESTree.Statement): boolean {
  if (body.type === AST_NODE_TYPES.EmptyStatement) return true;
  if (body.type === AST_NODE_TYPES.BlockStatement) return body.body.every((statement) => statement.type === AST_NODE_TYPES.EmptyStatement);
  if (body.type === AST_NODE_TYPES.ContinueStatement) return body.label === null;
  return false;
}

function calleeName(call: TSESTree.CallExpression): string {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return `${callee.name}()`;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(callee);
    const object = skipExpressionWrappers(callee.object);
    const owner = object.type === AST_NODE_TYPES.ThisExpression ? 'this' : object.type === AST_NODE_TYPES.Identifier ? object.name : null;
    if (name !== null) return owner ? `${owner}.${name}()` : `${name}()`;
  }
  return 'call';
}

/**
 * Visits the code that runs synchronously when `fn` is called: its body, IIFEs, array iteration
 * callbacks and Promise executors inside it; not other nested functions (they run later, if ever).
 */
function visitSynchronousCode(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  visit: (node: TSESTree.Node) => void,
): void {
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (isFunctionNode(node) && !runsWhereWritten(sourceCode, node)) continue;
    visit(node);
    pushChildrenLastFirst(node, stack, sourceCode);
  }
}

/** Names of the option that asks a helper for its synchronous mode (`if (sonic.sync)`, `opts.synchronous ? …`). */
const SYNC_MODE_NAMES: ReadonlySet<string> = new Set(['sync', 'synchronous', 'isSync', 'useSync']);

/**
 * A blocking call inside a helper, in the branch its `sync` option chooses (`if (sonic.sync) { fs.openSync(…) }
 * else { fs.open(…) }`, sonic-boom): the helper offers both modes and its callers chose the synchronous one, so the
 * chain stops there, as for a synchronous wait. A blocking call written in the async code itself is still reported.
 */
function isInSyncModeBranch(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current: TSESTree.Node = node; current !== fn; current = current.parent) {
    const parent = current.parent;
    if (!parent) return false;
    const isConsequent =
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.consequent === current;
    if (isConsequent && readsSyncMode(parent.test)) return true;
  }
  return false;
}

function readsSyncMode(test: TSESTree.Expression): boolean {
  const value = skipExpressionWrappers(test);
  if (value.type === AST_NODE_TYPES.Identifier) return SYNC_MODE_NAMES.has(value.name);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(value);
    return name !== null && SYNC_MODE_NAMES.has(name);
  }
  return false;
}

/**
 * `Atomics.wait` inside a helper: a function built around a synchronous wait is one by design (a sync flush
 * that waits for a worker, a sleep for a CLI), so its callers chose to block; the chains of helpers stop there.
 * A wait written in the async code itself is still reported.
 */
function isSynchronousWait(operation: BlockingOperation): boolean {
  return operation.kind === 'call' && operation.entry.cost === 'wait';
}
