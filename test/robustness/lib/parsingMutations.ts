import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';

import { randomInt, seededRandom, type Random } from './prng';

/**
 * Seeded mutations of real source text that keep it parsing: each edit is made where the syntax tree says
 * it fits (a statement moved, dropped or wrapped in a callback, an `await` added or removed, a callee
 * swapped for a blocking or promise API, recursive declarations and alias cycles added…), and a mutant is
 * kept only if it parses again. So every mutant reaches the rules, unlike a damaged text, which only
 * reaches the parser. Reproducible from the seed.
 */
export interface ParsingMutant {
  /** The mutations applied, in order (a mutant stacks one to three). */
  names: string[];
  seed: number;
  text: string;
}

export interface MutationTarget {
  text: string;
  /** The file name decides TypeScript syntax and JSX (`.ts`, `.tsx`, `.js`…). */
  fileName: string;
  sourceType: 'module' | 'commonjs';
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Statement {
  node: TSESTree.Node;
  /** The statements around it, in order (a block, a function body, the program, a `case`). */
  siblings: TSESTree.Node[];
  inAsyncFunction: boolean;
}

interface Facts {
  statements: Statement[];
  /** Calls, with whether they are written directly in an async function (where `await` may be added). */
  calls: { node: TSESTree.CallExpression; inAsyncFunction: boolean; awaited: boolean }[];
  awaits: TSESTree.AwaitExpression[];
  functions: { node: TSESTree.Node; isAsync: boolean; canToggle: boolean }[];
  /** Identifier references (not property names or keys) and the names they use. */
  references: TSESTree.Identifier[];
  names: string[];
  /** `x.forEach(`, `x.map(`, … callees (the property identifier). */
  iterationMethods: TSESTree.Identifier[];
  /** `.catch(…)` / `.finally(…)` calls that could be dropped. */
  handlers: TSESTree.CallExpression[];
  typescript: boolean;
}

interface Mutation {
  name: string;
  /** An edit of the text, or null when the text has no place for it. */
  apply(text: string, facts: Facts, random: Random): Edit | null;
}

const ITERATION_METHODS = ['forEach', 'map', 'filter', 'some', 'every', 'flatMap'];

/** Callees that the rules know: blocking calls, promise APIs, timers, fan-outs, resources. */
const INTERESTING_CALLEES = [
  "require('node:fs').readFileSync",
  "require('node:child_process').execSync",
  'fetch',
  'Promise.all',
  'Promise.resolve',
  'setTimeout',
  'queueMicrotask',
  "require('node:fs/promises').open",
  "require('node:fs').promises.readFile",
  'new Promise',
];

function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[randomInt(random, items.length)];
}

function statementText(text: string, node: TSESTree.Node): string {
  return text.slice(node.range[0], node.range[1]);
}

