import { DEEP_SHAPES } from './largeCode';
import { seededRandom } from './prng';

/**
 * Files written to break a linter rather than to be useful: declarations that refer to themselves (every
 * recursion shape of issue #20), nesting as deep as the parser takes and deeper, huge, minified and binary
 * files, odd encodings. Each is linted as `probe.ts` or `script.js` of `fixtures/hostile/` (typed linting needs a
 * file of the project on disk; the text linted is this one), whose neighbours hold the cycles that need other
 * files (`cycle-a.ts` ⇄ `cycle-b.ts`, `alias-cycle.ts`).
 */
export interface HostileFile {
  readonly name: string;
  readonly file: 'probe.ts' | 'script.js';
  readonly text: string;
  /** Whether the parser takes it (false: only a parse error may come back, and no rule runs). */
  readonly parses: boolean;
  /**
   * Linted without type information only: the large files and most deep shapes, whose typed lint measures
   * TypeScript's checker and takes seconds of the suite, while what the rules do with them is the same.
   */
  readonly syntacticOnly?: boolean;
}

/** Every way the three rules that classify values meet a value: a statement, a condition, `Promise.all`, callbacks, a fan-out. */
function useOf(value: string, functionName = 'use'): string {
  return `
export async function ${functionName}(items: number[]) {
  ${value};
  if (${value}) {}
  await Promise.all([${value}]);
  items.forEach(async () => ${value});
  await Promise.all(items.map(async () => ${value}));
  return ${value};
}
`;
}

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join('\n');
}

/** The recursion shapes of #20 item 1 and the other cycles the analyses follow, each used by every rule. */
const RECURSION: readonly HostileFile[] = [
  { name: 'an interface that extends itself', text: `interface C extends C {}\ndeclare const c: C;${useOf('c')}` },
  { name: 'two interfaces that extend each other', text: `interface A extends B {}\ninterface B extends A {}\ndeclare const c: A;${useOf('c')}` },
  { name: 'three interfaces in a cycle', text: `interface A extends B {}\ninterface B extends C {}\ninterface C extends A {}\ndeclare const c: B;${useOf('c')}` },
  { name: 'a generic interface that extends itself', text: `interface C<T> extends C<T> {}\ndeclare const c: C<number>;${useOf('c')}` },
  {
    name: 'merged interfaces in a cycle',
    text: `interface A { then(): void }\ninterface B extends A {}\ninterface A extends B {}\ndeclare const c: A;${useOf('c')}`,
  },
  {
    name: 'a chain of 3,000 interfaces',
    text: `interface I0 { then(onFulfilled: () => void): void }\n${lines(2999, (index) => `interface I${index + 1} extends I${index} {}`)}\ndeclare const c: I2999;${useOf('c')}`,
  },
  { name: 'two classes that extend each other', text: `class C extends D {}\nclass D extends C {}\ndeclare const c: C;${useOf('c')}` },
  {
    name: 'a chain of 3,000 classes',
    text: `class K0 { async run() {} }\n${lines(2999, (index) => `class K${index + 1} extends K${index} {}`)}\ndeclare const c: K2999;${useOf('c.run()')}`,
  },
  { name: 'a type alias that holds itself', text: `type T = Promise<T> | T[] | { next: T };\ndeclare const c: T;${useOf('c')}` },
  { name: 'constants that alias each other', text: `// @ts-expect-error -- on purpose\nconst a: any = b;\nconst b: any = a;${useOf('a()')}` },
  {
    name: 'an imported constant whose export aliases itself',
    text: `import first, { first as named, third } from './alias-cycle.js';${useOf('first')}${useOf('named()', 'useNamed')}${useOf('third', 'useThird')}`,
  },
  { name: 're-exports in a cycle', text: `import { a, b } from './cycle-a.js';${useOf('a')}${useOf('b()', 'useB')}` },
  {
    name: 'functions that call each other',
    text: `function f(n: number): Promise<void> { return n ? g(n - 1) : fetch('x').then(() => undefined); }\nfunction g(n: number): Promise<void> { return f(n); }${useOf('f(3)')}`,
  },
  {
    name: 'a chain of 3,000 local functions',
    text: `import fs from 'node:fs';\n${lines(3000, (index) => `function step${index}(): unknown { return step${index + 1}(); }`)}\nfunction step3000() { return fs.readFileSync('x'); }${useOf('step0()')}`,
  },
  {
    name: 'fan-out tasks that call each other',
    text: `const task = async (x: number): Promise<number> => other(x);\nconst other = async (x: number): Promise<number> => task(x);\nexport async function fan(items: number[]) {\n  await Promise.all(items.map(task));\n  await Promise.all(items.map((x) => other(x)));\n}\n`,
  },
  {
    name: 'collections that alias each other',
    text: `// @ts-expect-error -- on purpose\nconst list: string[] = other;\nconst other: string[] = list;\nexport async function fan() {\n  await Promise.all(list.map(async (url) => fetch(url)));\n}\n`,
  },
  {
    name: 'class fields that alias each other',
    text: `import pg from 'pg';\nexport class Store {\n  // @ts-expect-error -- on purpose\n  a = this.b;\n  b = this.a;\n  pool = new pg.Pool();\n  async load() {\n    const client = await this.a.connect();\n    await client.query('SELECT 1');\n    client.release();\n  }\n}\n`,
  },
].map((file) => ({ ...file, file: 'probe.ts', parses: true }));

