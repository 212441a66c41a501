import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, isNullishValue, skipExpressionWrappers } from '../core/ast';
import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getVariableWrites, isNeverReassigned } from '../core/scope';
import { getFileDirectory, isTypeScriptSource } from '../modules/crossFile';
import { declaredMajorVersion } from '../modules/declaredDependencies';
import { getThisFieldInit, getThisFieldValues } from '../modules/fieldValues';
import { resolveLocalCallables } from '../modules/localFunctions';
import { exportPath, type ModuleReference, resolveModuleReference } from '../modules/moduleBindings';
import { declaredTypeOfReceiver } from './declaredSlots';

/**
 * The objects widely used packages hand out whose methods return promises: a Redis client, a headless browser and
 * its pages, a message-queue channel, a database pool, a chat-bot client, a Kafka producer. Without types (the
 * package not installed, or JavaScript) a dropped `page.goto(url)`, `redis.set(key, value)` or
 * `bot.sendMessage(chat, text)` is seen by where its receiver comes from: a `const` (or a field set once in the
 * constructor) made by the package's constructor or factory, or by a method of such an object that hands out
 * another one (`await browser.newPage()`, `kafka.producer()`).
 *
 * Only methods that return a promise on every call without a callback are listed; a call that passes a function as
 * its last argument takes the callback convention several of these clients keep (`pool.query(sql, done)`,
 * `redis.get(key, done)`), and is not a promise here. A receiver given as a parameter (or a field the constructor
 * declares) is known only by its written type naming the package's client type (`redis: Redis`, `page: Page`
 * imported from the package); without one, who made it is not known in the function.
 */

interface ClientKind {
  /** Methods that return a promise (for Redis clients, compared in lower case: `hGetAll`, `HGETALL`, `hgetall`). */
  readonly methods: ReadonlySet<string>;
  readonly caseInsensitive?: boolean;
  /** Methods that hand out another client: awaited (`await browser.newPage()`) or not (`kafka.producer()`). */
  readonly products?: ReadonlyMap<string, { readonly kind: ClientKind; readonly awaited: boolean }>;
  /** Every property not named with `$` is a client of this kind (Prisma's model delegates: `prisma.user`). */
  readonly delegates?: ClientKind;
  /** Properties that hold another client (`context.globalState` of a VS Code extension context). */
  readonly properties?: ReadonlyMap<string, ClientKind>;
  /** Handlers registered on it (`client.on('messageCreate', (message) => …)`) and what their first parameter is. */
  readonly handlers?: Handlers;
}

interface Handlers {
  /** The methods that register a handler (`on`, `once`; a bot framework's `command`, `hears`…). */
  readonly registrations: ReadonlySet<string>;
  /** The first parameter by the event named first (`'messageCreate'`); events not listed say nothing. */
  readonly byEvent?: ReadonlyMap<string, ClientKind>;
  /** The first parameter of every handler, whatever the event (a bot framework's context). */
  readonly always?: ClientKind;
}

const REDIS_COMMANDS = [
  'get', 'set', 'del', 'unlink', 'exists', 'expire', 'expireat', 'pexpire', 'ttl', 'pttl', 'persist', 'incr', 'incrby', 'decr',
  'decrby', 'getset', 'getdel', 'setex', 'psetex', 'setnx', 'mget', 'mset', 'append', 'strlen', 'hget', 'hset', 'hsetnx', 'hmset',
  'hmget', 'hgetall', 'hdel', 'hincrby', 'hkeys', 'hvals', 'hexists', 'hlen', 'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'llen',
  'lrem', 'ltrim', 'lindex', 'lset', 'blpop', 'brpop', 'sadd', 'srem', 'smembers', 'sismember', 'scard', 'spop', 'zadd', 'zrem',
  'zrange', 'zrangebyscore', 'zrevrange', 'zrevrangebyscore', 'zscore', 'zincrby', 'zcard', 'zcount', 'zremrangebyscore',
  'publish', 'keys', 'scan', 'hscan', 'sscan', 'zscan', 'flushdb', 'flushall', 'select', 'ping', 'eval', 'evalsha', 'info',
  'xadd', 'xread', 'xreadgroup', 'xrange', 'xlen', 'xack', 'xdel', 'xtrim', 'pfadd', 'pfcount', 'geoadd', 'rename', 'type',
  'dbsize', 'quit',
];
const IOREDIS: ClientKind = { methods: new Set([...REDIS_COMMANDS, 'connect', 'subscribe', 'psubscribe']), caseInsensitive: true };
const NODE_REDIS: ClientKind = { methods: new Set([...REDIS_COMMANDS, 'connect', 'disconnect', 'sendcommand']), caseInsensitive: true };