export const parsingMutations: Mutation[] = [
  {
    name: 'drop a statement',
    apply(text, facts, random) {
      const statement = pick(random, facts.statements);
      return statement ? { start: statement.node.range[0], end: statement.node.range[1], text: '' } : null;
    },
  },
  {
    name: 'duplicate a statement',
    apply(text, facts, random) {
      const statement = pick(random, facts.statements);
      if (!statement) return null;
      return { start: statement.node.range[1], end: statement.node.range[1], text: `\n${statementText(text, statement.node)}` };
    },
  },
  {
    name: 'swap two statements',
    apply(text, facts, random) {
      const candidates = facts.statements.filter((statement) => statement.siblings.indexOf(statement.node) < statement.siblings.length - 1);
      const statement = pick(random, candidates);
      if (!statement) return null;
      const next = statement.siblings[statement.siblings.indexOf(statement.node) + 1] as TSESTree.Node;
      const between = text.slice(statement.node.range[1], next.range[0]);
      return { start: statement.node.range[0], end: next.range[1], text: `${statementText(text, next)}${between}${statementText(text, statement.node)}` };
    },
  },
  {
    name: 'move a statement into a callback',
    apply(text, facts, random) {
      const statement = pick(random, facts.statements.filter((candidate) => candidate.node.type !== 'ReturnStatement'));
      if (!statement) return null;
      const wrappers = [
        (body: string) => `[0].forEach(async () => { ${body} });`,
        (body: string) => `setTimeout(() => { ${body} }, 0);`,
        (body: string) => `await Promise.all([1, 2].map(async (item) => { ${body} }));`,
        (body: string) => `process.on('message', async () => { ${body} });`,
      ];
      const wrap = pick(random, wrappers) as (body: string) => string;
      return { start: statement.node.range[0], end: statement.node.range[1], text: wrap(statementText(text, statement.node)) };
    },
  },
  {
    name: 'wrap a statement in try',
    apply(text, facts, random) {
      const statement = pick(random, facts.statements);
      if (!statement) return null;
      const tail = random() < 0.5 ? ' finally { }' : ' catch { }';
      return { start: statement.node.range[0], end: statement.node.range[1], text: `try { ${statementText(text, statement.node)} }${tail}` };
    },
  },
  {
    name: 'drop an await',
    apply(text, facts, random) {
      const awaited = pick(random, facts.awaits);
      if (!awaited) return null;
      return { start: awaited.range[0], end: awaited.range[1], text: `(${statementText(text, awaited.argument)})` };
    },
  },
  {
    name: 'await a call',
    apply(text, facts, random) {
      const call = pick(random, facts.calls.filter((candidate) => candidate.inAsyncFunction && !candidate.awaited));
      if (!call) return null;
      return { start: call.node.range[0], end: call.node.range[1], text: `(await ${statementText(text, call.node)})` };
    },
  },
  {
    name: 'toggle async',
    apply(text, facts, random) {
      const fn = pick(random, facts.functions.filter((candidate) => candidate.canToggle));
      if (!fn) return null;
      const start = fn.node.range[0];
      if (fn.isAsync) {
        const match = /^async\s+/.exec(text.slice(start));
        return match ? { start, end: start + match[0].length, text: '' } : null;
      }
      return { start, end: start, text: 'async ' };
    },
  },
  {
    name: 'swap a callee',
    apply(text, facts, random) {
      const call = pick(random, facts.calls);
      const callee = pick(random, INTERESTING_CALLEES) as string;
      if (!call) return null;
      if (callee.startsWith('new ')) {
        return { start: call.node.range[0], end: call.node.callee.range[1], text: `${callee}` };
      }
      return { start: call.node.callee.range[0], end: call.node.callee.range[1], text: callee };
    },
  },
  {
    name: 'swap an iteration method',
    apply(text, facts, random) {
      const property = pick(random, facts.iterationMethods);
      if (!property) return null;
      return { start: property.range[0], end: property.range[1], text: pick(random, ITERATION_METHODS) as string };
    },
  },
  {
    name: 'drop a rejection handler',
    apply(text, facts, random) {
      const handler = pick(random, facts.handlers);
      if (!handler || handler.callee.type !== 'MemberExpression') return null;
      return { start: handler.range[0], end: handler.range[1], text: statementText(text, handler.callee.object) };
    },
  },
  {
    name: 'rename a reference',
    apply(text, facts, random) {
      const reference = pick(random, facts.references);
      const name = pick(random, facts.names);
      if (!reference || !name) return null;
      return { start: reference.range[0], end: reference.range[1], text: name };
    },
  },
  {
    name: 'make a value floating',
    apply(text, facts, random) {
      const call = pick(random, facts.calls.filter((candidate) => candidate.awaited));
      const statement = pick(random, facts.statements);
      if (!call || !statement) return null;
      return { start: statement.node.range[1], end: statement.node.range[1], text: `\n${statementText(text, call.node)};` };
    },
  },
  {
    name: 'add an alias cycle',
    apply(text, facts, random) {
      const statement = pick(random, facts.statements);
      const name = pick(random, facts.names) ?? 'value';
      if (!statement) return null;
      const id = randomInt(random, 1_000_000);
      const cycle = `const alias${id}a = alias${id}b; const alias${id}b = alias${id}a; const alias${id}c = ${name}; alias${id}c(); void alias${id}a;`;
      return { start: statement.node.range[0], end: statement.node.range[0], text: `${cycle}\n` };
    },
  },
  {
    name: 'add recursive functions',
    apply(text, facts, random) {
      const id = randomInt(random, 1_000_000);
      const callee = pick(random, INTERESTING_CALLEES.filter((candidate) => !candidate.startsWith('new '))) as string;
      const recursion = `\nfunction loop${id}a(n) { return n ? loop${id}b(n - 1) : ${callee}('x'); }\nfunction loop${id}b(n) { return loop${id}a(n); }\nasync function use${id}() { loop${id}a(3); loop${id}b(2); [1].forEach(loop${id}a); }\n`;
      return { start: text.length, end: text.length, text: recursion };
    },
  },
  {
    name: 'add recursive types',
    apply(text, facts, random) {
      if (!facts.typescript) return null;
      const id = randomInt(random, 1_000_000);
      const shapes = [
        `interface Self${id} extends Self${id} {}\ndeclare const value${id}: Self${id};`,
        `interface A${id} extends B${id} {}\ninterface B${id} extends A${id} {}\ndeclare const value${id}: A${id};`,
        `interface G${id}<T> extends G${id}<T> {}\ndeclare const value${id}: G${id}<number>;`,
        `type T${id} = Promise<T${id}> | T${id}[];\ndeclare const value${id}: T${id};`,
        `class C${id} extends D${id} {}\nclass D${id} extends C${id} {}\ndeclare const value${id}: C${id};`,
      ];
      const use = `\nvalue${id};\nif (value${id}) {}\nPromise.all([value${id}]);\n[1].forEach(async () => value${id});\n`;
      return { start: text.length, end: text.length, text: `\n${pick(random, shapes) as string}${use}` };
    },
  },
];

