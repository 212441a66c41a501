import * as assert from 'node:assert/strict';
import Module from 'node:module';

/**
 * `npm run test:plugin:eslint9` loads this before everything else: every `eslint` import of the process
 * (the rule tester's, typescript-eslint's, the tests' own) then loads ESLint 9, installed beside ESLint 10
 * under the npm alias `eslint9`, so the same rule tests run on both majors.
 */
interface ModuleResolver {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

const resolver = Module as unknown as ModuleResolver;
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function resolveEslint9(this: unknown, request: string, parent: unknown, ...rest: unknown[]): string {
  const redirected = request === 'eslint' || request.startsWith('eslint/') ? `eslint9${request.slice('eslint'.length)}` : request;
  return resolve.call(this, redirected, parent, ...rest);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Linter } = require('eslint') as typeof import('eslint');
assert.match(Linter.version, /^9\./, `expected ESLint 9 under test:plugin:eslint9, got ${Linter.version}`);
