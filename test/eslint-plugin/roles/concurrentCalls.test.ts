import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { type FunctionNode, getStaticPropertyName } from '../../../eslint-plugin/src/core/ast';
import { sharesStateAcrossConcurrentRuns } from '../../../eslint-plugin/src/roles/concurrentCalls';

/** For each function of `code` that has a name (declaration, variable, method, property), whether it can overlap with itself. */
function concurrency(code: string): Record<string, boolean> {
  const found: Record<string, boolean> = {};
  const rule: TSESLint.RuleModule<string, []> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      const visit = (fn: FunctionNode): void => {
        const parent = fn.parent;
        const name =
          fn.type === 'FunctionDeclaration' && fn.id
            ? fn.id.name
            : parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier'
              ? parent.id.name
              : parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition'
                ? getStaticPropertyName(parent)
                : parent.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression'
                  ? getStaticPropertyName(parent.left)
                : parent.type === 'CallExpression'
                  ? `callback of ${context.sourceCode.getText(parent.callee)}`
                  : null;
        if (name !== null) found[name] = sharesStateAcrossConcurrentRuns(context.sourceCode, fn, null);
      };
      return { FunctionDeclaration: visit, FunctionExpression: visit, ArrowFunctionExpression: visit };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    { files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser }, plugins: { test: { rules: { concurrency: rule as never } } }, rules: { 'test/concurrency': 'error' } },
  ], 'file.ts');
  assert.deepEqual(messages, []);
  return found;
}

describe('roles/concurrentCalls', () => {
  it('exported functions and public methods of exported classes can overlap; private ones and unexported ones need a concurrent caller', () => {
    assert.deepEqual(
      concurrency(`export async function handle() { await helper(); }
async function helper() {}
async function unused() {}
async function main() {}
main();
export class Service {
  async load() { await this.#fetch(); await this._parse(); }
  async #fetch() {}
  async _parse() {}
  private async hidden() {}
}
class Internal { async run() {} }`),
      { handle: true, helper: true, unused: false, main: false, load: true, '#fetch': true, _parse: true, hidden: false, run: false },
    );
  });

  it('CommonJS exports, exported instances and prototype methods', () => {
    assert.deepEqual(
      concurrency(`class Store { async get() {} }
function Client() {}
Client.prototype.query = async function () {};
const api = { async list() {} };
module.exports = { store: new Store(), Client, api };`),
      { get: true, Client: true, query: true, list: true },
    );
  });

  it('handlers, listeners and intervals run again while earlier runs wait; once listeners, timeouts and promise callbacks run once per caller', () => {
    assert.deepEqual(
      concurrency(`import { EventEmitter } from 'node:events';
declare const app: { get(path: string, handler: () => Promise<void>): void };
const events = new EventEmitter();
app.get('/x', async () => {});
events.on('job', async () => {});
events.once('ready', async () => {});
setInterval(async () => {}, 1000);
setTimeout(async () => {}, 1000);`),
      {
        'callback of app.get': true,
        'callback of events.on': true,
        'callback of events.once': false,
        'callback of setInterval': true,
        'callback of setTimeout': false,
      },
    );
  });

  it('async iteration callbacks overlap; a function started in a loop or a map without waiting overlaps; a callback handed to a lock does not', () => {
    assert.deepEqual(
      concurrency(`declare const mutex: { runExclusive(task: () => Promise<void>): Promise<void> };
async function one(item: string) {}
async function each(item: string) {}
async function locked() {}
async function queued(item: string) {}
async function awaitedLater(item: string) {}
async function run(items: string[]) {
  await Promise.all(items.map(async (item) => { await one(item); }));
  const started = items.map((item) => each(item));
  await mutex.runExclusive(async () => { await locked(); });
  for (const item of items) await one(item);
  const tasks: Promise<void>[] = [];
  for (const item of items) tasks.push(queued(item));
  for (const item of items) {
    const pending = awaitedLater(item);
    await pending;
  }
}
run([]);`),
      {
        one: true,
        each: true,
        locked: false,
        queued: true,
        awaitedLater: false,
        run: false,
        'callback of items.map': false,
        'callback of mutex.runExclusive': false,
      },
    );
  });
});
