import type * as ts from 'typescript';

let typescriptModule: typeof ts | null | undefined;

/**
 * The TypeScript runtime, or null when there is none. TypeScript is not a dependency of the plugin: a
 * JavaScript-only project has none, and then has no type information either (the exports of imported
 * files are read with the linted file's parser instead). With type information it is the
 * TypeScript the parser loaded: both resolve the project's `typescript` (the `loopguard` CLI makes every
 * `typescript` import resolve to its own copy). Loaded once per process, on first use.
 */
export function findTypeScript(): typeof ts | null {
  if (typescriptModule === undefined) typescriptModule = loadTypeScript();
  return typescriptModule;
}

/** {@link findTypeScript}, for code that runs only with type information, when the parser has loaded TypeScript. */
export function getTypeScript(): typeof ts {
  const found = findTypeScript();
  if (!found) throw new Error('TypeScript cannot be loaded: install `typescript` to lint with type information');
  return found;
}

function loadTypeScript(): typeof ts | null {
  try {
    // A literal `require`, so that a bundle (the language server) contains TypeScript.
    const candidate = require('typescript') as Partial<typeof ts>;
    // TypeScript 7 (native) has no JavaScript API: it counts as absent.
    return typeof candidate.createSourceFile === 'function' && candidate.SyntaxKind !== undefined ? (candidate as typeof ts) : null;
  } catch {
    return null;
  }
}
