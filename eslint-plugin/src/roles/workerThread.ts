import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { normalizeModuleSpecifier } from '../modules/moduleBindings';

/**
 * Worker-thread code: a file that takes `parentPort` or `workerData` from `node:worker_threads` is the
 * script a `Worker` runs. Its blocking calls block that worker, not the main event loop; moving blocking
 * work there is the remedy, and `Atomics.wait` is how an idle worker sleeps.
 */

const WORKER_SIDE_EXPORTS: ReadonlySet<string> = new Set(['parentPort', 'workerData']);

const workerFileCache = createFileCache<'workerFile', boolean>();

export function isWorkerThreadFile(sourceCode: SourceCode): boolean {
  const cache = workerFileCache(sourceCode);
  let known = cache.get('workerFile');
  if (known === undefined) {
    known = sourceCode.text.includes('worker_threads') && sourceCode.ast.body.some(takesWorkerSideExport);
    cache.set('workerFile', known);
  }
  return known;
}

/** `import { parentPort } from "node:worker_threads"`, `const { workerData } = require("worker_threads")`. */
function takesWorkerSideExport(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
    return (
      isWorkerThreads(statement.source.value) &&
      statement.specifiers.some(
        (specifier) =>
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.imported.type === AST_NODE_TYPES.Identifier &&
          WORKER_SIDE_EXPORTS.has(specifier.imported.name),
      )
    );
  }
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.some((declarator) => {
    const init = declarator.init;
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || init?.type !== AST_NODE_TYPES.CallExpression) return false;
    const [first] = init.arguments;
    if (init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require' || first?.type !== AST_NODE_TYPES.Literal) return false;
    if (typeof first.value !== 'string' || !isWorkerThreads(first.value)) return false;
    return declarator.id.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && WORKER_SIDE_EXPORTS.has(property.key.name),
    );
  });
}

function isWorkerThreads(specifier: string): boolean {
  return normalizeModuleSpecifier(specifier).module === 'worker_threads';
}
