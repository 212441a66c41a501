import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { findVariableOf } from '../core/scope';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { GLOBAL_MODULE, type ModuleReference, normalizeModuleSpecifier, resolveModuleReference } from '../modules/moduleBindings';
import { projectPathMatches } from './projectPath';
import { BoundedWalk } from '../core/boundedWalk';

/**
 * Test code: files that a test runner loads (by the naming conventions of the common runners, or because
 * they import a test framework or an assertion or mocking library) and the calls that register tests
 * and hooks with a runner. A blocking call or a fan-out over fixtures in a test stalls nothing that
 * matters; a test runner awaits the promises its registration calls return.
 */

/** Test frameworks whose exports register tests and hooks (`node:test` is `test` once normalised). */
const TEST_FRAMEWORKS: ReadonlySet<string> = new Set([
  'test', 'mocha', 'jest', '@jest/globals', 'vitest', 'ava', 'tap', 'tape', 'uvu', '@playwright/test', 'bun:test',
  'node-tap', 'borp', 'japa', '@japa/runner', 'jasmine', 'qunit', 'brittle', 'zora', 'lab', '@hapi/lab',
]);

/** Packages only test code imports: assertion, mocking and HTTP-testing libraries. */
const TEST_ONLY_PACKAGES: ReadonlySet<string> = new Set([
  'chai', 'chai-as-promised', 'sinon', 'expect', 'should', 'nock', 'supertest', 'proxyquire', 'testdouble', '@hapi/code',
  'why-is-node-running', 'tsd', 'expect-type', '@testing-library/react', 'msw', 'undici/lib/mock', 'mock-fs',
]);

/** Names test runners put in the global scope (mocha, jest, jasmine, vitest with `globals`). */
const RUNNER_GLOBALS: ReadonlySet<string> = new Set([
  'describe', 'it', 'test', 'context', 'specify', 'suite', 'xit', 'xdescribe', 'fit', 'fdescribe',
  'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'suiteSetup', 'suiteTeardown', 'setup', 'teardown',
]);

/** Members of a test context or runner namespace that register tests or hooks (`t.test`, `test.describe`, `tap.before`). */
const REGISTRATION_MEMBERS: ReadonlySet<string> = new Set([
  'test', 'it', 'describe', 'suite', 'todo', 'skip', 'only', 'serial', 'concurrent', 'each', 'failing',
  'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'teardown',
]);

/** Folder names under which files are test code. */
const TEST_FOLDERS: ReadonlySet<string> = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', '__mocks__', 'test-utils', 'testing']);

/** File names of test code: `x.test.ts`, `x.spec.js`, `x_test.js`, `x-test.mjs`, `x.e2e-spec.ts`. */
const TEST_FILE_NAME = /[._-](?:test|tests|spec|e2e|e2e-spec)\.[cm]?[jt]sx?$/i;
/** `test.js`, `spec.js`: a project's tests (`node test.js`, ava's default), unless it sits in a folder of shipped code. */
const BARE_TEST_FILE_NAME = /^(?:test|tests|spec|e2e|e2e-spec)\.[cm]?[jt]sx?$/i;
/**
 * Folders a package ships its modules from: a `test.js` there is a module of the library named for what it makes
 * (supertest's `lib/test.js` is its `Test` request class), not a test.
 */
const SHIPPED_CODE_FOLDERS: ReadonlySet<string> = new Set(['lib', 'dist', 'build', 'out', 'cjs', 'esm']);

const fileRoleCache = createFileCache<'testFile', boolean>();

/** True when the file being linted is test code: by its path, or because it imports a test framework or test-only library. */
export function isTestFile(context: AnyRuleContext): boolean {
  const cache = fileRoleCache(context.sourceCode);
  let known = cache.get('testFile');
  if (known === undefined) {
    known = projectPathMatches(context, isTestPath) || importsTestPackage(context.sourceCode);
    cache.set('testFile', known);
  }
  return known;
}