const PUPPETEER_PAGE: ClientKind = {
  methods: new Set([
    'goto', 'reload', 'goBack', 'goForward', 'click', 'type', 'focus', 'hover', 'select', 'tap', 'screenshot', 'pdf', 'evaluate',
    'evaluateHandle', 'evaluateOnNewDocument', '$', '$$', '$eval', '$$eval', 'waitForSelector', 'waitForFunction',
    'waitForNavigation', 'waitForRequest', 'waitForResponse', 'waitForNetworkIdle', 'setViewport', 'setContent', 'content', 'title',
    'close', 'setCookie', 'cookies', 'deleteCookie', 'setUserAgent', 'setExtraHTTPHeaders', 'setRequestInterception',
    'setJavaScriptEnabled', 'setCacheEnabled', 'emulate', 'emulateMediaType', 'exposeFunction', 'addScriptTag', 'addStyleTag',
    'authenticate', 'bringToFront', 'setBypassCSP',
  ]),
};
const PUPPETEER_BROWSER: ClientKind = {
  methods: new Set(['newPage', 'close', 'pages', 'version', 'userAgent', 'createBrowserContext', 'waitForTarget']),
  products: new Map([['newPage', { kind: PUPPETEER_PAGE, awaited: true }]]),
};

const PLAYWRIGHT_PAGE: ClientKind = {
  methods: new Set([
    'goto', 'reload', 'goBack', 'goForward', 'click', 'dblclick', 'fill', 'type', 'press', 'check', 'uncheck', 'selectOption',
    'hover', 'focus', 'tap', 'setInputFiles', 'screenshot', 'pdf', 'evaluate', 'evaluateHandle', 'waitForSelector',
    'waitForLoadState', 'waitForURL', 'waitForFunction', 'waitForResponse', 'waitForRequest', 'waitForEvent', 'close', 'content',
    'title', 'setContent', 'setViewportSize', 'setExtraHTTPHeaders', 'addInitScript', 'route', 'unroute', 'exposeFunction',
    'innerText', 'innerHTML', 'textContent', 'getAttribute', 'dispatchEvent', 'dragAndDrop', 'bringToFront', 'emulateMedia',
  ]),
};
const PLAYWRIGHT_CONTEXT: ClientKind = {
  methods: new Set(['newPage', 'close', 'addCookies', 'cookies', 'clearCookies', 'grantPermissions', 'route', 'storageState', 'addInitScript', 'setExtraHTTPHeaders']),
  products: new Map([['newPage', { kind: PLAYWRIGHT_PAGE, awaited: true }]]),
};
const PLAYWRIGHT_BROWSER: ClientKind = {
  methods: new Set(['newContext', 'newPage', 'close']),
  products: new Map([
    ['newContext', { kind: PLAYWRIGHT_CONTEXT, awaited: true }],
    ['newPage', { kind: PLAYWRIGHT_PAGE, awaited: true }],
  ]),
};

const AMQP_CHANNEL: ClientKind = {
  methods: new Set([
    'assertQueue', 'assertExchange', 'bindQueue', 'unbindQueue', 'bindExchange', 'unbindExchange', 'checkQueue', 'checkExchange',
    'deleteQueue', 'deleteExchange', 'purgeQueue', 'consume', 'cancel', 'prefetch', 'recover', 'close', 'get', 'waitForConfirms',
  ]),
};
const AMQP_CONNECTION: ClientKind = {
  methods: new Set(['createChannel', 'createConfirmChannel', 'close']),
  products: new Map([
    ['createChannel', { kind: AMQP_CHANNEL, awaited: true }],
    ['createConfirmChannel', { kind: AMQP_CHANNEL, awaited: true }],
  ]),
};

const SQL_CLIENT: ClientKind = { methods: new Set(['query', 'connect', 'end']) };
const MYSQL_CLIENT: ClientKind = { methods: new Set(['query', 'execute', 'end', 'getConnection', 'beginTransaction', 'commit', 'rollback', 'ping']) };