/**
 * Depths that the parser takes on the main thread (about 70 % of the deepest it parsed there: 450 chained
 * `.then`s, 650 nested blocks, 860–920 for the others), and 5,000, past any parser: a parse error, nothing else.
 * Nested arrays stop at 200: TypeScript's checker grows with about the cube of their depth (100: 0.2 s, 300:
 * 2.7 s, 600: 18 s of CPU for the first typed lint), which measures TypeScript, not the rules.
 */
const PARSEABLE_DEPTH: Readonly<Record<string, number>> = { '`p.then(…).then(…)…`': 300, 'nested blocks': 450, '`[[[[p]]]]`': 200 };

/** The deep shapes also linted with types (each costs TypeScript's checker a second or two; the rest are syntactic only). */
const TYPED_DEEP_SHAPES: ReadonlySet<string> = new Set(['`a || a || …`', 'nested async arrows', '`p.then(…).then(…)…`']);

const DEEP: readonly HostileFile[] = DEEP_SHAPES.flatMap((shape) => [
  {
    name: `${shape.name} × ${PARSEABLE_DEPTH[shape.name] ?? 600}`,
    file: 'script.js' as const,
    text: shape.make(PARSEABLE_DEPTH[shape.name] ?? 600),
    parses: true,
    syntacticOnly: !TYPED_DEEP_SHAPES.has(shape.name),
  },
  { name: `${shape.name} × 5,000`, file: 'script.js' as const, text: shape.make(5000), parses: false },
]);

/** A function body with one finding of every rule, to repeat, re-encode and squeeze. */
const EVERY_RULE = `import fs from 'node:fs';
import { open } from 'node:fs/promises';
export async function handle(items, api) {
  fetch('https://example.com');
  const data = fs.readFileSync('config.json', 'utf8');
  items.forEach(async (item) => api.save(item));
  await Promise.all(items.map(async (item) => api.load(item)));
  const handle = await open('log.txt');
  await handle.write(data);
  await handle.close();
  const first = await api.first();
  const second = await api.second();
  return [first, second];
}
`;

function binary(length: number): string {
  const random = seededRandom(20);
  return Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
}

const SIZE_AND_ENCODING: readonly HostileFile[] = [
  {
    // Mostly code without findings: each finding's fixes and suggestions are checked by parsing the whole file again.
    name: 'about 40 KB of code',
    file: 'script.js',
    syntacticOnly: true,
    text: `${EVERY_RULE}${lines(250, (index) => `export async function step${index}(api, input) {\n  const value = await api.read${index}(input);\n  if (!value) return null;\n  return { index: ${index}, value, at: Date.now() };\n}`)}`,
    parses: true,
  },
  {
    name: 'minified: one line of about 20,000 characters',
    file: 'script.js',
    syntacticOnly: true,
    text: `${EVERY_RULE.replace(/\n\s*/g, ' ')}export async function f(a){${lines(800, (index) => `a.q${index}();await a.r${index}();`).replace(/\n/g, '')}}`,
    parses: true,
  },
  { name: 'binary: 20,000 random bytes', file: 'script.js', text: binary(20_000), parses: false },
  {
    name: 'control characters and NUL in strings, comments and templates',
    file: 'script.js',
    text: `// \u0000\u0001\u0007\u001b comment\nconst s = "\\u0000 \u0008 \u000b";\nconst t = \`\u0000\${s}\u0001\`;\n${EVERY_RULE}`,
    parses: true,
  },
  { name: 'a byte order mark and CRLF line ends', file: 'script.js', text: `\ufeff${EVERY_RULE.replace(/\n/g, '\r\n')}`, parses: true },
  { name: 'line and paragraph separators inside strings', file: 'script.js', text: `const sep = "\u2028\u2029";\n${EVERY_RULE}`, parses: true },
  {
    name: 'astral and combining characters in names and strings',
    file: 'script.js',
    text: `const 𝓍 = '🙂👍🏽';\nconst e\u0301 = 1;\n${EVERY_RULE.replace(/\bitems\b/g, 'ïtems𝓍')}`,
    parses: true,
  },
  { name: 'the empty file', file: 'probe.ts', text: '', parses: true },
  { name: 'only a hashbang and comments', file: 'script.js', text: '#!/usr/bin/env node\n/* a\n * b */\n// c\n', parses: true },
];

export const HOSTILE_FILES: readonly HostileFile[] = [...RECURSION, ...DEEP, ...SIZE_AND_ENCODING];