/** A project-relative path that test runners' conventions mark as test code. */
export function isTestPath(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const fileName = segments.pop() ?? '';
  if (segments.some((segment) => TEST_FOLDERS.has(segment)) || TEST_FILE_NAME.test(fileName)) return true;
  return BARE_TEST_FILE_NAME.test(fileName) && !SHIPPED_CODE_FOLDERS.has(segments[segments.length - 1] ?? '');
}

function importsTestPackage(sourceCode: SourceCode): boolean {
  for (const statement of sourceCode.ast.body) {
    const specifier = moduleSpecifierOf(statement);
    if (specifier !== null && isTestPackage(specifier)) return true;
  }
  return false;
}

function isTestPackage(specifier: string): boolean {
  const { module } = normalizeModuleSpecifier(specifier);
  return TEST_FRAMEWORKS.has(module) || TEST_ONLY_PACKAGES.has(module) || TEST_ONLY_PACKAGES.has(packageName(module));
}

function packageName(module: string): string {
  const parts = module.split('/');
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? module);
}

/** The module a top-level statement loads: `import … from "m"`, `const x = require("m")`, `require("m")`. */
function moduleSpecifierOf(statement: TSESTree.ProgramStatement): string | null {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return statement.source.value;
  let init: TSESTree.Node | null | undefined = null;
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) init = statement.declarations[0]?.init;
  else if (statement.type === AST_NODE_TYPES.ExpressionStatement) init = statement.expression;
  while (init && (init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.AwaitExpression)) {
    init = init.type === AST_NODE_TYPES.MemberExpression ? init.object : init.argument;
  }
  if (init?.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = init.callee;
  const first = init.arguments[0];
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require' || first?.type !== AST_NODE_TYPES.Literal) return null;
  return typeof first.value === 'string' ? first.value : null;
}

/**
 * True when `call` registers a test, a suite or a hook with a test runner: an export of a test framework
 * (`test()`, `describe()`, `t.test()` on `import t from "node:test"`, `test.describe()`, `tap.test()`),
 * a runner global in a test file (`describe`, `it` of mocha or jest), or a registration method of the
 * test context a test callback receives (`t.test()`, `t.before()`).
 */
export function isTestRegistrationCall(context: AnyRuleContext, call: TSESTree.CallExpression, walk = new BoundedWalk(NESTED_TEST_LIMITS)): boolean {
  return walk.enter(call, false, () => {
    const callee = skipExpressionWrappers(call.callee);
    const sourceCode = context.sourceCode;
    const reference = resolveModuleReference(sourceCode, callee);
    if (reference && isFrameworkRegistration(reference)) return true;
    if (reference?.module === GLOBAL_MODULE && isTestFile(context)) {
      const [first] = reference.path;
      if (first !== undefined && RUNNER_GLOBALS.has(first) && reference.path.slice(1).every((member) => REGISTRATION_MEMBERS.has(member))) return true;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
    if (!REGISTRATION_MEMBERS.has(callee.property.name)) return false;
    const receiver = skipExpressionWrappers(callee.object);
    return receiver.type === AST_NODE_TYPES.Identifier && isTestContextParameter(context, receiver, walk);
  });
}

/** `test`, `describe`, `it.each`, `test.describe` … of a test framework (the namespace itself when its default export is the runner). */
function isFrameworkRegistration(reference: ModuleReference): boolean {
  if (!TEST_FRAMEWORKS.has(reference.module)) return false;
  return reference.path.every((member, index) => (index === 0 ? RUNNER_GLOBALS.has(member) || REGISTRATION_MEMBERS.has(member) : REGISTRATION_MEMBERS.has(member)));
}

/** `t` in `test("x", async (t) => { … })`: the first parameter of a callback given to a registration call. */
/** How many test registrations deep a test context is followed (`t.test` inside `t.test` …). */
const NESTED_TEST_LIMITS = { maxDepth: 64 };

function isTestContextParameter(context: AnyRuleContext, identifier: TSESTree.Identifier, walk: BoundedWalk): boolean {
  const definition = findVariableOf(context.sourceCode, identifier)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const fn = definition.node as FunctionNode;
  if (fn.params[0] !== definition.name) return false;
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(position as TSESTree.CallExpressionArgument) && isTestRegistrationCall(context, parent, walk);
}

/** True when `node` is in test code: a test file, or a callback given to a test registration call. */
export function isInTestCode(context: AnyRuleContext, node: TSESTree.Node): boolean {
  return isTestFile(context) || getRegisteredCallback(context, node) !== null;
}

/** The innermost function around `node` that is given to a test registration call (the test or hook body), or null. */
export function getRegisteredCallback(context: AnyRuleContext, node: TSESTree.Node): FunctionNode | null {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (isRegisteredCallback(context, fn)) return fn;
  }
  return null;
}