const TELEGRAM_BOT: ClientKind = {
  methods: new Set([
    'sendMessage', 'sendPhoto', 'sendAudio', 'sendDocument', 'sendVideo', 'sendAnimation', 'sendVoice', 'sendVideoNote',
    'sendMediaGroup', 'sendLocation', 'sendVenue', 'sendContact', 'sendPoll', 'sendDice', 'sendChatAction', 'sendSticker',
    'sendInvoice', 'forwardMessage', 'copyMessage', 'answerCallbackQuery', 'answerInlineQuery', 'answerPreCheckoutQuery',
    'answerShippingQuery', 'editMessageText', 'editMessageCaption', 'editMessageReplyMarkup', 'editMessageMedia', 'deleteMessage',
    'pinChatMessage', 'unpinChatMessage', 'banChatMember', 'kickChatMember', 'unbanChatMember', 'restrictChatMember',
    'promoteChatMember', 'setWebHook', 'deleteWebHook', 'getMe', 'getChat', 'getChatMember', 'getFile', 'getFileLink', 'getUpdates',
    'setMyCommands', 'leaveChat', 'startPolling', 'stopPolling', 'openWebHook', 'closeWebHook', 'getUserProfilePhotos',
    'setChatTitle', 'setChatDescription', 'setChatPhoto', 'exportChatInviteLink', 'createChatInviteLink', 'stopPoll', 'downloadFile',
  ]),
};

const KAFKA_PRODUCER: ClientKind = { methods: new Set(['connect', 'disconnect', 'send', 'sendBatch', 'transaction']) };
const KAFKA_CONSUMER: ClientKind = { methods: new Set(['connect', 'disconnect', 'subscribe', 'run', 'stop', 'commitOffsets']) };
const KAFKA_ADMIN: ClientKind = { methods: new Set(['connect', 'disconnect', 'createTopics', 'deleteTopics', 'fetchTopicMetadata', 'listTopics', 'fetchOffsets', 'createPartitions']) };
const KAFKA: ClientKind = {
  methods: new Set(),
  products: new Map([
    ['producer', { kind: KAFKA_PRODUCER, awaited: false }],
    ['consumer', { kind: KAFKA_CONSUMER, awaited: false }],
    ['admin', { kind: KAFKA_ADMIN, awaited: false }],
  ]),
};

const BULLMQ_QUEUE: ClientKind = { methods: new Set(['add', 'addBulk', 'close', 'pause', 'resume', 'obliterate', 'drain', 'getJob', 'getJobs', 'getJobCounts', 'clean']) };
/** workerpool's pool: `exec` and `proxy` hand back its promises, and `terminate` one that settles once the workers are gone. */
const WORKER_POOL: ClientKind = { methods: new Set(['exec', 'proxy', 'terminate']) };

const SEND_CLIENT: ClientKind = { methods: new Set(['send']) };
/** A Rollup build (`await rollup.rollup(options)`): its output and its release are asynchronous. */
const ROLLUP_BUILD: ClientKind = { methods: new Set(['generate', 'write', 'close']) };
/** An index of algoliasearch 3 and 4 (`client.initIndex(name)`): each method returns a promise when given no callback. */
const ALGOLIA_INDEX: ClientKind = {
  methods: new Set([
    'search', 'searchForFacetValues', 'browse', 'getObject', 'getObjects', 'saveObject', 'saveObjects', 'addObject', 'addObjects',
    'partialUpdateObject', 'partialUpdateObjects', 'deleteObject', 'deleteObjects', 'deleteBy', 'clearObjects', 'clearIndex',
    'replaceAllObjects', 'getSettings', 'setSettings', 'waitTask', 'saveSynonym', 'saveSynonyms', 'saveRule', 'saveRules',
    'clearSynonyms', 'clearRules', 'delete', 'exists', 'findObject',
  ]),
};
const ALGOLIA_CLIENT: ClientKind = {
  methods: new Set(['copyIndex', 'moveIndex', 'deleteIndex', 'listIndices', 'multipleQueries', 'multipleBatch', 'search']),
  products: new Map([['initIndex', { kind: ALGOLIA_INDEX, awaited: false }]]),
};

const MONGO_COLLECTION: ClientKind = {
  methods: new Set([
    'insertOne', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOne', 'replaceOne', 'findOneAndUpdate',
    'findOneAndDelete', 'findOneAndReplace', 'countDocuments', 'estimatedDocumentCount', 'bulkWrite', 'createIndex', 'createIndexes',
    'dropIndex', 'drop', 'distinct',
  ]),
};
const MONGO_DB: ClientKind = {
  methods: new Set(['createCollection', 'dropDatabase', 'command', 'dropCollection']),
  products: new Map([['collection', { kind: MONGO_COLLECTION, awaited: false }]]),
};
const MONGO_CLIENT: ClientKind = {
  methods: new Set(['connect', 'close']),
  products: new Map([['db', { kind: MONGO_DB, awaited: false }]]),
};

