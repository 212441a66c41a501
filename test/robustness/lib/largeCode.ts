/**
 * Generated code that is large in one direction: one function with many resources, awaits, fan-outs or
 * statements (breadth), or one expression or block nested very deep (depth). The rules must stay near-linear
 * in both: `npm run bench:scaling` measures them against the parse time (`bench/lib/function-scaling.ts`);
 * `hostileFiles.ts` lints the deep shapes as deep as the parser takes.
 */
export interface CodeShape {
  readonly name: string;
  /** What one unit of size is (`resources`: one acquired and released file handle). */
  readonly unit: string;
  readonly kind: 'breadth' | 'depth';
  make(size: number): string;
}

function times(count: number, line: (index: number) => string, separator = '\n'): string {
  return Array.from({ length: count }, (_, index) => line(index)).join(separator);
}

export const LARGE_FUNCTION_SHAPES: readonly CodeShape[] = [
  {
    name: 'resources',
    unit: 'a file handle opened, used and closed (released only on success: every one reported, with suggestions)',
    kind: 'breadth',
    make: (size) =>
      `import { open } from 'node:fs/promises';\nexport async function handles() {\n${times(size, (index) => `  const h${index} = await open('f${index}');\n  await h${index}.read();\n  await h${index}.close();`)}\n}\n`,
  },
  {
    name: 'resources closed at the end',
    unit: 'a file descriptor opened and read; all closed at the end (released only on success: every one reported)',
    kind: 'breadth',
    make: (size) =>
      `import fs from 'node:fs';\nexport function descriptors() {\n${times(size, (index) => `  const fd${index} = fs.openSync('f${index}');\n  fs.readSync(fd${index});`)}\n${times(size, (index) => `  fs.closeSync(fd${index});`)}\n}\n`,
  },
  {
    name: 'resources with caught awaits',
    unit: 'a file handle opened and read in a `try … catch`; all closed at the end (every one reported)',
    kind: 'breadth',
    make: (size) =>
      `import { open } from 'node:fs/promises';\nexport async function handles() {\n${times(size, (index) => `  const h${index} = await open('f${index}');\n  try { await h${index}.read(); } catch {}`)}\n${times(size, (index) => `  await h${index}.close();`)}\n}\n`,
  },
  {
    name: 'awaits',
    unit: 'an awaited call, every other one independent of the one before',
    kind: 'breadth',
    make: (size) =>
      `export async function steps(api) {\n  let a0 = 0;\n${times(size, (index) => `  const a${index + 1} = await api.step${index}(${index % 2 === 0 ? index : `a${index}`});`)}\n  return a${size};\n}\n`,
  },
  {
    name: 'independent awaits',
    unit: 'an awaited `fetch` that needs nothing from the others (one run of independent awaits)',
    kind: 'breadth',
    make: (size) => `export async function fetches() {\n${times(size, (index) => `  const r${index} = await fetch('u${index}');`)}\n  return r0;\n}\n`,
  },
  {
    name: 'fan-outs',
    unit: 'a `Promise.all` over `items.map(async …)` (unbounded: every one reported)',
    kind: 'breadth',
    make: (size) =>
      `export async function fanOuts(items, api) {\n${times(size, (index) => `  const r${index} = await Promise.all(items.map(async (item) => api.load${index}(item)));`)}\n}\n`,
  },
  {
    name: 'statements',
    unit: 'a floating `fetch`, a `readFileSync`, a `forEach(async …)` and a condition on a call',
    kind: 'breadth',
    make: (size) =>
      `import fs from 'node:fs';\nexport async function statements(items, api) {\n${times(size, (index) => `  fetch('u${index}');\n  fs.readFileSync('p${index}');\n  items.forEach(async (item) => api.save${index}(item));\n  if (api.ready${index}()) api.go${index}();`)}\n}\n`,
  },
  {
    name: 'local calls',
    unit: 'a local function calling the next one (the last reads a file), called from an async function',
    kind: 'breadth',
    make: (size) =>
      `import fs from 'node:fs';\n${times(size, (index) => `function step${index}() { return step${index + 1}(); }`)}\nfunction step${size}() { fs.readFileSync('x'); return Promise.resolve(); }\nexport async function run() {\n${times(size, (index) => `  step${index}();`)}\n}\n`,
  },
];

export const DEEP_SHAPES: readonly CodeShape[] = [
  { name: '`a || a || …`', unit: 'an operand', kind: 'depth', make: (size) => `export async function f(a) { if (${times(size, () => 'a', ' || ')}) {} return ${times(size, () => 'a', ' && ')}; }\n` },
  { name: '`a + a + …`', unit: 'an operand', kind: 'depth', make: (size) => `export async function f(a) { const s = ${times(size, () => 'a', ' + ')}; await s; }\n` },
  { name: '`a ? p : a ? p : …`', unit: 'a condition', kind: 'depth', make: (size) => `export async function f(a, p) { a ? p : ${times(size, () => 'a ? p', ' : ')} : p; }\n` },
  { name: '`p.then(…).then(…)…`', unit: 'a `.then`', kind: 'depth', make: (size) => `export async function f(p) { p${'.then((v) => v)'.repeat(size)}; }\n` },
  { name: '`((((p))))`', unit: 'a pair of parentheses', kind: 'depth', make: (size) => `export async function f(p) { ${'('.repeat(size)}p${')'.repeat(size)}; }\n` },
  { name: '`a.b.b.b…()`', unit: 'a member', kind: 'depth', make: (size) => `export async function f(a) { a${'.b'.repeat(size)}(); await a${'.b'.repeat(size)}; }\n` },
  { name: '`[[[[p]]]]`', unit: 'an array', kind: 'depth', make: (size) => `export async function f(p) { Promise.all(${'['.repeat(size)}p${']'.repeat(size)}); }\n` },
  { name: 'nested blocks', unit: 'a block', kind: 'depth', make: (size) => `export async function f(p) { ${'{ '.repeat(size)}p;${' }'.repeat(size)} }\n` },
  { name: 'nested async arrows', unit: 'an arrow', kind: 'depth', make: (size) => `export const f = ${'async () => '.repeat(size)}fetch('x');\nf();\n` },
];