/** What the syntax tree of `text` offers the mutations; null when it does not parse. */
function factsOf(target: MutationTarget, text: string): Facts | null {
  let program: TSESTree.Program;
  try {
    program = parse(text, {
      range: true,
      loc: false,
      comment: false,
      tokens: false,
      ecmaVersion: 'latest',
      sourceType: target.sourceType === 'commonjs' ? 'script' : 'module',
      // No `filePath`: it makes each parse about twice as slow, and JSX is all it would decide here.
      jsx: /\.[jt]sx$/.test(target.fileName),
    }) as TSESTree.Program;
  } catch {
    return null;
  }
  const facts: Facts = {
    statements: [],
    calls: [],
    awaits: [],
    functions: [],
    references: [],
    names: [],
    iterationMethods: [],
    handlers: [],
    typescript: /\.[cm]?tsx?$/.test(target.fileName),
  };
  const names = new Set<string>();
  // A stack of [node, parent, innermost function is async?] (code nests deeper than the call stack).
  const stack: [TSESTree.Node, TSESTree.Node | null, boolean][] = [[program, null, false]];
  while (stack.length > 0) {
    const [node, parent, inAsync] = stack.pop() as [TSESTree.Node, TSESTree.Node | null, boolean];
    let childAsync = inAsync;
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        childAsync = node.async;
        const isMethod = parent?.type === 'MethodDefinition' || (parent?.type === 'Property' && (parent.method || parent.kind !== 'init'));
        if (!node.generator && !isMethod) facts.functions.push({ node, isAsync: node.async, canToggle: true });
        break;
      }
      case 'CallExpression': {
        facts.calls.push({ node, inAsyncFunction: inAsync, awaited: parent?.type === 'AwaitExpression' });
        if (node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier') {
          const method = node.callee.property.name;
          if (ITERATION_METHODS.includes(method)) facts.iterationMethods.push(node.callee.property);
          if (method === 'catch' || method === 'finally') facts.handlers.push(node);
        }
        break;
      }
      case 'AwaitExpression':
        facts.awaits.push(node);
        break;
      case 'Identifier':
        if (isReference(node, parent)) {
          facts.references.push(node);
          names.add(node.name);
        }
        break;
      default:
        break;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const children = Array.isArray(value) ? value : [value];
      const isStatementList = Array.isArray(value) && (key === 'body' || key === 'consequent') && node.type !== 'ClassBody' && node.type !== 'TSInterfaceBody' && node.type !== 'TSModuleBlock';
      for (let index = children.length - 1; index >= 0; index--) {
        const child: unknown = children[index];
        if (typeof child !== 'object' || child === null || typeof (child as { type?: unknown }).type !== 'string') continue;
        const childNode = child as TSESTree.Node;
        if (isStatementList && isMovableStatement(childNode)) {
          facts.statements.push({ node: childNode, siblings: value as TSESTree.Node[], inAsyncFunction: childAsync });
        }
        stack.push([childNode, node, childAsync]);
      }
    }
  }
  facts.names = [...names].sort();
  return facts;
}

/** Statements a mutation may move, drop or wrap (not imports, exports or declarations of types). */
function isMovableStatement(node: TSESTree.Node): boolean {
  return (
    node.type.endsWith('Statement') ||
    node.type === 'VariableDeclaration' ||
    node.type === 'FunctionDeclaration'
  ) && node.type !== 'ImportDeclaration';
}

/** An identifier that reads or writes a binding: not a property name, a key, a label or a declaration's name of a type. */
function isReference(node: TSESTree.Identifier, parent: TSESTree.Node | null): boolean {
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition') && parent.key === node && !parent.computed) return false;
  if (parent.type === 'Property' && parent.shorthand) return false;
  if (parent.type.startsWith('TS') || parent.type.startsWith('Import') || parent.type.startsWith('Export')) return false;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'ClassDeclaration' || parent.type === 'ClassExpression') && parent.id === node) return false;
  return node.typeAnnotation === undefined;
}

/**
 * `count` mutants of `target` that parse, each one to three seeded mutations stacked (each step re-parsed).
 * A step whose result does not parse is retried with another mutation, a bounded number of times.
 */
export function parsingMutants(target: MutationTarget, seed: number, count: number): ParsingMutant[] {
  const mutants: ParsingMutant[] = [];
  // Parsing is most of a mutant's cost: the original is parsed once, and each accepted step's parse check
  // gives the facts of the next step.
  const originalFacts = factsOf(target, target.text);
  for (let index = 0; index < count && originalFacts; index++) {
    const mutantSeed = seed * 1000 + index;
    const random = seededRandom(mutantSeed);
    const steps = 1 + randomInt(random, 3);
    let text = target.text;
    let facts = originalFacts;
    const names: string[] = [];
    for (let step = 0; step < steps; step++) {
      for (let attempt = 0; attempt < 12; attempt++) {
        const mutation = parsingMutations[randomInt(random, parsingMutations.length)] as Mutation;
        const edit = mutation.apply(text, facts, random);
        if (!edit) continue;
        const mutated = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
        const mutatedFacts = mutated === text ? null : factsOf(target, mutated);
        if (!mutatedFacts) continue;
        text = mutated;
        facts = mutatedFacts;
        names.push(mutation.name);
        break;
      }
    }
    if (names.length > 0) mutants.push({ names, seed: mutantSeed, text });
  }
  return mutants;
}
