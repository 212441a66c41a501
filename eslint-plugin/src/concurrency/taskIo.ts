import type { TSESTree } from '@typescript-eslint/utils';

import { getCompiledBody, getGeneratorStateMachine } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { BoundedWalk } from '../core/boundedWalk';
import { type FunctionNode, getCalleeMember, getStaticPropertyName, getStaticString, getTrailingName, isFunctionNode, isNestedFunction, skipExpressionWrappers, walk } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { exportPath, GLOBAL_MODULE, resolveModuleReference } from '../modules/moduleBindings';
import { rememberFileName, resolveImportedCallable, resolveImportedInstanceMethod } from '../modules/crossFile';
import { resolveLocalCallables } from '../modules/localFunctions';
import { getResolvedSymbol, getTypedServices } from '../core/typeInfo';
import { classifyPromiseType, inferDeclaredMethodCall } from '../promises/promiseInference';
import { isReceiverTypeImported } from '../promises/declaredSlots';
import { PROMISE_CHAIN_METHODS } from '../promises/promiseApis';
import { getExecutorPromise } from '../promises/executors';
import { getVariableWrites } from '../core/scope';

/**
 * Does a task start I/O (a socket, a file, a query, a process)? Evidence, by provenance first:
 * - a call of Node's I/O modules (`fs`, `net`, `http`, `dns`, `child_process`, …) or of `fetch`;
 * - a call of a well-known client package (database drivers, HTTP clients, queues, cloud SDKs, headless browsers);
 * - a method call whose receiver is named as a client (`db.query(…)`, `this.client.get(…)`, `api.post(…)`,
 *   `s3.putObject(…)`) or whose name is an I/O verb (`query`, `request`, `download`, `sendMail`, `insertMany`…);
 * - a call of a promise-returning function of another file of the project (`loadUser(id)` from `./db`),
 *   or of a function of this file that does one of these, followed a few calls deep.
 * A task that only waits for something already running (`once(worker, 'exit')`, a pending confirm, a
 * cached promise, a timer) starts no I/O.
 */
export function taskStartsIo(context: AnyRuleContext, task: TSESTree.Node): boolean {
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  return startsIo(context, skipExpressionWrappers(task), new BoundedWalk(CALL_LIMITS));
}

/** How many local calls deep a task is followed (each function once). */
const CALL_LIMITS = { maxDepth: 4 };

/** Node's modules whose calls reach the outside world. */
const IO_MODULES: ReadonlySet<string> = new Set(['fs', 'net', 'http', 'https', 'http2', 'dns', 'child_process', 'tls', 'dgram', 'readline']);

/** Client packages whose calls are I/O: database drivers and ORMs, HTTP clients, queues, caches, cloud SDKs, browsers, mail. */
const IO_PACKAGE_PATTERN =
  /^(?:axios|got|node-fetch|undici|ky|superagent|needle|request|pg|pg-pool|mysql2?|mariadb|tedious|oracledb|sqlite3?|better-sqlite3|mongodb|mongoose|redis|ioredis|@redis\/client|memcached|knex|sequelize|typeorm|@prisma\/client|@mikro-orm\/.+|drizzle-orm(?:\/.+)?|kysely|objection|cassandra-driver|neo4j-driver|@elastic\/elasticsearch|elasticsearch|amqplib|kafkajs|mqtt|nats|bullmq|bull|nodemailer|@aws-sdk\/.+|aws-sdk|@google-cloud\/.+|@azure\/.+|firebase-admin|puppeteer(?:-core)?|playwright(?:-core)?|@playwright\/test|ssh2|ftp|basic-ftp|ldapjs|dockerode|@octokit\/.+|stripe|twilio|@slack\/.+|discord\.js)$/;

/** Words of a receiver's name that say it talks to another process (not `this`, not a cache or a collection). */
const CLIENT_WORDS: ReadonlySet<string> = new Set([
  'client', 'db', 'database', 'pool', 'conn', 'connection', 'http', 'https', 'api', 'axios', 'redis', 'mongo', 'knex', 'prisma',
  'sequelize', 'repository', 'repo', 's3', 'bucket', 'producer', 'transporter', 'mailer', 'sftp', 'ftp', 'docker', 'octokit',
  'stripe', 'sql', 'dynamo', 'dynamodb', 'firestore', 'sqs', 'sns', 'kafka', 'elastic', 'browser',
]);

/** Method names that are I/O on any receiver that is not a plain collection. */
const IO_VERBS: ReadonlySet<string> = new Set([
  'query', 'execute', 'request', 'fetch', 'download', 'upload', 'send', 'sendmail', 'publish', 'insert', 'upsert', 'select',
  'connect', 'invoke', 'spawn', 'goto', 'navigate', 'screenshot', 'put', 'post', 'patch',
]);

