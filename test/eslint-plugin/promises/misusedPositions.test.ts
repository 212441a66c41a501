import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import rule, { type MessageIds, type Options } from '../../../eslint-plugin/src/rules/no-misused-async-callback';
import { ProjectTypeChecker } from '../../robustness/lib/typeCheck';
import { type BothModesTests, FIXTURES_DIR, runInBothModes } from '../RuleTester';

/**
 * `no-misused-async-callback` beyond call arguments: every place where a declared type wants a function
 * returning `void` (variables, properties, returns, inherited methods, JSX attributes, elements, rest
 * parameters) and `{ ...promise }`, `using` of an async `[Symbol.dispose]`. The same cases run without and
 * with type information: without it the rule reads the types written in the file or in a relatively
 * imported one (`fixtures/no-misused-async-callback-types.ts`), and reports nothing where none is written.
 */
/** The property and element positions are off by default (see the rule's docs): these cases turn them on. */
const PROPERTIES_ON: Options = [{ checkProperties: true }];

const TESTS: BothModesTests<MessageIds, Options> = {
  both: {
    valid: [
      { code: `declare function save(): Promise<void>;
export const onTick: () => Promise<void> = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick: () => void | Promise<void> = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick: () => unknown = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick: any = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
let onTick = () => {};
onTick = async () => {
  await save();
};
export { onTick };`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick: () => void = async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick: () => void = () => {
  void save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Hooks {
  onStart(): Promise<void>;
  onStop: () => void | Promise<void>;
}
export const hooks: Hooks = {
  async onStart() {
    await save();
  },
  onStop: async () => {
    await save();
  },
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Handler {
  handle(): void;
  handle(id: number): Promise<void>;
}
export const handler: Handler = {
  async handle() {
    await save();
  },
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const hooks = {
  async onStart() {
    await save();
  },
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
import type { Hooks } from 'some-package';
export const hooks: Hooks = {
  async onStart() {
    await save();
  },
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
declare const sink: { handler: any };
sink.handler = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export function makeHandler(): () => Promise<void> {
  return async () => {
    await save();
  };
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export function makeHandler() {
  return async () => {
    await save();
  };
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Service {
  start(): void | Promise<void>;
}
export class Worker implements Service {
  async start() {
    await save();
  }
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
import { Base } from 'some-package';
export class Worker extends Base {
  async start() {
    await save();
  }
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function run<T>(task: () => T) {
  return task();
}
run(async () => {
  await save();
});`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function on(event: 'a', listener: () => void): void;
function on(event: 'b', listener: () => Promise<void>): void;
function on(event: string, listener: () => unknown) {
  void event;
  void listener;
}
on('a', async () => {
  await save();
});`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<() => void>) {
  return listeners;
}
const listeners = [() => {}];
subscribe(...listeners);`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function Button(props: { onClick: () => void; label: string }) {
  return props.label;
}
export const view = <Button label="Save" onClick={async () => {
  await save();
}} />;`, filename: path.join(FIXTURES_DIR, 'component.tsx'), options: PROPERTIES_ON },
      { code: `async function loadUser() {
  return { name: "a" };
}
export async function main() {
  return { ...(await loadUser()), admin: true };
}`, options: PROPERTIES_ON },
      { code: `declare const cached: Promise<{ name: string }> | undefined;
export const user = { ...cached };`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export async function main() {
  await using lock = {
    async [Symbol.asyncDispose]() {
      await save();
    },
  };
  using sync = { [Symbol.dispose]() {} };
  return [lock, sync];
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Hooks { onStart(): void }
export const onTick: () => void = async () => { await save(); };
export const hooks: Hooks = { async onStart() { await save(); } };
export function make(): () => void { return async () => { await save(); }; }
export class Worker implements Hooks { async onStart() { await save(); } }
export async function main() { return { ...save() }; }`, options: [{checkVariables:  false,  checkProperties:  false,  checkReturns:  false,  checkInheritedMethods:  false,  checkSpreads:  false,  checkDispose:  false}] },
      // Overloads, unions with undefined, generics and `void | Promise<void>` in each position
      { code: `declare function save(): Promise<void>;
export const onTick: { (): void; (id: number): Promise<void> } = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const onTick: (() => Promise<void>) | undefined = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
type Handler<R> = () => R;
export const onTick: Handler<Promise<void>> = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Hooks<R> {
  onStart(): R;
}
export const hooks: Hooks<Promise<void>> = {
  async onStart() {
    await save();
  },
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Hooks {
  onStop?: () => Promise<void>;
}
export const hooks: Hooks = {
  onStop: async () => {
    await save();
  },
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export function makeHandler(): () => void | Promise<void> {
  return async () => {
    await save();
  };
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export function makeHandler(): (() => Promise<void>) | undefined {
  return async () => {
    await save();
  };
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Service<R> {
  run(): R;
}
export class Worker implements Service<Promise<void>> {
  async run() {
    await save();
  }
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
interface Service {
  stop?: () => Promise<void>;
}
export class Worker implements Service {
  async stop() {
    await save();
  }
}`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function Button(props: { onClick: () => void | Promise<void>; label: string }) {
  return props.label;
}
export const view = <Button label="Save" onClick={async () => {
  await save();
}} />;`, filename: path.join(FIXTURES_DIR, 'component.tsx'), options: [{ checkAttributes: true }] },
      { code: `declare function save(): Promise<void>;
export const handlers: Array<() => Promise<void>> = [async () => {
  await save();
}];`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
export const handlers: (() => void | Promise<void>)[] = [async () => {
  await save();
}];`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<() => void | Promise<void>>) {
  return listeners;
}
const handlers = [async () => {
  await save();
}];
subscribe(...handlers);`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<() => void>): void;
function subscribe(...listeners: Array<() => Promise<void>>): void;
function subscribe(...listeners: Array<() => unknown>) {
  void listeners;
}
subscribe(async () => {
  await save();
});`, options: PROPERTIES_ON },
    ],
    invalid: [
      {
        code: `declare function save(): Promise<void>;
export const onTick: () => void = async () => {
  await save();
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 2, column: 35, endLine: 2, endColumn: 46, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const onTick: () => void = async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
type Handler = () => void;
let handler: Handler;
handler = async () => {
  await save();
};
export { handler };`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 4, column: 11, endLine: 4, endColumn: 22, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
type Handler = () => void;
let handler: Handler;
handler = async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};
export { handler };` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
async function flush() {
  await save();
}
export const onTick: () => void = flush;`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 5, column: 35, endLine: 5, endColumn: 40, suggestions: [{ messageId: 'suggestVoidCatch', output: `declare function save(): Promise<void>;
async function flush() {
  await save();
}
export const onTick: () => void = () => { void flush().catch((error) => console.error(error)); };` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const onTick: (() => void) | undefined = async () => save();`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 2, column: 49, endLine: 2, endColumn: 60, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const onTick: (() => void) | undefined = async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
type Callback<T> = (value: T) => void;
export const onValue: Callback<string> = async (value) => {
  await save();
  console.log(value);
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 3, column: 42, endLine: 3, endColumn: 58, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
type Callback<T> = (value: T) => void;
export const onValue: Callback<string> = async (value) => {
  try {
    await save();
    console.log(value);
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const onTick: () => void = () => save();`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 2, column: 35, endLine: 2, endColumn: 40, suggestions: [{ messageId: 'suggestVoidCatch', output: `declare function save(): Promise<void>;
export const onTick: () => void = () => { void save().catch((error) => console.error(error)); };` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Hooks {
  onStart(): void;
  onStop: () => void;
}
export const hooks: Hooks = {
  async onStart() {
    await save();
  },
  onStop: async () => {
    await save();
  },
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 7, column: 3, endLine: 7, endColumn: 18, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Hooks {
  onStart(): void;
  onStop: () => void;
}
export const hooks: Hooks = {
  async onStart() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
  onStop: async () => {
    await save();
  },
};` }] },
          { messageId: 'voidProperty', line: 10, column: 3, endLine: 10, endColumn: 22, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Hooks {
  onStart(): void;
  onStop: () => void;
}
export const hooks: Hooks = {
  async onStart() {
    await save();
  },
  onStop: async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Hooks {
  onStop: () => void;
}
const onStop = async () => {
  await save();
};
export const hooks: Hooks = { onStop };`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 8, column: 31, endLine: 8, endColumn: 37, suggestions: [{ messageId: 'suggestVoidCatch', output: `declare function save(): Promise<void>;
interface Hooks {
  onStop: () => void;
}
const onStop = async () => {
  await save();
};
export const hooks: Hooks = { onStop: () => { void onStop().catch((error) => console.error(error)); } };` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
async function onStop() {
  await save();
}
export const hooks: { onStop(): void } = { onStop };`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 5, column: 44, endLine: 5, endColumn: 50, suggestions: [{ messageId: 'suggestVoidCatch', output: `declare function save(): Promise<void>;
async function onStop() {
  await save();
}
export const hooks: { onStop(): void } = { onStop: () => { void onStop().catch((error) => console.error(error)); } };` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const routes: Record<string, () => void> = {
  home: async () => {
    await save();
  },
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 3, column: 3, endLine: 3, endColumn: 20, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const routes: Record<string, () => void> = {
  home: async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Hooks {
  onStop?: () => void;
}
export function install(hooks: Hooks) {
  hooks.onStop = async () => {
    await save();
  };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 6, column: 18, endLine: 6, endColumn: 29, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Hooks {
  onStop?: () => void;
}
export function install(hooks: Hooks) {
  hooks.onStop = async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export class Connection {
  onClose: () => void = () => {};
  open() {
    this.onClose = async () => {
      await save();
    };
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 5, column: 20, endLine: 5, endColumn: 31, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export class Connection {
  onClose: () => void = () => {};
  open() {
    this.onClose = async () => {
      try {
        await save();
      } catch (error) {
        console.error(error);
      }
    };
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Options {
  hooks: { onStart(): void };
}
export const options: Options = {
  hooks: {
    async onStart() {
      await save();
    },
  },
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 7, column: 5, endLine: 7, endColumn: 20, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Options {
  hooks: { onStart(): void };
}
export const options: Options = {
  hooks: {
    async onStart() {
      try {
        await save();
      } catch (error) {
        console.error(error);
      }
    },
  },
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function register(options: { onClose(): void }) {
  return options;
}
register({
  async onClose() {
    await save();
  },
});`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 6, column: 3, endLine: 6, endColumn: 18, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function register(options: { onClose(): void }) {
  return options;
}
register({
  async onClose() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
});` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Hooks {
  onStart(): void;
}
export const hooks = {
  async onStart() {
    await save();
  },
} satisfies Hooks;`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 6, column: 3, endLine: 6, endColumn: 18, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Hooks {
  onStart(): void;
}
export const hooks = {
  async onStart() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
} satisfies Hooks;` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const handlers: [() => void, number] = [async () => {
  await save();
}, 1];`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidElement', line: 2, column: 48, endLine: 2, endColumn: 59, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const handlers: [() => void, number] = [async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
}, 1];` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export function makeHandler(): () => void {
  return async () => {
    await save();
  };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidReturn', line: 3, column: 10, endLine: 3, endColumn: 21, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export function makeHandler(): () => void {
  return async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const makeHandler = (): (() => void) => async () => {
  await save();
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidReturn', line: 2, column: 48, endLine: 2, endColumn: 59, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const makeHandler = (): (() => void) => async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export async function loadHandler(): Promise<() => void> {
  return async () => {
    await save();
  };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidReturn', line: 3, column: 10, endLine: 3, endColumn: 21, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export async function loadHandler(): Promise<() => void> {
  return async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Service {
  start(): void;
  stop(): Promise<void>;
}
export class Worker implements Service {
  async start() {
    await save();
  }
  async stop() {
    await save();
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 7, column: 3, endLine: 7, endColumn: 16, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Service {
  start(): void;
  stop(): Promise<void>;
}
export class Worker implements Service {
  async start() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
  async stop() {
    await save();
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Service {
  start(): void;
}
export const Worker = class implements Service {
  start = async () => {
    await save();
  };
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 6, column: 3, endLine: 6, endColumn: 22, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Service {
  start(): void;
}
export const Worker = class implements Service {
  start = async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
class Base {
  start(): void {}
  stop() {}
}
export class Worker extends Base {
  override async start() {
    await save();
  }
  override async stop() {
    await save();
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 7, column: 3, endLine: 7, endColumn: 25, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
class Base {
  start(): void {}
  stop() {}
}
export class Worker extends Base {
  override async start() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
  override async stop() {
    await save();
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Closer {
  close(): void;
}
export interface AsyncCloser extends Closer {
  close(): Promise<void>;
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 6, column: 3, endLine: 6, endColumn: 8, suggestions: [] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
class Base {
  close(): void {}
}
export interface Closing extends Base {
  close(): Promise<void>;
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 6, column: 3, endLine: 6, endColumn: 8, suggestions: [] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export class Resource implements Disposable {
  async [Symbol.dispose]() {
    await save();
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 3, column: 3, endLine: 3, endColumn: 27, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export class Resource implements Disposable {
  async [Symbol.dispose]() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Looping extends Looping {
  run(): void;
}
export class Loop implements Looping {
  async run() {
    await save();
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 6, column: 3, endLine: 6, endColumn: 14, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Looping extends Looping {
  run(): void;
}
export class Loop implements Looping {
  async run() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function on<T extends () => void>(listener: T) {
  return listener;
}
on(async () => {
  await save();
});`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 5, column: 4, endLine: 5, endColumn: 15, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function on<T extends () => void>(listener: T) {
  return listener;
}
on(async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
});` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<() => void>) {
  return listeners;
}
subscribe(async () => {
  await save();
});`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 5, column: 11, endLine: 5, endColumn: 22, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<() => void>) {
  return listeners;
}
subscribe(async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
});` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<() => void>) {
  return listeners;
}
const listeners = [async () => {
  await save();
}];
subscribe(...listeners);`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 8, column: 11, endLine: 8, endColumn: 23, suggestions: [] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function pair(first: () => void, second: () => void) {
  return [first, second];
}
const both: [() => Promise<void>, () => Promise<void>] = [save, save];
pair(...both);`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 6, column: 6, endLine: 6, endColumn: 13, suggestions: [] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function Button(props: { onClick: () => void; label: string }) {
  return props.label;
}
export const view = <Button label="Save" onClick={async () => {
  await save();
}} />;`,
        filename: path.join(FIXTURES_DIR, 'component.tsx'),
        options: [{checkAttributes:  true}],
        output: null,
        errors: [
          { messageId: 'voidAttribute', line: 5, column: 51, endLine: 5, endColumn: 62, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function Button(props: { onClick: () => void; label: string }) {
  return props.label;
}
export const view = <Button label="Save" onClick={async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
}} />;` }] },
        ],
      },
      {
        code: `async function loadUser() {
  return { name: "a" };
}
export async function main() {
  return { ...loadUser(), admin: true };
}`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'promiseSpread', line: 5, column: 12, endLine: 5, endColumn: 25, suggestions: [{ messageId: 'suggestAwaitSpread', output: `async function loadUser() {
  return { name: "a" };
}
export async function main() {
  return { ...(await loadUser()), admin: true };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export async function main() {
  using lock = {
    async [Symbol.dispose]() {
      await save();
    },
  };
  lock.toString();
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'asyncDispose', line: 4, column: 5, endLine: 4, endColumn: 29, suggestions: [{ messageId: 'suggestAsyncDispose', output: `declare function save(): Promise<void>;
export async function main() {
  await using lock = {
    async [Symbol.asyncDispose]() {
      await save();
    },
  };
  lock.toString();
}` }, { messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export async function main() {
  using lock = {
    async [Symbol.dispose]() {
      try {
        await save();
      } catch (error) {
        console.error(error);
      }
    },
  };
  lock.toString();
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
class Lock {
  async [Symbol.dispose]() {
    await save();
  }
}
export function main() {
  using lock = new Lock();
  return lock;
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'asyncDispose', line: 8, column: 16, endLine: 8, endColumn: 26, suggestions: [] },
        ],
      },
      {
        code: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export class Worker implements Lifecycle {
  async start() {
    await save();
  }
  async stop() {
    await save();
  }
  tick = async () => {
    await save();
  };
}`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 4, column: 3, endLine: 4, endColumn: 16, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export class Worker implements Lifecycle {
  async start() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
  async stop() {
    await save();
  }
  tick = async () => {
    await save();
  };
}` }] },
          { messageId: 'voidInherited', line: 10, column: 3, endLine: 10, endColumn: 21, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export class Worker implements Lifecycle {
  async start() {
    await save();
  }
  async stop() {
    await save();
  }
  tick = async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export class View extends Component {
  async mount() {
    await save();
  }
  async update() {
    await save();
  }
  async unmount() {
    await save();
  }
}`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 4, column: 3, endLine: 4, endColumn: 16, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export class View extends Component {
  async mount() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
  async update() {
    await save();
  }
  async unmount() {
    await save();
  }
}` }] },
        ],
      },
      {
        code: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const onEvent: Listener = async (event) => {
  await save();
  console.log(event);
};`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 3, column: 34, endLine: 3, endColumn: 50, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const onEvent: Listener = async (event) => {
  try {
    await save();
    console.log(event);
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
register({
  async onClose() {
    await save();
  },
  onError: async (error) => {
    await save();
    console.log(error);
  },
});
subscribe(async () => {
  await save();
});`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 4, column: 3, endLine: 4, endColumn: 18, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
register({
  async onClose() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
  onError: async (error) => {
    await save();
    console.log(error);
  },
});
subscribe(async () => {
  await save();
});` }] },
          { messageId: 'voidProperty', line: 7, column: 3, endLine: 7, endColumn: 28, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
register({
  async onClose() {
    await save();
  },
  onError: async (error) => {
    try {
      await save();
      console.log(error);
    } catch (error) {
      console.error(error);
    }
  },
});
subscribe(async () => {
  await save();
});` }] },
          { messageId: 'voidParameter', line: 12, column: 11, endLine: 12, endColumn: 22, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
register({
  async onClose() {
    await save();
  },
  onError: async (error) => {
    await save();
    console.log(error);
  },
});
subscribe(async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
});` }] },
        ],
      },
      {
        code: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const loop: Loop = {
  async again() {
    await save();
  },
};
export const ping: Ping = async () => {
  await save();
};`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 4, column: 3, endLine: 4, endColumn: 16, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const loop: Loop = {
  async again() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
};
export const ping: Ping = async () => {
  await save();
};` }] },
        ],
      },
      {
        code: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const cycle: Partial<Cycle> = {
  next: {
    async start() {
      await save();
    },
  } as Cycle,
};
export const service: Service = {
  async start() {
    await save();
  },
  async stop() {},
  tick() {},
};`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 5, column: 5, endLine: 5, endColumn: 18, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const cycle: Partial<Cycle> = {
  next: {
    async start() {
      try {
        await save();
      } catch (error) {
        console.error(error);
      }
    },
  } as Cycle,
};
export const service: Service = {
  async start() {
    await save();
  },
  async stop() {},
  tick() {},
};` }] },
          { messageId: 'voidProperty', line: 11, column: 3, endLine: 11, endColumn: 16, suggestions: [{ messageId: 'suggestTryCatch', output: `import { Component, register, subscribe, type Cycle, type Lifecycle, type Listener, type Loop, type Ping, type Service } from './no-misused-async-callback-types';
declare function save(): Promise<void>;
export const cycle: Partial<Cycle> = {
  next: {
    async start() {
      await save();
    },
  } as Cycle,
};
export const service: Service = {
  async start() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
  async stop() {},
  tick() {},
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const onTick: { (): void; (id: number): void } = async () => {
  await save();
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 2, column: 57, endLine: 2, endColumn: 68, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const onTick: { (): void; (id: number): void } = async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Hooks<T> {
  onValue(value: T): void;
}
export const hooks: Hooks<string> = {
  async onValue(value) {
    await save();
    console.log(value);
  },
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 6, column: 3, endLine: 6, endColumn: 23, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Hooks<T> {
  onValue(value: T): void;
}
export const hooks: Hooks<string> = {
  async onValue(value) {
    try {
      await save();
      console.log(value);
    } catch (error) {
      console.error(error);
    }
  },
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Handler {
  handle(): void;
  handle(id: number): void;
}
export const handler: Handler = {
  async handle() {
    await save();
  },
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidProperty', line: 7, column: 3, endLine: 7, endColumn: 17, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Handler {
  handle(): void;
  handle(id: number): void;
}
export const handler: Handler = {
  async handle() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  },
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export function makeHandler(): (() => void) | undefined {
  return async () => {
    await save();
  };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidReturn', line: 3, column: 10, endLine: 3, endColumn: 21, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export function makeHandler(): (() => void) | undefined {
  return async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export function makeHandler<T>(prefix: T): (value: T) => void {
  return async (value) => {
    await save();
    console.log(prefix, value);
  };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidReturn', line: 3, column: 10, endLine: 3, endColumn: 26, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export function makeHandler<T>(prefix: T): (value: T) => void {
  return async (value) => {
    try {
      await save();
      console.log(prefix, value);
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export function makeHandler(kind: 'a'): () => void;
export function makeHandler(kind: 'b'): () => void;
export function makeHandler(kind: string): () => void {
  void kind;
  return async () => {
    await save();
  };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidReturn', line: 6, column: 10, endLine: 6, endColumn: 21, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export function makeHandler(kind: 'a'): () => void;
export function makeHandler(kind: 'b'): () => void;
export function makeHandler(kind: string): () => void {
  void kind;
  return async () => {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Service<T> {
  handle(value: T): void;
}
export class Worker implements Service<string> {
  async handle(value: string) {
    await save();
    console.log(value);
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 6, column: 3, endLine: 6, endColumn: 30, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Service<T> {
  handle(value: T): void;
}
export class Worker implements Service<string> {
  async handle(value: string) {
    try {
      await save();
      console.log(value);
    } catch (error) {
      console.error(error);
    }
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
interface Service {
  stop?(): void;
}
export class Worker implements Service {
  async stop() {
    await save();
  }
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidInherited', line: 6, column: 3, endLine: 6, endColumn: 15, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
interface Service {
  stop?(): void;
}
export class Worker implements Service {
  async stop() {
    try {
      await save();
    } catch (error) {
      console.error(error);
    }
  }
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function Button(props: { onClick?: () => void; label: string }) {
  return props.label;
}
export const view = <Button label="Save" onClick={async () => {
  await save();
}} />;`, filename: path.join(FIXTURES_DIR, 'component.tsx'), options: [{ checkAttributes: true }],
        output: null,
        errors: [
          { messageId: 'voidAttribute', line: 5, column: 51, endLine: 5, endColumn: 62, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function Button(props: { onClick?: () => void; label: string }) {
  return props.label;
}
export const view = <Button label="Save" onClick={async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
}} />;` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function Button<T>(props: { value: T; onSelect: (value: T) => void }) {
  return props.value;
}
export const view = <Button value="a" onSelect={async (value) => {
  await save();
  console.log(value);
}} />;`, filename: path.join(FIXTURES_DIR, 'component.tsx'), options: [{ checkAttributes: true }],
        output: null,
        errors: [
          { messageId: 'voidAttribute', line: 5, column: 49, endLine: 5, endColumn: 65, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function Button<T>(props: { value: T; onSelect: (value: T) => void }) {
  return props.value;
}
export const view = <Button value="a" onSelect={async (value) => {
  try {
    await save();
    console.log(value);
  } catch (error) {
    console.error(error);
  }
}} />;` }] },
        ],
      },
      {
        code: `export async function merge<T extends object>(load: () => Promise<T>) {
  return { ...load(), merged: true };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'promiseSpread', line: 2, column: 12, endLine: 2, endColumn: 21, suggestions: [] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
export const handlers: Array<(() => void) | undefined> = [async () => {
  await save();
}];`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidElement', line: 2, column: 59, endLine: 2, endColumn: 70, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
export const handlers: Array<(() => void) | undefined> = [async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
}];` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function pair(...handlers: [() => void, () => Promise<void>]) {
  return handlers;
}
pair(async () => {
  await save();
}, async () => {
  await save();
});`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 5, column: 6, endLine: 5, endColumn: 17, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function pair(...handlers: [() => void, () => Promise<void>]) {
  return handlers;
}
pair(async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
}, async () => {
  await save();
});` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<(() => void) | undefined>) {
  return listeners;
}
subscribe(undefined, async () => {
  await save();
});`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 5, column: 22, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
function subscribe(...listeners: Array<(() => void) | undefined>) {
  return listeners;
}
subscribe(undefined, async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
});` }] },
        ],
      },
    ],
  },
  syntacticOnly: {
    valid: [
      // Type arguments of a generic alias are not substituted without the checker (`Handler<void>`, `List<() => void>`)
      { code: `declare function save(): Promise<void>;
type Handler<R> = () => R;
export const onTick: Handler<void> = async () => {
  await save();
};`, options: PROPERTIES_ON },
      { code: `declare function save(): Promise<void>;
type List<T> = T[];
export const handlers: List<() => void> = [async () => {
  await save();
}];`, options: PROPERTIES_ON },
    ],
    invalid: [
      {
        code: `async function loadUser() {
  return { name: "a" };
}
export async function main() {
  return { ...loadUser(), admin: true };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'promiseSpread', line: 5, column: 12, endLine: 5, endColumn: 25, suggestions: [] },
        ],
      },
    ],
  },
  typedOnly: {
    valid: [],
    invalid: [
      {
        code: `async function loadUser() {
  return { name: "a" };
}
export async function main() {
  return { ...loadUser(), admin: true };
}`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'promiseSpread', line: 5, column: 12, endLine: 5, endColumn: 25, suggestions: [{ messageId: 'suggestAwaitSpread', output: `async function loadUser() {
  return { name: "a" };
}
export async function main() {
  return { ...(await loadUser()), admin: true };
}` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
type Handler<R> = () => R;
export const onTick: Handler<void> = async () => {
  await save();
};`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidVariable', line: 3, column: 38, endLine: 3, endColumn: 49, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
type Handler<R> = () => R;
export const onTick: Handler<void> = async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
};` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
type List<T> = T[];
export const handlers: List<() => void> = [async () => {
  await save();
}];`,
        options: PROPERTIES_ON,
        output: null,
        errors: [
          { messageId: 'voidElement', line: 3, column: 44, endLine: 3, endColumn: 55, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
type List<T> = T[];
export const handlers: List<() => void> = [async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
}];` }] },
        ],
      },
    ],
  },
};

runInBothModes('no-misused-async-callback', rule, TESTS);

describe('no-misused-async-callback: every suggestion type-checks', () => {
  it('adds no TypeScript diagnostic to the file it rewrites', function () {
    // one type check per suggestion (about 60): minutes on a loaded 2-core machine
    this.timeout(400_000);
    const checker = new ProjectTypeChecker(path.join(FIXTURES_DIR, 'tsconfig.json'));
    const cases = [...TESTS.both.invalid, ...(TESTS.typedOnly?.invalid ?? [])];
    let checked = 0;
    for (const testCase of cases) {
      const fileName = testCase.filename ?? path.join(FIXTURES_DIR, 'file.ts');
      for (const error of testCase.errors) {
        for (const suggestion of error.suggestions ?? []) {
          assert.deepEqual(checker.newDiagnostics(fileName, testCase.code, suggestion.output), [], suggestion.output);
          checked++;
        }
      }
    }
    assert.ok(checked >= 30, `${checked} suggestions checked`);
  });

  it('reports nothing when every position is off, and the defaults leave JSX attributes, properties and elements alone', () => {
    const linter = new Linter();
    const code = `declare function save(): Promise<void>;
function Button(props: { onClick: () => void }) {
  return props;
}
export const view = <Button onClick={async () => {
  await save();
}} />;`;
    const config = (options: Record<string, boolean>): Linter.Config[] => [
      {
        files: ['**/*.tsx'],
        languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { loopguard: { rules: { 'no-misused-async-callback': rule as never } } },
        rules: { 'loopguard/no-misused-async-callback': ['error', options] },
      },
    ];
    assert.deepEqual(linter.verify(code, config({}), 'view.tsx').map((message) => message.messageId), []);
    assert.deepEqual(linter.verify(code, config({ checkAttributes: true }), 'view.tsx').map((message) => message.messageId), ['voidAttribute']);
    const hooks = `declare function save(): Promise<void>;
interface Hooks { onStart(): void }
export const hooks: Hooks = { async onStart() { await save(); } };
export const list: Array<() => void> = [async () => { await save(); }];`;
    assert.deepEqual(linter.verify(hooks, config({}), 'hooks.tsx').map((message) => message.messageId), []);
    assert.deepEqual(linter.verify(hooks, config({ checkProperties: true }), 'hooks.tsx').map((message) => message.messageId), ['voidProperty', 'voidElement']);
  });
});