const registeredCallbackCache = createFileCache<FunctionNode, boolean>();

/** `fn` is given to a test registration call: asked once per function, not once per node inside it. */
function isRegisteredCallback(context: AnyRuleContext, fn: FunctionNode): boolean {
  const cache = registeredCallbackCache(context.sourceCode);
  let known = cache.get(fn);
  if (known === undefined) {
    const position = getOutermostWrapper(fn);
    const parent = position.parent;
    known = parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(position as TSESTree.CallExpressionArgument) && isTestRegistrationCall(context, parent);
    cache.set(fn, known);
  }
  return known;
}

/** `assert.rejects` / `assert.doesNotReject` of `node:assert` (or `node:assert/strict`, or `assert.strict`): assertions that return a promise. */
export function isPromiseAssertion(reference: ModuleReference | null): boolean {
  if (!reference || (reference.module !== 'assert' && reference.module !== 'assert/strict')) return false;
  const path = reference.path[0] === 'strict' ? reference.path.slice(1) : reference.path;
  return path.length === 1 && (path[0] === 'rejects' || path[0] === 'doesNotReject');
}

/** Members of a jest/vitest `expect(…)` chain, or chai-as-promised words, that make the assertion a promise. */
const PROMISED_MATCHER_WORDS: ReadonlySet<string> = new Set(['resolves', 'rejects', 'eventually', 'rejected', 'rejectedWith', 'fulfilled', 'become']);

/**
 * An assertion whose result is a promise: `assert.rejects(…)` (also the test context's `t.assert.rejects`),
 * `expect(p).rejects.toThrow()` (jest, vitest), `expect(p).to.eventually.equal(x)` (chai-as-promised).
 * A test that does not wait for it ends before the assertion is checked.
 */
export function isPromiseAssertionCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (isPromiseAssertion(resolveModuleReference(sourceCode, callee))) return true;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  // t.assert.rejects(…) on a test context
  const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
  const receiver = skipExpressionWrappers(callee.object);
  if ((method === 'rejects' || method === 'doesNotReject') && receiver.type === AST_NODE_TYPES.MemberExpression &&
    receiver.property.type === AST_NODE_TYPES.Identifier && receiver.property.name === 'assert') {
    return true;
  }
  let promised = false;
  for (let node: TSESTree.Node = callee; ; ) {
    node = skipExpressionWrappers(node);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (node.property.type === AST_NODE_TYPES.Identifier && PROMISED_MATCHER_WORDS.has(node.property.name)) promised = true;
      node = node.object;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const inner = skipExpressionWrappers(node.callee);
      if (inner.type === AST_NODE_TYPES.Identifier) return promised && inner.name === 'expect' && isExpectFunction(sourceCode, inner);
      node = inner;
    } else {
      return false;
    }
  }
}

function isExpectFunction(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const reference = resolveModuleReference(sourceCode, identifier);
  if (!reference) return false;
  return reference.module === GLOBAL_MODULE || TEST_FRAMEWORKS.has(reference.module) || reference.module === 'chai';
}
