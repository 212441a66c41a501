import { randomInt, seededRandom, type Random } from './prng';

/**
 * Seeded mutations of real source text: the damaged or extreme code an editor sends while the user
 * types, and the shapes that break recursive analyses. Each returns the mutated text; none needs the
 * input to parse.
 */
export interface Mutation {
  name: string;
  apply(text: string, random: Random): string;
}

/** A rough token split (identifiers, numbers, strings, punctuation), good enough to delete one. */
const TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`|=>|\.\.\.|[{}()[\];,.<>=!?:+\-*/%&|^~@#]/g;

function tokenRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(TOKEN)].map((match) => [match.index, match.index + match[0].length]);
}

/** Offsets where a new line may start (after a newline). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function insertAtLine(text: string, random: Random, snippet: string): string {
  const starts = lineStarts(text);
  const at = starts[randomInt(random, starts.length)];
  return `${text.slice(0, at)}${snippet}\n${text.slice(at)}`;
}

/** Appends top-level code, so the result still parses when the input did. */
function appendStatement(text: string, snippet: string): string {
  return `${text}\n${snippet}\n`;
}

export const mutations: Mutation[] = [
  {
    name: 'delete one token',
    apply(text, random) {
      const tokens = tokenRanges(text);
      if (tokens.length === 0) return text;
      const [start, end] = tokens[randomInt(random, tokens.length)];
      return text.slice(0, start) + text.slice(end);
    },
  },
  {
    name: 'delete three tokens in a row',
    apply(text, random) {
      const tokens = tokenRanges(text);
      if (tokens.length < 3) return '';
      const first = randomInt(random, tokens.length - 2);
      return text.slice(0, tokens[first][0]) + text.slice(tokens[first + 2][1]);
    },
  },
  {
    name: 'truncate',
    apply(text, random) {
      return text.slice(0, randomInt(random, text.length));
    },
  },
  {
    name: 'drop the async keywords',
    apply(text) {
      return text.replace(/\basync\s+/g, '');
    },
  },
  {
    name: 'drop the await keywords',
    apply(text) {
      return text.replace(/\bawait\s+/g, '');
    },
  },
  {
    // Callbacks nested in calls, not in parentheses: TypeScript's parser looks ahead exponentially on
    // nested `(`s that might start arrow functions, which would measure the parser, not the rules.
    name: 'deeply nested async functions',
    apply(text) {
      const depth = 60;
      const open = 'await Promise.all([1].map(async () => {\n'.repeat(depth);
      const close = '}));\n'.repeat(depth);
      return appendStatement(text, `async function nested() {\n${open}require('fs').readFileSync('x');\nfetch('y');\n${close}}`);
    },
  },
  {
    name: 'deeply nested blocks and conditions',
    apply(text) {
      const depth = 80;
      return appendStatement(
        text,
        `async function deep(a) {\n${'if (a) { for (const x of a) {\n'.repeat(depth)}await Promise.all(a.map(async (v) => v));\n${'}}\n'.repeat(depth)}}`,
      );
    },
  },
  {
    name: 'deeply nested literals, conditionals and promise chains',
    apply(text) {
      const depth = 200;
      return appendStatement(
        text,
        `async function chain(p, c) { const a = ${'['.repeat(depth)}p${']'.repeat(depth)}; const b = ${'c ? p : '.repeat(depth)}p; await p${'.then(() => p)'.repeat(100)}; return [a, b]; }`,
      );
    },
  },
  {
    name: 'huge literals',
    apply(text) {
      const bigString = `'${'x'.repeat(100_000)}'`;
      const bigArray = `[${Array.from({ length: 5_000 }, (_, i) => i).join(',')}]`;
      const bigSum = Array.from({ length: 300 }, (_, i) => `${i}`).join(' + ');
      const bigTemplate = `\`${'${v}-'.repeat(1_000)}\``;
      return appendStatement(
        text,
        `async function huge(v) { const s = ${bigString}; const a = ${bigArray}; const n = ${bigSum}; await Promise.all(a.map(async () => ${bigTemplate})); return s + n; }`,
      );
    },
  },
  {
    name: 'unterminated string, template and comment',
    apply(text, random) {
      const pick = ['"unterminated', '`unterminated ${', '/* unterminated'][randomInt(random, 3)];
      return insertAtLine(text, random, pick);
    },
  },
  {
    name: 'empty file',
    apply() {
      return '';
    },
  },
];

/** `count` seeded variants of a text: every mutation at least once, then seeded picks. */
export function mutate(text: string, seed: number, count: number): Array<{ name: string; seed: number; text: string }> {
  const variants: Array<{ name: string; seed: number; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const variantSeed = seed * 1000 + i;
    const random = seededRandom(variantSeed);
    const mutation = i < mutations.length ? mutations[i] : mutations[randomInt(random, mutations.length)];
    variants.push({ name: mutation.name, seed: variantSeed, text: mutation.apply(text, random) });
  }
  return variants;
}
