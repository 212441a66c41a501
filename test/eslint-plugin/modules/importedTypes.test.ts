import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../../../eslint-plugin/src/index';

/**
 * The types of a relatively imported file are read from its syntax tree without parent links (the tree is shared
 * with the export tables and call facts): a type parameter is found through the declarations around the type that
 * names it, passed down as the file is read. An async callback given where the imported declaration says the
 * parameter is a void function, through its type parameter's constraint, is reported.
 */
describe('importedTypes (type parameters of declarations in an imported file)', () => {
  const TYPES = `export function register<L extends () => void>(listener: L): void { void listener; }
export interface Emitter<E extends (event: string) => void> { on(listener: E): void; }
export class Hub<H extends () => void> { add(handler: H): void { void handler; } }
export const make = <M extends () => void>(callback: M): void => { void callback; };
export function chain<A extends B, B extends () => void>(listener: A): void { void listener; }
export class Tools { add<T extends () => void>(handler: T): void { void handler; } }
export function shadowed<T extends () => Promise<void>>(run: T): void { void run; }
`;
  const MAIN = `import { register, type Emitter, Hub, make, chain, type Tools, shadowed } from './types';
declare const emitter: Emitter<(event: string) => void>;
declare const hub: Hub<() => void>;
declare const tools: Tools;
register(async () => { await 1; });
emitter.on(async () => { await 1; });
hub.add(async () => { await 1; });
make(async () => { await 1; });
chain(async () => { await 1; });
tools.add(async () => { await 1; });
shadowed(async () => { await 1; });
`;
  let directory: string;

  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-imported-types-'));
    fs.writeFileSync(path.join(directory, 'types.ts'), TYPES);
  });

  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('finds type parameters of functions, interfaces, classes, arrow functions and methods, with constraints read where declared', () => {
    const linter = new Linter({ configType: 'flat', cwd: directory });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as Linter.Parser },
        plugins: { loopguard: plugin as never },
        rules: { 'loopguard/no-misused-async-callback': 'error' },
      },
    ];
    const reports = linter.verify(MAIN, config, path.join(directory, 'main.ts')).map((message) => `${message.line}:${message.column} ${message.messageId ?? message.message}`);
    assert.deepEqual(reports, ['5:10 voidParameter', '6:12 voidParameter', '7:9 voidParameter', '8:6 voidParameter', '9:7 voidParameter', '10:11 voidParameter']);
  });
});