/** Prisma's model delegates (`prisma.user`): each query is a lazy promise that runs only when awaited or chained. */
const PRISMA_DELEGATE: ClientKind = {
  methods: new Set([
    'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'createMany', 'createManyAndReturn',
    'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany', 'count', 'aggregate', 'groupBy',
  ]),
};
const PRISMA_CLIENT: ClientKind = {
  methods: new Set(['$connect', '$disconnect', '$transaction', '$executeRaw', '$queryRaw', '$executeRawUnsafe', '$queryRawUnsafe', '$runCommandRaw']),
  delegates: PRISMA_DELEGATE,
};

/**
 * The VS Code API's stores, whose writes return a thenable that rejects when they fail: a configuration's `update`,
 * an extension context's `globalState`/`workspaceState` (`update`) and `secrets` (`store`, `delete`).
 */
const VSCODE_CONFIGURATION: ClientKind = { methods: new Set(['update']) };
const VSCODE_MEMENTO: ClientKind = { methods: new Set(['update']) };
const VSCODE_SECRETS: ClientKind = { methods: new Set(['store', 'delete']) };
const VSCODE_EXTENSION_CONTEXT: ClientKind = {
  methods: new Set(),
  properties: new Map([
    ['globalState', VSCODE_MEMENTO],
    ['workspaceState', VSCODE_MEMENTO],
    ['secrets', VSCODE_SECRETS],
  ]),
};

/**
 * Chat bots, whose replies go over the network and reject when the platform refuses them (a missing permission, a
 * deleted message): discord.js's messages and interactions handed to a client's listeners, and Telegraf's context.
 */
const DISCORD_CHANNEL: ClientKind = { methods: new Set(['send', 'bulkDelete', 'sendTyping']) };
const DISCORD_MESSAGE: ClientKind = {
  methods: new Set(['reply', 'react', 'delete', 'edit', 'pin', 'unpin', 'crosspost', 'startThread', 'suppressEmbeds']),
  properties: new Map([['channel', DISCORD_CHANNEL]]),
};
const DISCORD_INTERACTION: ClientKind = {
  methods: new Set(['reply', 'deferReply', 'editReply', 'deleteReply', 'followUp', 'update', 'deferUpdate', 'showModal', 'respond']),
  properties: new Map([['channel', DISCORD_CHANNEL]]),
};
const DISCORD_CLIENT: ClientKind = {
  methods: new Set(),
  handlers: {
    registrations: new Set(['on', 'once']),
    byEvent: new Map([
      ['messageCreate', DISCORD_MESSAGE],
      ['message', DISCORD_MESSAGE],
      ['interactionCreate', DISCORD_INTERACTION],
    ]),
  },
};
const TELEGRAF_TELEGRAM: ClientKind = { methods: new Set(TELEGRAM_BOT.methods) };
const TELEGRAF_CONTEXT: ClientKind = {
  methods: new Set([
    'reply', 'replyWithHTML', 'replyWithMarkdown', 'replyWithMarkdownV2', 'replyWithPhoto', 'replyWithDocument', 'replyWithAudio',
    'replyWithVideo', 'replyWithSticker', 'replyWithAnimation', 'replyWithVoice', 'replyWithLocation', 'replyWithMediaGroup',
    'replyWithPoll', 'replyWithDice', 'replyWithChatAction', 'answerCbQuery', 'answerInlineQuery', 'editMessageText',
    'editMessageCaption', 'editMessageReplyMarkup', 'editMessageMedia', 'deleteMessage', 'sendMessage', 'forwardMessage',
    'copyMessage', 'pinChatMessage', 'unpinChatMessage', 'leaveChat',
  ]),
  properties: new Map([['telegram', TELEGRAF_TELEGRAM]]),
};
const TELEGRAF: ClientKind = {
  methods: new Set(),
  properties: new Map([['telegram', TELEGRAF_TELEGRAM]]),
  handlers: {
    registrations: new Set(['on', 'command', 'start', 'help', 'settings', 'hears', 'action', 'use', 'mention', 'hashtag', 'inlineQuery', 'url', 'email']),
    always: TELEGRAF_CONTEXT,
  },
};

/** How a value is made: `new` of an export, a call of an export, or an awaited call of an export. */
type Making = 'new' | 'call' | 'await';