function startsIo(context: AnyRuleContext, node: TSESTree.Node, calls: BoundedWalk): boolean {
  if (isFunctionNode(node)) return functionStartsIo(context, node, calls);
  let found = false;
  walk(node, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.CallExpression && callStartsIo(context, child, calls)) found = true;
    return !found;
  });
  if (found) return true;
  // `promise.then(…).catch(…)`, the promise made just before: `const promise = api.remove(id)`
  const held = heldPromiseOfChain(node);
  if (held) return calls.enterOnce(held, false, () => getVariableWrites(context.sourceCode, held).some((value) => startsIo(context, skipExpressionWrappers(value), calls)));
  // a function passed by reference: `ids.map(loadUser)`
  return (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && calleeStartsIo(context, node, calls);
}

/** The variable a promise chain starts from (`promise` in `promise.then(…).catch(…)`), or null. */
function heldPromiseOfChain(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = node;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const member = getCalleeMember(current);
    const method = member ? getStaticPropertyName(member) : null;
    if (!member || method === null || !PROMISE_CHAIN_METHODS.has(method)) return null;
    current = skipExpressionWrappers(member.object);
  }
  return current !== node && current.type === AST_NODE_TYPES.Identifier ? current : null;
}

function functionStartsIo(context: AnyRuleContext, outer: FunctionNode, calls: BoundedWalk): boolean {
  // a compiled `async` function's work is in the generator it hands to `__awaiter`
  const compiled = getCompiledBody(outer);
  const fn = (compiled && getGeneratorStateMachine(compiled)) ?? compiled ?? outer;
  return calls.enterOnce(fn, false, () => {
    let found = false;
    walk(fn.body, (child) => {
      // a promise's executor runs at once, as part of the function: `return new Promise((resolve) => this.sftp.fastPut(…))`
      if (found || (isNestedFunction(child, fn.body) && !(isFunctionNode(child) && getExecutorPromise(context.sourceCode, child)))) return false;
      if (child.type === AST_NODE_TYPES.CallExpression && callStartsIo(context, child, calls)) found = true;
      return !found;
    });
    return found;
  });
}

function callStartsIo(context: AnyRuleContext, call: TSESTree.CallExpression, calls: BoundedWalk): boolean {
  return calleeStartsIo(context, skipExpressionWrappers(call.callee), calls) || isClientMethodCall(call) || isGivenFileSystem(context.sourceCode, call);
}

/** Node's file-system modules and their drop-ins: a call handed one of them reads or writes files through it. */
const FILE_SYSTEM_MODULES: ReadonlySet<string> = new Set(['fs', 'graceful-fs', 'fs-extra']);

/**
 * `git.readObject({ fs, dir, oid })`, `glob(pattern, { fs })`: a call given Node's file-system module, as an argument
 * or as a property of an object argument, does file I/O through it (isomorphic-git takes `fs` this way; @adobe/helix-cli
 * 13.3.9 stopped resolving every tag of a repository at once with `git.resolveRef({ fs, dir, ref })`).
 */
