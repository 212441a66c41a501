import * as path from 'node:path';
import Module from 'node:module';

/** The part of Node's CommonJS loader that maps a request to a file. Not in Node's typings; stable since Node 0.x. */
interface ModuleResolver {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

/**
 * Makes every `require('typescript')` of this process (typescript-eslint's parser, the plugin) load the
 * CLI's own TypeScript 6, never the project's. npm places the parser next to whichever `typescript`
 * satisfies its peer range, which can be the project's own TypeScript 5 while the CLI's copy sits in its
 * own `node_modules`; and where a project has TypeScript 7 (no JavaScript API), only the CLI's copy works.
 * Only the CLI does this: it is a process of its own.
 */
export function useOwnTypeScript(): void {
  const ownEntry = require.resolve('typescript');
  const ownRoot = path.dirname(path.dirname(ownEntry)); // <root>/lib/typescript.js
  const resolver = Module as unknown as ModuleResolver;
  const resolve = resolver._resolveFilename;
  resolver._resolveFilename = function resolveOwnTypeScript(this: unknown, request: string, parent: unknown, ...rest: unknown[]): string {
    if (request === 'typescript') return ownEntry;
    if (request.startsWith('typescript/')) return resolve.call(this, path.join(ownRoot, request.slice('typescript/'.length)), parent, ...rest);
    return resolve.call(this, request, parent, ...rest);
  };
}