interface Maker {
  readonly module: string;
  /** The export's path (`[]` is the module itself; a default export is also accepted as `['default']`). */
  readonly path: readonly string[];
  readonly making: Making;
  readonly kind: ClientKind;
  /** The package's first major version with this promise API, checked when the project declares the package. */
  readonly sinceMajor?: number;
}

const MAKERS: readonly Maker[] = [
  { module: 'ioredis', path: [], making: 'new', kind: IOREDIS },
  { module: 'ioredis', path: ['Redis'], making: 'new', kind: IOREDIS },
  { module: 'ioredis', path: ['Cluster'], making: 'new', kind: IOREDIS },
  { module: 'redis', path: ['createClient'], making: 'call', kind: NODE_REDIS, sinceMajor: 4 },
  { module: 'redis', path: ['createCluster'], making: 'call', kind: NODE_REDIS, sinceMajor: 4 },
  { module: '@redis/client', path: ['createClient'], making: 'call', kind: NODE_REDIS },
  { module: 'puppeteer', path: ['launch'], making: 'await', kind: PUPPETEER_BROWSER },
  { module: 'puppeteer', path: ['connect'], making: 'await', kind: PUPPETEER_BROWSER },
  { module: 'puppeteer-core', path: ['launch'], making: 'await', kind: PUPPETEER_BROWSER },
  { module: 'puppeteer-core', path: ['connect'], making: 'await', kind: PUPPETEER_BROWSER },
  ...['playwright', 'playwright-core', '@playwright/test'].flatMap((module) =>
    ['chromium', 'firefox', 'webkit'].flatMap((browser) => [
      { module, path: [browser, 'launch'], making: 'await' as const, kind: PLAYWRIGHT_BROWSER },
      { module, path: [browser, 'connect'], making: 'await' as const, kind: PLAYWRIGHT_BROWSER },
    ]),
  ),
  { module: 'amqplib', path: ['connect'], making: 'await', kind: AMQP_CONNECTION },
  { module: 'rollup', path: ['rollup'], making: 'await', kind: ROLLUP_BUILD, sinceMajor: 1 },
  { module: 'algoliasearch', path: [], making: 'call', kind: ALGOLIA_CLIENT, sinceMajor: 3 },
  { module: 'workerpool', path: ['pool'], making: 'call', kind: WORKER_POOL },
  { module: 'pg', path: ['Pool'], making: 'new', kind: SQL_CLIENT, sinceMajor: 7 },
  { module: 'pg', path: ['Client'], making: 'new', kind: SQL_CLIENT, sinceMajor: 7 },
  { module: 'mysql2/promise', path: ['createPool'], making: 'call', kind: MYSQL_CLIENT },
  { module: 'mysql2/promise', path: ['createConnection'], making: 'await', kind: MYSQL_CLIENT },
  { module: 'node-telegram-bot-api', path: [], making: 'new', kind: TELEGRAM_BOT },
  { module: 'kafkajs', path: ['Kafka'], making: 'new', kind: KAFKA },
  { module: 'bullmq', path: ['Queue'], making: 'new', kind: BULLMQ_QUEUE },
  { module: 'bullmq', path: ['FlowProducer'], making: 'new', kind: { methods: new Set(['add', 'addBulk', 'close']) } },
  { module: 'mongodb', path: ['MongoClient'], making: 'new', kind: MONGO_CLIENT },
  { module: 'mongodb', path: ['MongoClient', 'connect'], making: 'await', kind: MONGO_CLIENT },
  { module: '@prisma/client', path: ['PrismaClient'], making: 'new', kind: PRISMA_CLIENT },
  { module: 'vscode', path: ['workspace', 'getConfiguration'], making: 'call', kind: VSCODE_CONFIGURATION },
  { module: 'discord.js', path: ['Client'], making: 'new', kind: DISCORD_CLIENT },
  { module: 'telegraf', path: ['Telegraf'], making: 'new', kind: TELEGRAF },
  { module: 'telegraf', path: [], making: 'new', kind: TELEGRAF },
];

/**
 * The types of these packages that name such a client, for a receiver known by its written type (`redis: Redis`,
 * `constructor(private readonly page: Page)`, with the type imported from the package). `default` is the default
 * import (`import Redis from 'ioredis'`).
 */