function isGivenFileSystem(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const isFileSystem = (raw: TSESTree.Node): boolean => {
    const node = skipExpressionWrappers(raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const reference = resolveModuleReference(sourceCode, node);
    return reference !== null && exportPath(reference).length === 0 && FILE_SYSTEM_MODULES.has(reference.module);
  };
  return call.arguments.some((argument) => {
    if (argument.type === AST_NODE_TYPES.ObjectExpression) {
      return argument.properties.some((property) => property.type === AST_NODE_TYPES.Property && isFileSystem(property.value));
    }
    return isFileSystem(argument);
  });
}

function calleeStartsIo(context: AnyRuleContext, callee: TSESTree.Node, calls: BoundedWalk): boolean {
  const sourceCode = context.sourceCode;
  if (isIoReference(sourceCode, callee)) return true;
  const local = resolveLocalCallables(sourceCode, callee).filter(isFunctionNode);
  if (local.length > 0) return local.some((fn) => functionStartsIo(context, fn, calls));
  // a promise-returning function of another file of the project: almost always a wrapper around I/O
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  return resolveImportedCallable(sourceCode, callee) !== null || isImportedInstancePromise(sourceCode, callee) || isProjectAsyncFunction(context, callee);
}

/**
 * Without types: a promise-returning method of an instance of a class from another file (`new Store()`, a field set
 * to one), or of a receiver whose written type is imported (`store: Store`, `private users: UserRepository`).
 */
function isImportedInstancePromise(sourceCode: SourceCode, callee: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (resolveImportedInstanceMethod(sourceCode, callee) !== null) return true;
  return isReceiverTypeImported(sourceCode, callee) && inferDeclaredMethodCall(sourceCode, callee, true) === 'promise';
}

/** With types: the callee is declared in another source file of the program (not a declaration file) and returns a promise. */
function isProjectAsyncFunction(context: AnyRuleContext, callee: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  const services = getTypedServices(context);
  if (!services) return false;
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
  const symbol = getResolvedSymbol(services, name);
  const declarations = symbol?.declarations ?? [];
  const here = services.program.getSourceFile(context.physicalFilename);
  if (declarations.length === 0 || declarations.some((declaration) => declaration.getSourceFile().isDeclarationFile || declaration.getSourceFile() === here)) {
    return false;
  }
  const type = symbol ? services.program.getTypeChecker().getTypeOfSymbol(symbol) : null;
  const signatures = type?.getCallSignatures() ?? [];
  return signatures.length > 0 && signatures.every((signature) => classifyPromiseType(services, signature.getReturnType(), callee) === 'promise');
}

/** `fs.promises.readFile`, `fetch`, `axios.get`, `execa(…)`: a callee whose module does I/O. */
function isIoReference(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  const reference = resolveModuleReference(sourceCode, callee);
  if (!reference) return false;
  if (reference.module === GLOBAL_MODULE) return reference.path.length === 1 && reference.path[0] === 'fetch';
  return IO_MODULES.has(reference.module) || IO_PACKAGE_PATTERN.test(reference.module) || reference.module === 'execa';
}

/** `db.query(…)`, `this.client.get(…)`, `page.goto(…)`, `api.post(…)`: a method of a client, or an I/O verb. */
function isClientMethodCall(call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  if (!member) return false;
  const method = getStaticPropertyName(member);
  if (method === null) return false;
  const methodWords = splitIdentifierWords(method);
  if (methodWords[0] !== undefined && COMPUTE_VERBS.has(methodWords[0])) return false;
  if (IO_VERBS.has(method.toLowerCase()) || (methodWords[0] !== undefined && IO_VERBS.has(methodWords[0]))) {
    return !isCollectionReceiver(member.object);
  }
  const name = getTrailingName(member.object);
  return name !== null && splitIdentifierWords(name).some((word) => CLIENT_WORDS.has(word));
}

/**
 * First words of methods that compute rather than talk to another process, whatever the receiver is named
 * (`database.hashFunction(data)` in rxdb hashes an attachment in memory).
 */
const COMPUTE_VERBS: ReadonlySet<string> = new Set([
  'hash', 'digest', 'encrypt', 'decrypt', 'compress', 'decompress', 'parse', 'stringify', 'serialize', 'deserialize', 'validate',
  'format', 'render', 'compile', 'encode', 'decode', 'escape', 'normalize', 'transform', 'convert', 'calculate', 'compute',
]);

/** First words of a document store's or table's methods that read or write its rows. */
const STORE_VERBS: ReadonlySet<string> = new Set([
  'find', 'insert', 'update', 'delete', 'remove', 'count', 'aggregate', 'replace', 'upsert', 'save', 'bulk', 'distinct',
]);

/** `db.collection('reports').remove(…)`: a row method of a store's collection or table picked by name ({@link isNamedCollectionHandle}). */
export function isStoreRowCall(call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  const first = method === null ? undefined : splitIdentifierWords(method)[0];
  return member !== null && first !== undefined && STORE_VERBS.has(first) && isNamedCollectionHandle(member.object);
}

/**
 * `db.collection('reports')`, `knex.table('users')`: a store's collection or table picked by a name written in the code,
 * whose row methods (`remove`, `insertOne`, `find`) go to the database (jsreport-reports 3.0.7 removed every old report
 * at once with `documentStore.collection('reports').remove(…)`).
 */
function isNamedCollectionHandle(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1 || getStaticString(node.arguments[0]) === null) return false;
  const member = getCalleeMember(node);
  const name = member ? getStaticPropertyName(member) : null;
  return name === 'collection' || name === 'table';
}

/** Receivers that are collections or built-ins, whose `get`/`put`/`send`-like methods are not I/O. */
function isCollectionReceiver(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression || node.type === AST_NODE_TYPES.ObjectExpression) return true;
  const name = getTrailingName(node);
  if (name === null) return false;
  const last = splitIdentifierWords(name).pop();
  return last === 'map' || last === 'set' || last === 'list' || last === 'array' || last === 'headers' || last === 'params';
}
