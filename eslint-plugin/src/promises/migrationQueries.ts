import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';
import { getFileDirectory } from '../modules/crossFile';

/**
 * Queries of a database migration's `up`/`down`. Every migration runner hands the function an async query
 * interface (knex passes `knex`, Sequelize `queryInterface`, TypeORM `queryRunner`, umzug its context) and
 * waits for the promise the function returns. A query the function neither awaits nor returns runs after
 * the runner moved on (Sequelize, TypeORM) or never runs at all: a knex query builder is a thenable that
 * sends nothing until it is awaited or `then`-ed. The migration "succeeds" and the schema is not changed.
 */

/** A folder of migrations: `migrations/`, `db/migration/`. */
const MIGRATION_FOLDER = /(?:^|[\\/])migrations?(?:[\\/]|$)/i;

/** What a migration exports: `up` and `down`. */
const MIGRATION_FUNCTIONS: ReadonlySet<string> = new Set(['up', 'down']);

/**
 * The first member of a chain on the query interface that starts a query: knex's `schema`, `raw`,
 * `transaction`, `batchInsert` and query-builder verbs, `query` (TypeORM's runner, `sequelize.query`), and
 * the schema verbs of Sequelize's `queryInterface` and TypeORM's `queryRunner` (`createTable`, `addColumn`,
 * `bulkInsert`, …). Other members (`knex.client`, `knex.fn.now()`, a logger) are not queries.
 */
const QUERY_ENTRY = /^(?:schema|raw|transaction|batchInsert|query|sequelize|select|insert|update|del|delete|from|into|table|truncate|(?:create|drop|add|remove|change|rename|bulk)[A-Z]\w*)$/;

/**
 * True when `call` queries the database through the interface a migration's `up`/`down` receives as its
 * first parameter, in a file of a migrations folder: `knex.schema.createTable(…)`, `knex('users').del()`,
 * `queryInterface.addColumn(…)`, `queryRunner.query(…)`. Its value is a promise (or a knex builder, a thenable
 * that must be awaited to run at all).
 */
export function isMigrationQuery(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const directory = getFileDirectory(sourceCode);
  if (directory === null || !MIGRATION_FOLDER.test(`${directory}/`)) return false;
  const { root, entry } = chainRoot(call);
  if (root?.type !== AST_NODE_TYPES.Identifier || (entry !== null && !QUERY_ENTRY.test(entry))) return false;
  const definition = findVariableOf(sourceCode, root)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const fn = definition.node;
  return isFunctionNode(fn) && fn.params[0] === definition.name && isMigrationFunction(fn);
}

/**
 * The identifier a chain of calls and member accesses starts from, and the first member read from it (null
 * when the chain starts by calling it: `knex('users')`).
 */
function chainRoot(call: TSESTree.CallExpression): { root: TSESTree.Node | null; entry: string | null } {
  let current: TSESTree.Node = call;
  let entry: string | null = null;
  for (let steps = 0; steps < MAX_CHAIN; steps++) {
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.CallExpression) {
      current = current.callee;
      if (skipExpressionWrappers(current).type === AST_NODE_TYPES.Identifier) entry = null;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      entry = getStaticPropertyName(current);
      current = current.object;
    } else {
      return { root: current, entry };
    }
  }
  return { root: null, entry: null };
}

/** How many calls and member accesses a query chain is followed through. */
const MAX_CHAIN = 64;

/**
 * `exports.up = function (knex) {…}`, `module.exports = { up: async (queryInterface) => … }`,
 * `export async function down(knex)`, a class method `async up(queryRunner)`.
 */
function isMigrationFunction(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id !== null && MIGRATION_FUNCTIONS.has(fn.id.name) && parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property) {
    return parent.value === fn && MIGRATION_FUNCTIONS.has(getStaticPropertyName(parent) ?? '');
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return MIGRATION_FUNCTIONS.has(getStaticPropertyName(parent.left) ?? '');
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return MIGRATION_FUNCTIONS.has(parent.id.name) && parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }
  return false;
}