const CLIENT_TYPES: readonly { readonly module: string; readonly names: readonly string[]; readonly kind: ClientKind }[] = [
  { module: 'ioredis', names: ['default', 'Redis', 'Cluster'], kind: IOREDIS },
  { module: 'redis', names: ['RedisClientType', 'RedisClusterType'], kind: NODE_REDIS },
  { module: '@redis/client', names: ['RedisClientType'], kind: NODE_REDIS },
  ...['puppeteer', 'puppeteer-core'].flatMap((module) => [
    { module, names: ['Browser'], kind: PUPPETEER_BROWSER },
    { module, names: ['Page'], kind: PUPPETEER_PAGE },
  ]),
  ...['playwright', 'playwright-core', '@playwright/test'].flatMap((module) => [
    { module, names: ['Browser'], kind: PLAYWRIGHT_BROWSER },
    { module, names: ['BrowserContext'], kind: PLAYWRIGHT_CONTEXT },
    { module, names: ['Page'], kind: PLAYWRIGHT_PAGE },
  ]),
  { module: 'amqplib', names: ['Channel', 'ConfirmChannel'], kind: AMQP_CHANNEL },
  { module: 'rollup', names: ['RollupBuild'], kind: ROLLUP_BUILD },
  { module: 'amqplib', names: ['Connection', 'ChannelModel'], kind: AMQP_CONNECTION },
  { module: 'pg', names: ['Pool', 'Client', 'PoolClient'], kind: SQL_CLIENT },
  { module: 'mysql2/promise', names: ['Pool', 'Connection', 'PoolConnection'], kind: MYSQL_CLIENT },
  { module: 'node-telegram-bot-api', names: ['default'], kind: TELEGRAM_BOT },
  { module: 'kafkajs', names: ['Producer'], kind: KAFKA_PRODUCER },
  { module: 'kafkajs', names: ['Consumer'], kind: KAFKA_CONSUMER },
  { module: 'kafkajs', names: ['Admin'], kind: KAFKA_ADMIN },
  { module: 'bullmq', names: ['Queue'], kind: BULLMQ_QUEUE },
  { module: 'mongodb', names: ['MongoClient'], kind: MONGO_CLIENT },
  { module: 'mongodb', names: ['Db'], kind: MONGO_DB },
  { module: 'mongodb', names: ['Collection'], kind: MONGO_COLLECTION },
  { module: '@prisma/client', names: ['PrismaClient'], kind: PRISMA_CLIENT },
  { module: 'vscode', names: ['WorkspaceConfiguration'], kind: VSCODE_CONFIGURATION },
  { module: 'vscode', names: ['ExtensionContext'], kind: VSCODE_EXTENSION_CONTEXT },
  { module: 'vscode', names: ['Memento'], kind: VSCODE_MEMENTO },
  { module: 'vscode', names: ['SecretStorage'], kind: VSCODE_SECRETS },
];

/** Every method of every kind the makers and the written types reach, for the cheap name check before a receiver is followed. */
const ALL_METHODS: ReadonlySet<string> = collectMethods([...MAKERS.map((maker) => maker.kind), ...CLIENT_TYPES.map((entry) => entry.kind), SEND_CLIENT]);
const ALL_METHODS_LOWER: ReadonlySet<string> = new Set([...ALL_METHODS].map((name) => name.toLowerCase()));

/** How far a receiver is followed through `const` aliases, fields and the clients that made it. */
const ORIGIN_LIMITS = { maxDepth: 6, maxSteps: 40 };

/**
 * True when `call` is a method of a package's client that returns a promise (see the top of this file), called
 * without a callback.
 */
export function isPackageClientPromiseCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null || !ALL_METHODS_LOWER.has(method.toLowerCase())) return false;
  const last = call.arguments[call.arguments.length - 1];
  if (last && mayBeCallback(sourceCode, last)) return false;
  const kind = clientOf(sourceCode, callee.object, new BoundedWalk(ORIGIN_LIMITS));
  if (!kind) return false;
  return kind.methods.has(kind.caseInsensitive ? method.toLowerCase() : method);
}

/** The client kind of the value `raw`, or null when nothing shows that a package made it. */
function clientOf(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): ClientKind | null {
  return walk.enter(raw, null, () => clientOfStep(sourceCode, raw, walk));
}

function clientOfStep(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): ClientKind | null {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.NewExpression:
      return madeBy(sourceCode, resolveModuleReference(sourceCode, node.callee), 'new');
    case AST_NODE_TYPES.CallExpression:
      return madeBy(sourceCode, resolveModuleReference(sourceCode, node.callee), 'call') ?? productOf(sourceCode, node, false, walk);
    case AST_NODE_TYPES.AwaitExpression: {
      const awaited = skipExpressionWrappers(node.argument);
      if (awaited.type !== AST_NODE_TYPES.CallExpression) return null;
      return awaitedClientOf(sourceCode, awaited, walk);
    }
    // `exists ? tmpIndex : index`: the one kind both branches make
    case AST_NODE_TYPES.ConditionalExpression:
      return clientOfEveryValue(sourceCode, [node.consequent, node.alternate], walk);
    case AST_NODE_TYPES.Identifier: {
      const written = writtenClientType(sourceCode, node);
      if (written) return written;
      const variable = findVariableOf(sourceCode, node);
      if (variable?.defs[0]?.type === 'Parameter') return handlerParameterOf(sourceCode, variable.defs[0].name, walk);
      const definition = variable?.defs[0];
      if (!variable || definition?.type !== 'Variable' || definition.node.id !== definition.name) return null;
      if (!isNeverReassigned(variable)) return clientOfVariableWrites(sourceCode, node, variable, walk);
      const init = definition.node.init;
      return init ? clientOf(sourceCode, init, walk) : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      // this.redis, set once in the constructor or as a field, or declared with the package's type
      const init = getThisFieldInit(sourceCode, node);
      if (init) return clientOf(sourceCode, init, walk);
      const assigned = clientOfFieldValues(sourceCode, node, walk);
      if (assigned) return assigned;
      const written = writtenClientType(sourceCode, node);
      if (written) return written;
      // context.globalState: a client a property of another holds; prisma.user: a model delegate of a Prisma client
      const property = getStaticPropertyName(node);
      if (property === null) return null;
      const owner = clientOf(sourceCode, node.object, walk);
      const held = owner?.properties?.get(property);
      if (held) return held;
      return property.startsWith('$') ? null : (owner?.delegates ?? null);
    }
    default:
      return null;
  }
}

/**
 * A receiver whose written type is a package's client type (`redis: Redis` with `import Redis from 'ioredis'`), or
 * a class of the project that extends one (`prisma: PrismaService` where `class PrismaService extends PrismaClient`).
 */
function writtenClientType(sourceCode: SourceCode, receiver: TSESTree.Node): ClientKind | null {
  if (!isTypeScriptSource(sourceCode)) return null;
  for (const { module, name } of declaredTypeOfReceiver(sourceCode, receiver)?.packageTypes() ?? []) {
    const entry = CLIENT_TYPES.find((candidate) => candidate.module === module && candidate.names.includes(name));
    if (entry) return entry.kind;
    // every AWS SDK v3 client type: `S3Client`, `DynamoDBClient`
    if (module.startsWith('@aws-sdk/client-') && name.endsWith('Client')) return SEND_CLIENT;
  }
  return null;
}

/**
 * `this.connection` that the class fills with one kind of client wherever it writes it (`connect().then((connection)
 * => { this.connection = connection; })`), clearing it otherwise (`this.connection = null`): that client.
 */
function clientOfFieldValues(sourceCode: SourceCode, member: TSESTree.MemberExpression, walk: BoundedWalk): ClientKind | null {
  return clientOfEveryValue(sourceCode, getThisFieldValues(sourceCode, member), walk);
}

/** The one kind of client every value written to a holder makes, clearing it to null aside; null when they differ or one is not a client. */
function clientOfEveryValue(sourceCode: SourceCode, values: readonly TSESTree.Node[], walk: BoundedWalk): ClientKind | null {
  let kind: ClientKind | null = null;
  for (const value of values) {
    if (isNullishValue(value)) continue; // cleared, not filled
    const valueKind = clientOf(sourceCode, value, walk);
    if (!valueKind || (kind && kind !== valueKind)) return null;
    kind = valueKind;
  }
  return kind;
}

/**
 * A variable assigned more than once (`let pool; … pool = workerpool.pool(path); … pool = null;`): the client every
 * value written to it makes, when all make the same kind (clearing it to null aside) and every write is a plain
 * assignment the analysis reads.
 */
function clientOfVariableWrites(sourceCode: SourceCode, identifier: TSESTree.Identifier, variable: TSESLint.Scope.Variable, walk: BoundedWalk): ClientKind | null {
  const values = getVariableWrites(sourceCode, identifier);
  // a write the list does not hold (`[pool] = …`, `pool += …`) would be a value not checked
  if (values.length !== variable.references.filter((reference) => reference.isWrite()).length) return null;
  return clientOfEveryValue(sourceCode, values, walk);
}

/**
 * The first parameter of a handler registered on a client (`client.on('messageCreate', (message) => …)`,
 * `bot.command('start', (ctx) => …)`): what the client's `handlers` say it is.
 */
function handlerParameterOf(sourceCode: SourceCode, name: TSESTree.Node, walk: BoundedWalk): ClientKind | null {
  const fn = name.parent;
  if (!fn || !isFunctionNode(fn) || fn.params[0] !== name) return null;
  const registration = fn.parent;
  if (registration?.type !== AST_NODE_TYPES.CallExpression || !registration.arguments.includes(fn as TSESTree.CallExpressionArgument)) return null;
  const callee = skipExpressionWrappers(registration.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  if (method === null || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  // amqp.connect(url).then((connection) => …): the client the awaited call makes
  if (method === 'then' && registration.arguments[0] === fn) return awaitedClientOf(sourceCode, callee.object, walk);
  const handlers = clientOf(sourceCode, callee.object, walk)?.handlers;
  if (!handlers?.registrations.has(method)) return null;
  if (handlers.always) return handlers.always;
  const event = registration.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? (handlers.byEvent?.get(event.value) ?? null) : null;
}

/** What awaiting `raw` gives when it is a call that makes a client once awaited (`amqp.connect(url)`, `browser.newPage()`). */
function awaitedClientOf(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): ClientKind | null {
  const call = skipExpressionWrappers(raw);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  return madeBy(sourceCode, resolveModuleReference(sourceCode, call.callee), 'await') ?? productOf(sourceCode, call, true, walk);
}

/** `browser.newPage()` (awaited) or `kafka.producer()`: a client handed out by another one. */
function productOf(sourceCode: SourceCode, call: TSESTree.CallExpression, awaited: boolean, walk: BoundedWalk): ClientKind | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  if (method === null) return null;
  const maker = clientOf(sourceCode, callee.object, walk);
  const product = maker?.products?.get(method);
  return product && product.awaited === awaited ? product.kind : null;
}

function madeBy(sourceCode: SourceCode, reference: ModuleReference | null, making: Making): ClientKind | null {
  if (!reference) return null;
  const path = exportPath(reference);
  for (const maker of MAKERS) {
    if (maker.making !== making || maker.module !== reference.module || !samePath(maker.path, path)) continue;
    if (maker.sinceMajor !== undefined) {
      const major = declaredMajorVersion(getFileDirectory(sourceCode), maker.module);
      if (major !== null && major < maker.sinceMajor) return null;
    }
    return maker.kind;
  }
  // every AWS SDK v3 client: `new S3Client(…)`, `new DynamoDBClient(…)`; its `send(command)` returns a promise
  if (making === 'new' && reference.module.startsWith('@aws-sdk/client-') && path.length === 1 && path[0]?.endsWith('Client')) return SEND_CLIENT;
  return null;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/** Names that say a value is a callback: `cb`, `done`, `callback`, `onResult`, `handleReply`. */
const CALLBACK_NAME = /^(?:cb|fn|done|next|callback|\w*Callback|on[A-Z]\w*|handle[A-Z]\w*|\w*Handler)$/;

/** A callback passed last: a function, a function of this file by name, or a name that says it is one. */
function mayBeCallback(sourceCode: SourceCode, argument: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(argument);
  if (isFunctionNode(inner)) return true;
  if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = inner.type === AST_NODE_TYPES.Identifier ? inner.name : getStaticPropertyName(inner);
  return name === null || CALLBACK_NAME.test(name) || resolveLocalCallables(sourceCode, inner).length > 0;
}

/** The methods of `roots` and of every kind they lead to (products, properties, delegates, handlers' parameters). */
function collectMethods(roots: readonly ClientKind[]): Set<string> {
  const methods = new Set<string>();
  const seen = new Set<ClientKind>();
  const pending = [...roots];
  for (let kind = pending.pop(); kind !== undefined; kind = pending.pop()) {
    if (seen.has(kind)) continue;
    seen.add(kind);
    for (const method of kind.methods) methods.add(method);
    for (const product of kind.products?.values() ?? []) pending.push(product.kind);
    for (const held of kind.properties?.values() ?? []) pending.push(held);
    if (kind.delegates) pending.push(kind.delegates);
    if (kind.handlers?.always) pending.push(kind.handlers.always);
    for (const parameter of kind.handlers?.byEvent?.values() ?? []) pending.push(parameter);
  }
  return methods;
}
