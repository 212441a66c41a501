import * as path from 'node:path';

import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import { RuleTester as ESLintRuleTester } from 'eslint';

import rule, { type MessageIds, type Options } from '../../../eslint-plugin/src/rules/no-blocking-in-async';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';
import { TS_AWAITER_HELPER } from '../compiledCode';

type Case = InvalidTestCase<MessageIds, Options>;
type Suggestion = { messageId: MessageIds; output: string };
type Location = { line: number; column: number; endLine: number; endColumn: number };

/** The location of the `nth` occurrence of `text` in `code`: the exact range a report must cover. */
function at(code: string, text: string, nth = 0): Location {
  let index = -1;
  for (let seen = 0; seen <= nth; seen++) {
    index = code.indexOf(text, index + 1);
    if (index < 0) throw new Error(`"${text}" occurs fewer than ${nth + 1} times in:\n${code}`);
  }
  const before = code.slice(0, index).split('\n');
  const inside = text.split('\n');
  const line = before.length;
  const column = (before[before.length - 1] as string).length + 1;
  const endLine = line + inside.length - 1;
  const endColumn = inside.length === 1 ? column + text.length : (inside[inside.length - 1] as string).length + 1;
  return { line, column, endLine, endColumn };
}

interface Expected {
  messageId: MessageIds;
  /** The reported source text (its first occurrence, or the `nth`). */
  text: string;
  nth?: number;
  data?: Record<string, string>;
  suggestions?: Suggestion[];
}

/** An invalid case: every error's exact range, messageId and suggestions; the rule never autofixes. */
function invalid(code: string, errors: Expected[], options?: Options[0]): Case {
  return {
    code,
    ...(options ? { options: [options] } : {}),
    output: null,
    errors: errors.map(({ messageId, text, nth, data, suggestions }) => ({
      messageId,
      ...at(code, text, nth),
      ...(data ? { data } : {}),
      suggestions: suggestions ?? [],
    })),
  };
}

/** One blocking call with no suggestion. */
function blocked(code: string, text: string, messageId: MessageIds = 'blockingCall', options?: Options[0]): Case {
  return invalid(code, [{ messageId, text }], options);
}

const EXISTS_ADVICE = '`fs.promises.access` or `fs.promises.stat`';

/** `fs.existsSync` in the context under test: asserts the context the rule recognised. */
function existsIn(code: string, context: string): Case {
  return invalid(`import fs from "fs";\n${code}`, [
    { messageId: 'blockingCall', text: 'fs.existsSync("/tmp/x")', data: { name: 'fs.existsSync', context, advice: EXISTS_ADVICE } },
  ]);
}

/** A report on the blocking call of a file-private helper that only async code calls. */
function inHelper(text: string, name: string, helper: string, context: string, line: number, advice: string, nth = 0): Expected {
  return { messageId: 'blockingInAsyncOnlyHelper', text, nth, data: { name, helper, context, line: String(line), advice } };
}

/** A transitive report at the call of a local helper. */
function viaHelper(text: string, chain: string, context = 'an async function', nth = 0): Expected {
  const callee = chain.split(' → ')[0] as string;
  return { messageId: 'blockingViaHelper', text, nth, data: { callee, context, chain } };
}

const READ = 'import fs from "fs";\n';

runInBothModes('no-blocking-in-async', rule, {
  both: {
    valid: [
      // not the callback: the first argument of Node's callback-style I/O, or a function handed to a sync API
      `${READ}fs.readdir("/dev", { withFileTypes: true }, () => undefined);\nfs.readdirSync("/dev").forEach((name) => fs.existsSync(name));`,
      // Test code: nothing else waits on the event loop while a test reads its fixtures.
      { code: `${READ}async function f() { return fs.readFileSync("fixture.json"); }`, filename: 'test/file.ts' },
      { code: `${READ}async function f() { return fs.readFileSync("fixture.json"); }`, filename: 'src/user.test.ts' },
      `${READ}import { test } from "node:test";\ntest("reads", async () => { fs.readFileSync("fixture.json"); });`,
      `${READ}import { expect } from "chai";\nexport async function check() { expect(fs.readFileSync("a")).to.equal("b"); }`,
      // One-shot code: a command-line script, a start-up function called once from the top level, lazy initialisation.
      `#!/usr/bin/env node\n${READ}async function main() { const text = fs.readFileSync(process.argv[2] ?? "a", "utf8"); await fs.promises.writeFile("b", text); }\nmain();`,
      { code: `${READ}export async function build() { fs.writeFileSync("dist/x", "y"); }`, filename: 'bin/cli.ts' },
      { code: `${READ}export async function build() { fs.writeFileSync("dist/x", "y"); }`, filename: 'scripts/build.ts' },
      // a build tool's task file (jssip 3.7.0's gulpfile read and wrote files in fs callbacks)
      { code: `${READ}fs.readFile("package.json", (err, data) => { fs.writeFileSync("dist/version.js", String(data)); });`, filename: 'gulpfile.js' },
      { code: `${READ}export async function build() { fs.writeFileSync("dist/x", "y"); }`, filename: 'Gruntfile.cjs' },
      `${READ}async function main() { const cert = fs.readFileSync("cert.pem"); await start(cert); }\ndeclare function start(cert: Buffer): Promise<void>;\nmain().catch((error) => { console.error(error); process.exitCode = 1; });`,
      `${READ}const start = async () => { fs.mkdirSync("logs", { recursive: true }); };\nif (process.argv[1]) void start();`,
      `${READ}(async () => { const config = fs.readFileSync("config.json", "utf8"); await run(config); })();\ndeclare function run(c: string): Promise<void>;`,
      `${READ}class Store { client: unknown; async connect() { if (!this.client) { const cert = fs.readFileSync("cert.pem"); this.client = { cert }; } return this.client; } }`,
      `${READ}class Pool { connections: Record<string, unknown> = {}; async get(key: string) { if (this.connections[key]) return this.connections[key]; fs.mkdirSync("db", { recursive: true }); const conn = await open(key); this.connections[key] = conn; return conn; } }\ndeclare function open(k: string): Promise<unknown>;`,
      // A helper built around `Atomics.wait` waits on purpose (a sync flush that waits for a worker): its callers chose it.
      `function flushSync(state: Int32Array) { while (Atomics.load(state, 0) !== 0) Atomics.wait(state, 0, 1, 1000); }\nfunction nextFlush(state: Int32Array) { flushSync(state); }\nexport function write(state: Int32Array) { setImmediate(nextFlush, state); }\nexport async function end(state: Int32Array) { flushSync(state); }`,
      // Worker-thread code blocks its worker, not the main loop; `Atomics.wait` is how an idle worker sleeps.
      `import { parentPort } from "node:worker_threads";\nparentPort?.on("message", async (buffer: Int32Array) => { Atomics.wait(buffer, 0, 0); parentPort?.postMessage("done"); });`,
      `const { workerData } = require("worker_threads");\nconst fs = require("fs");\nasync function run() { return fs.readFileSync(workerData.path); }\nmodule.exports = run;`,
      // A small random fill costs microseconds: not in the catalog.
      `import crypto from "crypto";\nasync function mask() { const pool = Buffer.alloc(8192); crypto.randomFillSync(pool); return pool; }`,
      `${READ}const cache = new Map<string, string>();\nexport async function template(name: string) { if (!cache.has(name)) { cache.set(name, fs.readFileSync(name, "utf8")); } return cache.get(name); }`,
      // start-up code and ordinary sync functions
      `import fs from "fs";\nconst config = JSON.parse(fs.readFileSync("config.json", "utf8"));`,
      `import fs from "fs";\nfunction loadConfig() { return fs.readFileSync("config.json", "utf8"); }\nloadConfig();`,
      `import { execSync } from "child_process";\nexport function gitHead() { return execSync("git rev-parse HEAD").toString(); }`,
      // a nested sync function that is only defined (not called) inside async code
      `import fs from "fs";\nasync function f() { const later = () => fs.readFileSync("a"); return later; }`,
      // a function handed over by name to an array method, to an unknown function, or to a process exit
      // listener; a method of another class or object that happens to share the name
      `import fs from "fs";\nfunction load(p: string) { return fs.readFileSync(p); }\n["a"].map(load);\nregister(load);\nprocess.on("exit", load);`,
      `import fs from "fs";\nclass A { check() { return fs.existsSync("a"); } }\nclass B { check() {} run() { return fetchIt().then(this.check); } }`,
      `import fs from "fs";\nconst a = { check() { return fs.existsSync("a"); } };\nconst b = { check() {}, run() { return fetchIt().then(this.check); } };`,
      `import fs from "fs";\nclass A { check() { return fs.existsSync("a"); } run() { return fetchIt().then(function () { return later(this.check); }); } }`,
      // a callback handed to a function we know nothing about
      `import fs from "fs";\nasync function f(run: (cb: () => void) => void) { run(() => fs.readFileSync("a")); }`,
      // the promise API and the callback API do not block
      `import fs from "fs";\nasync function f() { await fs.promises.readFile("a"); fs.readFile("a", () => {}); }`,
      `import { readFile } from "node:fs/promises";\nasync function f() { return readFile("a"); }`,
      `import crypto from "crypto";\nasync function f() { return crypto.randomBytes(16).toString("hex") + crypto.createHash("sha1").digest("hex"); }`,
      `import { spawn, execFile } from "child_process";\nasync function f() { spawn("ls"); execFile("ls", () => {}); }`,
      // process exit/crash handlers must be synchronous
      `import fs from "fs";\nprocess.on("exit", () => { fs.writeFileSync("state.json", "{}"); });`,
      `import fs from "fs";\nimport proc from "node:process";\nproc.once("exit", () => fs.writeFileSync("state.json", "{}"));`,
      `import fs from "fs";\nprocess.on("uncaughtException", (error) => { fs.writeSync(process.stderr.fd, String(error)); });`,
      // a class field initialiser or static block runs when the class is evaluated or instantiated
      `import fs from "fs";\nclass Config { data = fs.readFileSync("c.json"); static defaults = fs.readFileSync("d.json"); }`,
      // top-level await is start-up code
      `import fs from "fs";\nawait import("./setup.js");\nconst text = fs.readFileSync("a");`,
      // shadowing: a parameter, a user function, a block-scoped local
      `import fs from "fs";\nasync function f(fs: { readFileSync(p: string): string }) { return fs.readFileSync("a"); }`,
      `function readFileSync(path: string) { return path; }\nasync function f() { return readFileSync("a"); }`,
      `import { readFileSync } from "fs";\nasync function f() { { const readFileSync = (p: string) => p; readFileSync("a"); } }`,
      `const fs = { readFileSync(p: string) { return p; } };\nasync function f() { return fs.readFileSync("a"); }`,
      `import { readFileSync } from "./my-fs";\nasync function f() { return readFileSync("a"); }`,
      `import { readFileSync } from "./no-blocking-in-async-own";\nasync function f() { return readFileSync("a"); }`,
      `async function f(store: { existsSync(p: string): boolean }) { return store.existsSync("a"); }`,
      `interface Store { readFileSync(p: string): string }\nasync function f(store: Store) { return store.readFileSync("a"); }`,
      `let fs = require("fs");\nfs = { readFileSync() {} };\nasync function f() { fs.readFileSync("a"); }`,
      // names outside the catalog
      `import fs from "fs";\nasync function f() { fs.Sync("a"); }`,
      `import { randomUUID } from "crypto";\nasync function f() { return randomUUID(); }`,
      `async function f() { Deno.env.get("HOME"); await Bun.sleep(5); }`,
      // transitive: an async helper is reported in its own body, not at the call
      `async function load() { return 1; }\nasync function f() { await load(); }`,
      // busy-wait loops that are not
      `async function f(deadline: number) { while (Date.now() < deadline) { await tick(); } }`,
      `async function f(deadline: number) { let n = 0; while (Date.now() < deadline) { n++; } return n; }`,
      `async function f(deadline: number) { while (Date.now() > deadline) {} }`,
      `async function f(a: number, b: number) { while (a < b) {} }`,
      `function spin(deadline: number) { while (Date.now() < deadline) {} }`,
      // require() is reported only with checkRequire
      `async function f() { const lib = require("lib"); return lib; }`,
      { code: `async function f() { return require.resolve("lib"); }`, options: [{ checkRequire: true }] },
      { code: `const lib = require("lib");\nasync function f() { return lib; }`, options: [{ checkRequire: true }] },
      // allow
      { code: `import fs from "fs";\nasync function f() { return fs.existsSync("a"); }`, options: [{ allow: ['existsSync'] }] },
      { code: `import fs from "fs";\nasync function f() { return fs.existsSync("a"); }`, options: [{ allow: ['fs.existsSync'] }] },
      { code: `import { execSync } from "child_process";\nasync function f() { execSync("ls"); }`, options: [{ allow: ['child_process.execSync'] }] },
      // checkHelpers: false
      { code: `import fs from "fs";\nfunction load() { return fs.readFileSync("a"); }\nasync function f() { return load(); }`, options: [{ checkHelpers: false }] },
      // framework shapes that are not route registrations
      `import fs from "fs";\nconst map = new Map();\nmap.get("key");\n[1, 2].forEach(() => fs.readFileSync("a"));`,
      `import fs from "fs";\nconst app = { get(a: unknown, b: unknown) {} };\napp.get("not-a-path", () => fs.readFileSync("a"));`,
      // ---- bundler plugin hooks that are not reported ----
      // not a bundler plugin: Astro's content loader `{ name, load }`, a Style Dictionary transform, an object without a name
      `import fs from "fs";\nexport function file(path: string) { return { name: "file-loader", load(context: unknown) { return fs.readFileSync(path, "utf8"); } }; }`,
      `import fs from "fs";\nStyleDictionary.registerTransform({ name: "asset/base64", type: "value", transform: (token: { path: string }) => fs.readFileSync(token.path, "base64") });`,
      `import fs from "fs";\nexport default { resolveId(id: string) { return id; }, load(id: string) { return fs.readFileSync(id, "utf8"); } };`,
      // hooks that run once per build or server start, once per saved file, or that Rollup calls synchronously
      `import fs from "fs";\nexport default function tsconfig() { return { name: "tsconfig", buildStart() { this.config = JSON.parse(fs.readFileSync("tsconfig.json", "utf8")); }, resolveId(id: string) { return null; } }; }`,
      `import fs from "fs";\nexport default function banner() { return { name: "banner", enforce: "post", generateBundle(options: unknown, bundle: Record<string, unknown>) { fs.writeFileSync("dist/banner.txt", Object.keys(bundle).join()); }, handleHotUpdate(ctx: { file: string }) { fs.readFileSync(ctx.file, "utf8"); } }; }`,
      `import fs from "fs";\nexport default function url() { return { name: "url", resolveId(id: string) { return id; }, resolveFileUrl({ fileName }: { fileName: string }) { return fs.existsSync(fileName) ? fileName : null; } }; }`,
      // a fixed file served by a virtual module (@vitejs/plugin-react's refresh runtime): read when that one module loads
      `import { readFileSync } from "fs";\nexport default function react() { return { name: "vite:react-refresh", load: { filter: { id: /^\\/@react-refresh$/ }, handler(id: string) { if (id === "/@react-refresh") return readFileSync(runtimePath, "utf-8"); } } }; }\ndeclare const runtimePath: string;`,
      // a helper that caches what it reads (Astro's env templates, @vitejs/plugin-vue's descriptors): helpers are not followed from a hook
      `import fs from "fs";\nconst cache = new Map<string, string>();\nfunction getDescriptor(filename: string) { if (!cache.has(filename)) cache.set(filename, fs.readFileSync(filename, "utf-8")); return cache.get(filename); }\nexport default function vue() { return { name: "vite:vue", resolveId(id: string) { return id; }, load(id: string) { return getDescriptor(id); } }; }`,
      // hooks given by name or made by a call, and callbacks inside a hook, are not followed
      `import fs from "fs";\nfunction loadFile(id: string) { return fs.readFileSync(id, "utf8"); }\nexport default function files() { return { name: "files", resolveId(id: string) { return id; }, load: loadFile }; }`,
      `import fs from "fs";\nexport default function deps() { return { name: "deps", transform(code: string, id: string) { return importsOf(code).map((dep) => fs.readFileSync(dep, "utf8")).join(); } }; }\ndeclare function importsOf(code: string): string[];`,
    ],
    invalid: [
      // ---- each async context ----
      existsIn(`async function f() { return fs.existsSync("/tmp/x"); }`, 'an async function'),
      existsIn(`const f = async () => fs.existsSync("/tmp/x");`, 'an async function'),
      existsIn(`class Store { async has() { return fs.existsSync("/tmp/x"); } }`, 'an async function'),
      existsIn(`const store = { async has() { return fs.existsSync("/tmp/x"); } };`, 'an async function'),
      existsIn(`fetchIt().then(() => fs.existsSync("/tmp/x"));`, 'a promise callback'),
      existsIn(`fetchIt().then(undefined, function () { return fs.existsSync("/tmp/x"); });`, 'a promise callback'),
      existsIn(`fetchIt().catch(() => fs.existsSync("/tmp/x"));`, 'a promise callback'),
      existsIn(`fetchIt().finally(() => { fs.existsSync("/tmp/x"); });`, 'a promise callback'),
      existsIn(`setTimeout(() => fs.existsSync("/tmp/x"), 100);`, 'a timer callback'),
      existsIn(`setInterval(function poll() { fs.existsSync("/tmp/x"); }, 1000);`, 'a timer callback'),
      existsIn(`setImmediate(() => fs.existsSync("/tmp/x"));`, 'a timer callback'),
      existsIn(`queueMicrotask(() => { fs.existsSync("/tmp/x"); });`, 'a microtask'),
      existsIn(`process.nextTick(() => fs.existsSync("/tmp/x"));`, 'a microtask'),
      // the callback of Node's callback-style I/O (serialport 2.0.6 stat'ed each entry of fs.readdir's callback)
      existsIn(`fs.readdir("/dev", (err, files) => { fs.existsSync("/tmp/x"); });`, 'the callback of an I/O call'),
      existsIn(`import { exec } from "child_process";\nexec("ls", function (err, out) { return fs.existsSync("/tmp/x"); });`, 'the callback of an I/O call'),
      existsIn(`import { EventEmitter } from "events";\nconst bus = new EventEmitter();\nbus.on("job", () => fs.existsSync("/tmp/x"));`, 'an event listener'),
      existsIn(`emitter.once("ready", () => fs.existsSync("/tmp/x"));`, 'an event listener'),
      existsIn(`emitter.addListener("data", (chunk) => fs.existsSync("/tmp/x"));`, 'an event listener'),
      existsIn(`emitter.prependListener("data", () => fs.existsSync("/tmp/x"));`, 'an event listener'),
      existsIn(`process.on("SIGUSR2", () => fs.existsSync("/tmp/x"));`, 'an event listener'),
      existsIn(`import http from "http";\nhttp.createServer((req, res) => { res.end(String(fs.existsSync("/tmp/x"))); });`, 'a request handler'),
      existsIn(`import https from "node:https";\nhttps.createServer({}, (req, res) => { fs.existsSync("/tmp/x"); });`, 'a request handler'),
      existsIn(`import { createSecureServer } from "http2";\ncreateSecureServer({}, (req, res) => fs.existsSync("/tmp/x"));`, 'a request handler'),
      existsIn(`import net from "net";\nnet.createServer((socket) => fs.existsSync("/tmp/x"));`, 'a request handler'),
      existsIn(`app.get("/health", (req, res) => res.json(fs.existsSync("/tmp/x")));`, 'a request handler'),
      existsIn(`router.post("/upload", auth, function (req, res) { fs.existsSync("/tmp/x"); });`, 'a request handler'),
      existsIn(`app.use((req, res, next) => { fs.existsSync("/tmp/x"); next(); });`, 'a request handler'),
      existsIn(`fastify.get("/", (request, reply) => fs.existsSync("/tmp/x"));`, 'a request handler'),
      existsIn(`fastify.route({ method: "GET", url: "/", handler(request, reply) { return fs.existsSync("/tmp/x"); } });`, 'a request handler'),
      existsIn(`fastify.addHook("onRequest", (request, reply, done) => { fs.existsSync("/tmp/x"); done(); });`, 'a request handler'),
      existsIn(`router.route("/users").get((req, res) => fs.existsSync("/tmp/x"));`, 'a request handler'),
      existsIn(`koa.use((ctx, next) => { ctx.body = fs.existsSync("/tmp/x"); return next(); });`, 'a request handler'),
      existsIn(`hono.get("/users/:id", (c) => c.json(fs.existsSync("/tmp/x")));`, 'a request handler'),
      existsIn(`async function* lines() { yield fs.existsSync("/tmp/x"); }`, 'an async function'),
      existsIn(`class Job { run = async () => fs.existsSync("/tmp/x"); }`, 'an async function'),
      existsIn(`async function f(ok = fs.existsSync("/tmp/x")) { return ok; }`, 'an async function'),
      existsIn(`import { setTimeout as later } from "node:timers";\nlater(() => fs.existsSync("/tmp/x"), 5);`, 'a timer callback'),
      existsIn(`window.addEventListener("message", () => fs.existsSync("/tmp/x"));`, 'an event listener'),
      // inherited contexts: a Promise executor, array callbacks, an IIFE inside async code
      existsIn(`async function f() { return new Promise((resolve) => resolve(fs.existsSync("/tmp/x"))); }`, 'an async function'),
      existsIn(`async function f(paths: string[]) { return paths.filter(() => fs.existsSync("/tmp/x")); }`, 'an async function'),
      existsIn(`async function f() { return (() => fs.existsSync("/tmp/x"))(); }`, 'an async function'),
      existsIn(`setTimeout(() => { [1, 2].forEach(() => fs.existsSync("/tmp/x")); });`, 'a timer callback'),
      // a function handed over by name runs where it is handed: a route, a timer, a promise chain, a listener
      existsIn(`function health(req, res) { res.json(fs.existsSync("/tmp/x")); }\napp.get("/health", health);`, 'a request handler'),
      existsIn(`const poll = () => { fs.existsSync("/tmp/x"); };\nsetInterval(poll, 1000);`, 'a timer callback'),
      existsIn(`class Deploy { run() { return fetchIt().then(this.check); } check() { return fs.existsSync("/tmp/x"); } }`, 'a promise callback'),
      existsIn(`class Watcher { start() { emitter.on("change", this.onChange.bind(this)); } onChange() { fs.existsSync("/tmp/x"); } }`, 'an event listener'),
      existsIn(`module.exports = { deploy() { return fetchIt().then(this.verify); }, verify(files) { return files.map(() => fs.existsSync("/tmp/x")); } };`, 'a promise callback'),

      // ---- bundler plugin hooks: a synchronous call on the module the hook is called for (no suggestion: `await` needs an async hook) ----
      // rollup 1.16.3's default plugin
      invalid(`import fs from "fs";\nfunction getRollupDefaultPlugin(preserveSymlinks: boolean) {\n  return {\n    name: "Rollup Core",\n    resolveId: createResolveId(preserveSymlinks),\n    load(id: string) {\n      return fs.readFileSync(id, "utf-8");\n    },\n  };\n}\ndeclare function createResolveId(preserveSymlinks: boolean): (id: string) => string;`, [
        { messageId: 'blockingCall', text: 'fs.readFileSync(id, "utf-8")', data: { name: 'fs.readFileSync', context: 'a bundler plugin hook', advice: '`fs.promises.readFile`' } },
      ]),
      // @rollup/plugin-image 3: `{ name, load }`, the hook's parameter is the module id
      invalid(`import { readFileSync } from "fs";\nexport default function image(options = {}) {\n  return {\n    name: "image",\n    load: function load(id: string) {\n      const source = readFileSync(id, "base64");\n      return \`export default "data:image/png;base64,\${source}";\`;\n    },\n  };\n}`, [
        { messageId: 'blockingCall', text: 'readFileSync(id, "base64")', data: { name: 'fs.readFileSync', context: 'a bundler plugin hook', advice: '`fs.promises.readFile`' } },
      ]),
      // @vitejs/plugin-vue: an object hook, the file name taken from the id
      invalid(`import fs from "fs";\nexport function vuePlugin() {\n  const plugin = {\n    name: "vite:vue",\n    load: {\n      filter: { id: /[?&]vue\\b/ },\n      handler(id: string) {\n        const { filename, query } = parseVueRequest(id);\n        if (query.src) return fs.readFileSync(filename, "utf-8");\n      },\n    },\n  };\n  return plugin;\n}\ndeclare function parseVueRequest(id: string): { filename: string; query: { src?: boolean } };`, [
        { messageId: 'blockingCall', text: 'fs.readFileSync(filename, "utf-8")', data: { name: 'fs.readFileSync', context: 'a bundler plugin hook', advice: '`fs.promises.readFile`' } },
      ]),
      // a resolver probing the disk per import; a transform reading each module's source map; Vite's index.html hook
      invalid(`import fs from "fs";\nimport path from "path";\nexport default () => ({\n  name: "local-resolve",\n  resolveId(source: string, importer: string) {\n    const file = path.resolve(path.dirname(importer), source);\n    if (fs.existsSync(file)) return file;\n    return null;\n  },\n});`, [
        { messageId: 'blockingCall', text: 'fs.existsSync(file)', data: { name: 'fs.existsSync', context: 'a bundler plugin hook', advice: EXISTS_ADVICE } },
      ]),
      invalid(`import fs from "fs";\nexport default function sourcemaps() {\n  return { name: "sourcemaps", transform(code: string, id: string) { return { code, map: fs.readFileSync(\`\${id}.map\`, "utf8") }; } };\n}`, [
        { messageId: 'blockingCall', text: 'fs.readFileSync(\`\${id}.map\`, "utf8")' },
      ]),
      invalid(`import fs from "fs";\nexport default function partials() {\n  return { name: "html-partials", transformIndexHtml(html: string, ctx: { filename: string }) { return html.replace("<!-- head -->", fs.readFileSync(ctx.filename + ".head", "utf8")); } };\n}`, [
        { messageId: 'blockingCall', text: 'fs.readFileSync(ctx.filename + ".head", "utf8")' },
      ]),
      // a plugin in a \`plugins\` array: the array is the evidence (the hook's parameter is not named \`id\`)
      invalid(`import fs from "fs";\nexport default defineConfig({\n  plugins: [{ name: "svg-raw", load(path: string) { if (path.endsWith(".svg")) return fs.readFileSync(path, "utf8"); } }],\n});\ndeclare function defineConfig(config: unknown): unknown;`, [
        { messageId: 'blockingCall', text: 'fs.readFileSync(path, "utf8")' },
      ]),
      invalid(`import { execSync } from "child_process";\nexport default function minify() {\n  return { name: "minify", apply: "build", renderChunk(code: string, chunk: { fileName: string }) { return execSync(\`terser \${chunk.fileName}\`).toString(); } };\n}`, [
        { messageId: 'blockingProcess', text: 'execSync(\`terser \${chunk.fileName}\`)' },
      ]),

      // ---- through functions of other files of the project ----
      {
        ...invalid(`const { hash, hashLater, normalize } = require('./cross-file/passwords.js');
const passwords = require('./cross-file/passwords.js');
import { loadSettings, parseWith } from './cross-file';
export async function login(password: string) {
  normalize(password);
  await hashLater(password);
  parseWith(() => '{}');
  loadSettings('settings.json');
  return hash(password) + passwords.hash(password);
}`, [
          viaHelper('loadSettings(\'settings.json\')', 'loadSettings() → fs.readFileSync'),
          viaHelper('hash(password)', 'hash() → derive() → crypto.pbkdf2Sync'),
          viaHelper('passwords.hash(password)', 'passwords.hash() → derive() → crypto.pbkdf2Sync'),
        ]),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },
      // through methods of classes of other files: an exported instance, a static method, an instance made here or
      // held in a field, and a receiver known by its written type (a type-only import names the class too)
      {
        ...invalid(`import { Hasher, hasher } from './cross-file/hasher';
import type { Hasher as HasherType } from '@cross/hasher';
export class Accounts {
  private readonly local = new Hasher();
  constructor(private readonly injected: HasherType) {}
  async login(password: string) {
    this.injected.normalize(password);
    await this.injected.hashLater(password);
    return [hasher.hash(password), Hasher.loadPepper('pepper'), this.local.hash(password), this.injected.hash(password)];
  }
}`, [
          viaHelper('hasher.hash(password)', 'hasher.hash() → derive() → crypto.pbkdf2Sync'),
          viaHelper("Hasher.loadPepper('pepper')", 'Hasher.loadPepper() → fs.readFileSync'),
          viaHelper('this.local.hash(password)', 'hash() → derive() → crypto.pbkdf2Sync'),
          viaHelper('this.injected.hash(password)', 'hash() → derive() → crypto.pbkdf2Sync'),
        ]),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },
      // through an index that passes on what it requires or imports (no `export … from`)
      {
        ...invalid(`const accounts = require('./cross-file/accounts/index.js');
import { hash } from './cross-file/accounts';
export async function login(password: string) {
  return hash(password) + accounts.hash(password);
}`, [
          viaHelper('hash(password)', 'hash() → derive() → crypto.pbkdf2Sync'),
          viaHelper('accounts.hash(password)', 'accounts.hash() → derive() → crypto.pbkdf2Sync'),
        ]),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },
      {
        ...invalid(`const passwords = require('#cross/passwords');
function check(password: string) { return passwords.hash(password); }
app.post('/login', (req, res) => res.json(check(req.body.password)));`, [
          viaHelper('check(req.body.password)', 'check() → passwords.hash() → derive() → crypto.pbkdf2Sync', 'a request handler'),
        ]),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },

      // ---- each provenance form ----
      blocked(`import fs from "fs";\nasync function f() { fs.existsSync("d"); fs.rmSync; }`, 'fs.existsSync("d")'),
      blocked(`import * as fs from "node:fs";\nasync function f(fd: number) { return fs.fstatSync(fd).size; }`, 'fs.fstatSync(fd)'),
      blocked(`import { existsSync as exists } from "fs";\nasync function f() { return exists("a"); }`, 'exists("a")'),
      blocked(`const { existsSync } = require("fs");\nasync function f() { return existsSync("a"); }`, 'existsSync("a")'),
      blocked(`async function f() { return require("fs").existsSync("a"); }`, 'require("fs").existsSync("a")'),
      blocked(`const { existsSync: has } = require("node:fs");\nconst probe = has;\nasync function f() { return probe("a"); }`, 'probe("a")'),
      blocked(`import gfs from "graceful-fs";\nasync function f() { return gfs.existsSync("a"); }`, 'gfs.existsSync("a")'),
      blocked(`import fse from "fs-extra";\nasync function f() { return fse.readJsonSync("package.json"); }`, 'fse.readJsonSync("package.json")'),
      // well-known wrappers that keep Node's synchronous functions, also inside array callbacks of async code
      blocked(`import fs from "mz/fs";\nasync function f(paths: string[]) { return paths.map((p) => fs.readFileSync(p)); }`, 'fs.readFileSync(p)'),
      blocked(`const mz = require("mz");\nasync function f() { return mz.fs.statSync("a"); }`, 'mz.fs.statSync("a")'),
      blocked(`import { execSync } from "mz/child_process";\nasync function f() { return execSync("ls"); }`, 'execSync("ls")', 'blockingProcess'),
      blocked(`import fse from "fs-extra";\nasync function f(paths: string[]) { return paths.filter((p) => fse.pathExistsSync(p)); }`, 'fse.pathExistsSync(p)'),
      blocked(`import { outputFileSync } from "fs-extra/esm";\nasync function f() { outputFileSync("a", "b"); }`, 'outputFileSync("a", "b")'),
      blocked(`import jsonfile from "jsonfile";\nasync function f() { return jsonfile.readFileSync("a.json"); }`, 'jsonfile.readFileSync("a.json")'),
      blocked(`import glob from "glob";\nasync function f() { return glob.sync("**/*.js"); }`, 'glob.sync("**/*.js")'),
      blocked(`import { globSync } from "glob";\nasync function f() { return globSync("**/*.js"); }`, 'globSync("**/*.js")'),
      blocked(`const globby = require("globby");\nasync function f() { return globby.sync(["*.zip"]); }`, 'globby.sync(["*.zip"])'),
      blocked(`import { rimrafSync } from "rimraf";\nasync function f() { rimrafSync("dist"); }`, 'rimrafSync("dist")'),
      blocked(`import { execaSync } from "execa";\nasync function f() { return execaSync("git", ["status"]); }`, 'execaSync("git", ["status"])', 'blockingProcess'),
      blocked(`import bcrypt from "bcrypt";\napp.post("/login", (req, res) => res.json(bcrypt.compareSync(req.body.pw, hash)));`, 'bcrypt.compareSync(req.body.pw, hash)', 'blockingCpu'),
      blocked(`import fs = require("fs");\nasync function f() { return fs.existsSync("a"); }`, 'fs.existsSync("a")'),
      blocked(`async function f() { const fs = await import("node:fs"); return fs.existsSync("a"); }`, 'fs.existsSync("a")'),
      blocked(`async function f() { const { existsSync } = process.getBuiltinModule("fs"); return existsSync("a"); }`, 'existsSync("a")'),
      blocked(`import { promises, existsSync } from "fs";\nasync function f() { await promises.readFile("a"); return existsSync("a"); }`, 'existsSync("a")'),

      // ---- the rest of the catalog ----
      blocked(`import { execSync } from "child_process";\nasync function f() { return execSync("git status").toString(); }`, 'execSync("git status")', 'blockingProcess'),
      blocked(`import cp from "node:child_process";\nasync function f() { cp.execFileSync("git", ["status"]); }`, 'cp.execFileSync("git", ["status"])', 'blockingProcess'),
      blocked(`const { spawnSync } = require("child_process");\nsetTimeout(() => spawnSync("ls"));`, 'spawnSync("ls")', 'blockingProcess'),
      invalid(`import zlib from "zlib";\nasync function f(data: Buffer) { return zlib.gzipSync(data); }`, [
        {
          messageId: 'blockingCpu',
          text: 'zlib.gzipSync(data)',
          suggestions: [
            {
              messageId: 'suggestAsyncApi',
              output: `import zlib from "zlib";\nimport { promisify } from 'node:util';\nasync function f(data: Buffer) { return await promisify(zlib.gzip)(data); }`,
            },
          ],
        },
      ]),
      blocked(`import zlib from "zlib";\nemitter.on("data", (d) => zlib.brotliCompressSync(d));`, 'zlib.brotliCompressSync(d)', 'blockingCpu'),
      invalid(`import { promisify } from "util";\nimport crypto from "node:crypto";\nasync function hash(pw: string, salt: string) { return crypto.scryptSync(pw, salt, 64); }`, [
        {
          messageId: 'blockingCpu',
          text: 'crypto.scryptSync(pw, salt, 64)',
          suggestions: [
            {
              messageId: 'suggestAsyncApi',
              output: `import { promisify } from "util";\nimport crypto from "node:crypto";\nasync function hash(pw: string, salt: string) { return await promisify(crypto.scrypt)(pw, salt, 64); }`,
            },
          ],
        },
      ]),
      blocked(`import { generateKeyPairSync } from "crypto";\napp.post("/keys", (req, res) => res.json(generateKeyPairSync("ed25519")));`, 'generateKeyPairSync("ed25519")', 'blockingCpu'),
      blocked(`async function f(buf: Int32Array) { Atomics.wait(buf, 0, 0, 100); }`, 'Atomics.wait(buf, 0, 0, 100)', 'blockingWait'),
      blocked(`async function f(buf: Int32Array) { globalThis.Atomics.wait(buf, 0, 0); }`, 'globalThis.Atomics.wait(buf, 0, 0)', 'blockingWait'),
      invalid(`async function f() { return Deno.readTextFileSync("a.txt"); }`, [
        {
          messageId: 'blockingCall',
          text: 'Deno.readTextFileSync("a.txt")',
          suggestions: [{ messageId: 'suggestAsyncApi', output: `async function f() { return await Deno.readTextFile("a.txt"); }` }],
        },
      ]),
      blocked(`setTimeout(() => Deno.removeSync("a.txt"));`, 'Deno.removeSync("a.txt")'),
      // a call over several lines is underlined up to its callee, so the squiggle hides none of its arguments
      invalid(`import { execSync } from "child_process";\nasync function f() {\n  execSync(\n    "git status",\n    { cwd: "/tmp" },\n  );\n}`, [{ messageId: 'blockingProcess', text: 'execSync', nth: 1 }]),
      blocked(`async function f() { Bun.spawnSync(["ls"]); }`, 'Bun.spawnSync(["ls"])', 'blockingProcess'),
      invalid(`async function f() { Bun.sleepSync(50); }`, [
        {
          messageId: 'blockingWait',
          text: 'Bun.sleepSync(50)',
          data: { name: 'Bun.sleepSync', context: 'an async function', advice: '`await Bun.sleep(…)`' },
          suggestions: [{ messageId: 'suggestAsyncApi', output: `async function f() { await Bun.sleep(50); }` }],
        },
      ]),

      // ---- busy-wait loops ----
      invalid(`import { x } from "y";\nasync function f(deadline: number) { while (Date.now() < deadline) {} }`, [
        {
          messageId: 'busyWait',
          text: 'Date.now() < deadline',
          suggestions: [
            {
              messageId: 'suggestSleep',
              output: `import { x } from "y";\nimport { setTimeout as sleep } from 'node:timers/promises';\nasync function f(deadline: number) { await sleep(deadline - Date.now()); }`,
            },
          ],
        },
      ]),
      invalid(`const { setTimeout: wait } = require("node:timers/promises");\nasync function f(start: number) { while (performance.now() - start < 50); }`, [
        {
          messageId: 'busyWait',
          text: 'performance.now() - start < 50',
          suggestions: [
            {
              messageId: 'suggestSleep',
              output: `const { setTimeout: wait } = require("node:timers/promises");\nasync function f(start: number) { await wait(50 - (performance.now() - start)); }`,
            },
          ],
        },
      ]),
      invalid(`const x = require("x");\nasync function f(t: number) { do {} while (t > Date.now()); }`, [
        {
          messageId: 'busyWait',
          text: 't > Date.now()',
          suggestions: [
            {
              messageId: 'suggestSleep',
              output: `const x = require("x");\nconst { setTimeout: sleep } = require('node:timers/promises');\nasync function f(t: number) { await sleep(t - Date.now()); }`,
            },
          ],
        },
      ]),
      blocked(`async function f(end: Date) { while (new Date() < end) {} }`, 'new Date() < end', 'busyWait'),
      blocked(`setTimeout(() => { const end = Date.now() + 10; while (new Date().getTime() < end) {} });`, 'new Date().getTime() < end', 'busyWait'),
      blocked(`async function f(t: number) { for (let i = 0; Date.now() < t; i++) {} }`, 'Date.now() < t', 'busyWait'),

      // ---- suggestions ----
      invalid(READ + `async function f(p: string) { const text = fs.readFileSync(p, "utf8"); return text; }`, [
        {
          messageId: 'blockingCall',
          text: 'fs.readFileSync(p, "utf8")',
          data: { name: 'fs.readFileSync', context: 'an async function', advice: '`await fs.promises.readFile(…)`' },
          suggestions: [{ messageId: 'suggestAsyncApi', output: READ + `async function f(p: string) { const text = await fs.promises.readFile(p, "utf8"); return text; }` }],
        },
      ]),
      invalid(READ + `async function f(p: string) { return fs.readFileSync(p).toString("base64"); }`, [
        {
          messageId: 'blockingCall',
          text: 'fs.readFileSync(p)',
          suggestions: [{ messageId: 'suggestAsyncApi', output: READ + `async function f(p: string) { return (await fs.promises.readFile(p)).toString("base64"); }` }],
        },
      ]),
      invalid(`import { readFileSync } from "fs";\nimport * as fsp from "node:fs/promises";\nasync function f() { return readFileSync("a"); }`, [
        {
          messageId: 'blockingCall',
          text: 'readFileSync("a")',
          suggestions: [
            { messageId: 'suggestAsyncApi', output: `import { readFileSync } from "fs";\nimport * as fsp from "node:fs/promises";\nasync function f() { return await fsp.readFile("a"); }` },
          ],
        },
      ]),
      invalid(`import { writeFileSync } from "fs";\nimport { writeFile as save } from "fs/promises";\nasync function f(d: string) { writeFileSync("a", d); }`, [
        {
          messageId: 'blockingCall',
          text: 'writeFileSync("a", d)',
          suggestions: [
            { messageId: 'suggestAsyncApi', output: `import { writeFileSync } from "fs";\nimport { writeFile as save } from "fs/promises";\nasync function f(d: string) { await save("a", d); }` },
          ],
        },
      ]),
      invalid(`import { statSync } from "node:fs";\nasync function f() { return statSync("a").size; }`, [
        {
          messageId: 'blockingCall',
          text: 'statSync("a")',
          suggestions: [
            { messageId: 'suggestAsyncApi', output: `import { statSync } from "node:fs";\nimport { stat } from 'node:fs/promises';\nasync function f() { return (await stat("a")).size; }` },
          ],
        },
      ]),
      invalid(`const { readdirSync } = require("fs");\nasync function f() { return readdirSync("."); }`, [
        {
          messageId: 'blockingCall',
          text: 'readdirSync(".")',
          suggestions: [
            { messageId: 'suggestAsyncApi', output: `const { readdirSync } = require("fs");\nconst { readdir } = require('node:fs/promises');\nasync function f() { return await readdir("."); }` },
          ],
        },
      ]),
      invalid(`async function f() { return (await import("fs")).readFileSync("a"); }`, [
        {
          messageId: 'blockingCall',
          text: '(await import("fs")).readFileSync("a")',
          suggestions: [{ messageId: 'suggestAsyncApi', output: `async function f() { return await (await import("fs")).promises.readFile("a"); }` }],
        },
      ]),
      invalid(`import crypto from "crypto";\nimport { promisify as p } from "node:util";\nasync function f() { return crypto.pbkdf2Sync("pw", "salt", 1000, 64, "sha512"); }`, [
        {
          messageId: 'blockingCpu',
          text: 'crypto.pbkdf2Sync("pw", "salt", 1000, 64, "sha512")',
          suggestions: [
            {
              messageId: 'suggestAsyncApi',
              output: `import crypto from "crypto";\nimport { promisify as p } from "node:util";\nasync function f() { return await p(crypto.pbkdf2)("pw", "salt", 1000, 64, "sha512"); }`,
            },
          ],
        },
      ]),
      // no suggestion where the replacement would change the result
      blocked(READ + `async function f() { return fs.statSync("a", { throwIfNoEntry: false }); }`, 'fs.statSync("a", { throwIfNoEntry: false })'),
      blocked(READ + `async function f() { return fs.openSync("a", "r"); }`, 'fs.openSync("a", "r")'),
      // no suggestion where `await` is impossible (a nested callback) or in a callback context
      blocked(READ + `async function f(ps: string[]) { return ps.map((p) => fs.readFileSync(p)); }`, 'fs.readFileSync(p)'),
      blocked(READ + `fetchIt().then(() => fs.readFileSync("a"));`, 'fs.readFileSync("a")'),
      blocked(`async function f(t: number) { [1].forEach(() => { while (Date.now() < t) {} }); }`, 'Date.now() < t', 'busyWait'),
      // no import can be added to a script without imports or requires
      blocked(`async function f(t: number) { while (Date.now() < t) {} }`, 'Date.now() < t', 'busyWait'),

      // ---- transitive ----
      // a file-private helper that only async code calls: reported once, on the blocking call in the helper
      invalid(READ + `function loadConfig() { return JSON.parse(fs.readFileSync("c.json", "utf8")); }\nasync function handle() { return loadConfig(); }`, [
        inHelper('fs.readFileSync("c.json", "utf8")', 'fs.readFileSync', 'loadConfig()', 'an async function', 3, '`fs.promises.readFile`'),
      ]),
      // (netlify-cli 2.65.5's proxy: `getStatic()` probed candidate paths with `fs.statSync` for every request, called
      // from two places of one async handler)
      invalid(
        READ +
          `function getStatic(pathname: string, alternatives: string[]) {\n  for (const p of alternatives) {\n    try {\n      if (fs.statSync(p).isFile()) return p;\n    } catch {}\n  }\n  return false;\n}\n` +
          `async function serveRedirect(req: { url: string }, dest: string) {\n  const staticFile = await getStatic(req.url, []);\n  if (staticFile) return staticFile;\n  return await getStatic(dest, []);\n}`,
        [inHelper('fs.statSync(p)', 'fs.statSync', 'getStatic()', 'an async function', 11, '`fs.promises.stat`')],
      ),
      // also called from synchronous code, exported, passed on, or blocking one helper further: on each async call
      invalid(READ + `function loadConfig() { return fs.readFileSync("c.json", "utf8"); }\nasync function handle() { return loadConfig(); }\nfunction boot() { return loadConfig(); }`, [
        viaHelper('loadConfig()', 'loadConfig() → fs.readFileSync', 'an async function', 1),
      ]),
      invalid(READ + `export function loadConfig() { return fs.readFileSync("c.json", "utf8"); }\nasync function handle() { return loadConfig(); }`, [
        viaHelper('loadConfig()', 'loadConfig() → fs.readFileSync', 'an async function', 1),
      ]),
      invalid(READ + `const loadConfig = () => fs.readFileSync("c.json", "utf8");\nasync function handle() { return loadConfig(); }\nexport { loadConfig };`, [
        viaHelper('loadConfig()', 'loadConfig() → fs.readFileSync', 'an async function', 0),
      ]),
      invalid(READ + `function loadConfig() { return fs.readFileSync("c.json", "utf8"); }\nasync function handle() { return loadConfig(); }\nmodule.exports = { loadConfig };`, [
        viaHelper('loadConfig()', 'loadConfig() → fs.readFileSync', 'an async function', 1),
      ]),
      invalid(READ + `function read(p: string) { return fs.readFileSync(p); }\nfunction loadConfig() { return read("c.json"); }\nasync function handle() { return loadConfig(); }`, [
        viaHelper('loadConfig()', 'loadConfig() → read() → fs.readFileSync', 'an async function', 1),
      ]),
      invalid(READ + `function read(p: string) { return fs.readFileSync(p); }\nfunction loadConfig() { return read("c.json"); }\napp.get("/config", (req, res) => res.send(loadConfig()));`, [
        viaHelper('loadConfig()', 'loadConfig() → read() → fs.readFileSync', 'a request handler', 1),
      ]),
      invalid(READ + `function walk(dir: string, depth: number): string[] { return depth > 3 ? [] : fs.readdirSync(dir).flatMap((d) => walk(d, depth + 1)); }\nasync function f() { return walk(".", 0); }`, [
        viaHelper('walk(".", 0)', 'walk() → fs.readdirSync'),
      ]),
      invalid(READ + `class Repo {\n  private read() { return fs.readFileSync("db.json"); }\n  async all() { return this.read(); }\n}`, [
        viaHelper('this.read()', 'this.read() → fs.readFileSync'),
      ]),
      invalid(READ + `const cache = {\n  load() { return fs.readFileSync("cache.json"); },\n};\nsetInterval(() => cache.load(), 1000);`, [
        viaHelper('cache.load()', 'cache.load() → fs.readFileSync', 'a timer callback'),
      ]),
      invalid(`function pause(ms: number) { const end = Date.now() + ms; while (Date.now() < end) {} }\nasync function retry() { pause(100); }`, [
        viaHelper('pause(100)', 'pause() → busy-wait loop'),
      ]),
      invalid(`import { execSync } from "child_process";\nconst run = (cmd: string) => execSync(cmd);\nasync function deploy() { run("make"); }`, [
        {
          messageId: 'blockingInAsyncOnlyHelper',
          text: 'execSync(cmd)',
          data: { name: 'child_process.execSync', helper: 'run()', context: 'an async function', line: '3', advice: '`execFile`/`spawn`, promisified or with events' },
        },
      ]),

      invalid(READ + `function even(n: number): boolean { return n === 0 || odd(n - 1); }\nfunction odd(n: number): boolean { return n !== 0 && (fs.existsSync("x") || even(n - 1)); }\nasync function f() { return even(4); }`, [
        viaHelper('even(4)', 'even() → odd() → fs.existsSync'),
      ]),
      // an async helper is reported in its own body, once, and not again at its call
      invalid(READ + `async function load() { return fs.existsSync("a"); }\nasync function f() { return load(); }`, [{ messageId: 'blockingCall', text: 'fs.existsSync("a")' }]),

      // ---- suggestions that add two imports ----
      invalid(`import { pbkdf2Sync } from "crypto";\nasync function f() { return pbkdf2Sync("pw", "salt", 1, 32, "sha256"); }`, [
        {
          messageId: 'blockingCpu',
          text: 'pbkdf2Sync("pw", "salt", 1, 32, "sha256")',
          suggestions: [
            {
              messageId: 'suggestAsyncApi',
              output: `import { pbkdf2Sync } from "crypto";\nimport { promisify } from 'node:util';\nimport { pbkdf2 } from 'node:crypto';\nasync function f() { return await promisify(pbkdf2)("pw", "salt", 1, 32, "sha256"); }`,
            },
          ],
        },
      ]),
      invalid(`const { gzipSync } = require("zlib");\nasync function f(d: Buffer) { return gzipSync(d); }`, [
        {
          messageId: 'blockingCpu',
          text: 'gzipSync(d)',
          suggestions: [
            {
              messageId: 'suggestAsyncApi',
              output: `const { gzipSync } = require("zlib");\nconst { promisify } = require('node:util');\nconst { gzip } = require('node:zlib');\nasync function f(d: Buffer) { return await promisify(gzip)(d); }`,
            },
          ],
        },
      ]),

      // ---- options ----
      blocked(`import { querySync } from "sync-db";\nasync function f() { querySync("select 1"); }`, 'querySync("select 1")', 'blockingCall', {
        blockingCalls: [{ module: 'sync-db', names: ['querySync'] }],
      }),
      blocked(`import { walker } from "tree-walker";\nasync function f() { return walker.sync("*.js"); }`, 'walker.sync("*.js")', 'blockingCall', {
        blockingCalls: [{ module: 'tree-walker', names: ['walker.sync'] }],
      }),
      blocked(`import run from "sync-run";\nsetTimeout(() => run.sync("ls"));`, 'run.sync("ls")', 'blockingCall', {
        blockingCalls: [{ module: 'node:sync-run', names: ['sync'] }],
      }),
      blocked(`import { glob } from "glob";\nasync function f() { return glob.sync("*.js"); }`, 'glob.sync("*.js")'),
      blocked(`import spawn from "cross-spawn";\nsetTimeout(() => spawn.sync("ls"));`, 'spawn.sync("ls")', 'blockingProcess'),
      invalid(
        READ + `async function f() { fs.existsSync("a"); fs.readdirSync("."); }`,
        [{ messageId: 'blockingCall', text: 'fs.readdirSync(".")', suggestions: [{ messageId: 'suggestAsyncApi', output: READ + `async function f() { fs.existsSync("a"); await fs.promises.readdir("."); }` }] }],
        { allow: ['existsSync'] },
      ),
      invalid(`async function f() { const lib = require("./lib"); return lib; }`, [{ messageId: 'syncRequire', text: 'require("./lib")' }], { checkRequire: true }),
      invalid(`const mod = "x";\nsetTimeout(() => require(mod));`, [{ messageId: 'syncRequire', text: 'require(mod)' }], { checkRequire: true }),
      invalid(`function lazy() { return require("heavy"); }\nasync function f() { lazy(); }`, [viaHelper('lazy()', 'lazy() → require()', 'an async function', 1)], { checkRequire: true }),
      // Roles: the options widen the rule to test code and one-shot code; request handlers of a script stay service code.
      { ...existsIn('async function f() { fs.existsSync("/tmp/x"); }', 'an async function'), filename: 'test/file.ts', options: [{ checkTests: true }] },
      { ...existsIn('async function main() { fs.existsSync("/tmp/x"); }\nmain();', 'an async function'), options: [{ checkOneShot: true }] },
      { ...existsIn('import http from "http";\nhttp.createServer(async (req, res) => { fs.existsSync("/tmp/x"); res.end(); });', 'an async function'), filename: 'bin/cli.ts' },
      // Not start-up code: exported, or also used as a listener; a guard that does not fill the value; a local guard.
      existsIn('export async function main() { fs.existsSync("/tmp/x"); }\nmain();', 'an async function'),
      existsIn('async function main() { fs.existsSync("/tmp/x"); }\nmain();\nprocess.on("SIGHUP", main);', 'an async function'),
      existsIn('class Store { client: unknown; async connect() { if (!this.client) { fs.existsSync("/tmp/x"); } return this.client; } }', 'an async function'),
      existsIn('async function f() { let ready = false; if (!ready) { fs.existsSync("/tmp/x"); ready = true; } }', 'an async function'),
    ],
  },
  syntacticOnly: {
    valid: [
      // Without types, a name imported from a project module that re-exports `node:fs` is unknown.
      `import { readFileSync } from "./no-blocking-in-async-reexport";\nasync function f() { return readFileSync("a"); }`,
      // Without types, a parameter's provenance is unknown.
      `async function f(fs: typeof import("fs")) { return fs.existsSync("a"); }`,
    ],
  },
  typedOnly: {
    invalid: [
      invalid(`import { readFileSync } from "./no-blocking-in-async-reexport";\nasync function f() { return readFileSync("a"); }`, [
        {
          messageId: 'blockingCall',
          text: 'readFileSync("a")',
          suggestions: [
            {
              messageId: 'suggestAsyncApi',
              output: `import { readFileSync } from "./no-blocking-in-async-reexport";\nimport { readFile } from 'node:fs/promises';\nasync function f() { return await readFile("a"); }`,
            },
          ],
        },
      ]),
      invalid(`async function f(fs: typeof import("fs")) { return fs.existsSync("a"); }`, [
        { messageId: 'blockingCall', text: 'fs.existsSync("a")', data: { name: 'fs.existsSync', context: 'an async function', advice: EXISTS_ADVICE } },
      ]),
      invalid(`async function f(fs: typeof import("node:fs")) { return fs.readFileSync("a"); }`, [
        {
          messageId: 'blockingCall',
          text: 'fs.readFileSync("a")',
          suggestions: [{ messageId: 'suggestAsyncApi', output: `async function f(fs: typeof import("node:fs")) { return await fs.promises.readFile("a"); }` }],
        },
      ]),
    ],
  },
});

// ESLint's default parser (espree) has no parser services: the rule must neither throw nor lose its syntactic reports.
describe('no-blocking-in-async (ESLint default parser)', () => {
  new ESLintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } }).run(
    'no-blocking-in-async',
    rule as unknown as Parameters<ESLintRuleTester['run']>[1],
    {
      valid: [
        `const fs = require("fs");\nmodule.exports = function load() { return fs.readFileSync("a"); };`,
        // unknown provenance: without parser services the rule stays silent instead of crashing
        `async function f(fs) { return fs.readFileSync("a") + readFileSync("b"); }`,
      ],
      invalid: [
        {
          code: `const fs = require("fs");\nmodule.exports = function image() {\n  return { name: "image", load(id) { return fs.readFileSync(id, "base64"); } };\n};`,
          output: null,
          errors: [{ messageId: 'blockingCall', ...at(`const fs = require("fs");\nmodule.exports = function image() {\n  return { name: "image", load(id) { return fs.readFileSync(id, "base64"); } };\n};`, 'fs.readFileSync(id, "base64")'), suggestions: [] }],
        },
        {
          code: `const fs = require("fs");\nasync function f() { return fs.readFileSync("a", "utf8"); }`,
          output: null,
          errors: [
            {
              messageId: 'blockingCall',
              ...at(`const fs = require("fs");\nasync function f() { return fs.readFileSync("a", "utf8"); }`, 'fs.readFileSync("a", "utf8")'),
              suggestions: [
                { messageId: 'suggestAsyncApi', output: `const fs = require("fs");\nasync function f() { return await fs.promises.readFile("a", "utf8"); }` },
              ],
            },
          ],
        },
      ],
    },
  );
});

/**
 * TypeScript's output below ES2017 (issue #22; @azure/identity 1.3.0's `VisualStudioCodeCredential.prepare`): the
 * `async` method is a generator handed to `__awaiter`, so its body is an async function's. No suggestion there: the
 * rewrites insert `await`, which a generator cannot hold (its await is `yield`), and the fix belongs in the source.
 */
const COMPILED_PREPARE = `const fs = require("fs");
${TS_AWAITER_HELPER}
class VisualStudioCodeCredential {
    prepare() {
        return __awaiter(this, void 0, void 0, function* () {
            const settings = JSON.parse(fs.readFileSync(this.settingsPath, { encoding: "utf8" }));
            this.tenantId = settings["azure.tenant"];
        });
    }
}
module.exports = { VisualStudioCodeCredential };`;

runInBothModes('no-blocking-in-async (compiled __awaiter code)', rule, {
  both: {
    valid: [
      // a generator that no `__awaiter` runs is no async function
      { code: `const fs = require("fs");
function* settings(paths) {
    for (const path of paths) yield JSON.parse(fs.readFileSync(path, "utf8"));
}
module.exports = { settings };`, filename: 'file.js' },
    ],
    invalid: [
      {
        ...invalid(COMPILED_PREPARE, [
          {
            messageId: 'blockingCall',
            text: 'fs.readFileSync(this.settingsPath, { encoding: "utf8" })',
            data: { name: 'fs.readFileSync', context: 'an async function', advice: '`fs.promises.readFile`' },
          },
        ]),
        filename: 'file.js',
      },
    ],
  },
});

/**
 * A helper reached from a listener through an ES5 class's prototype method (`this.reopen()`), whose blocking call
 * sits in the branch of its `sync` option (sonic-boom): the caller chose the synchronous mode, so the chain stops.
 */
const REOPEN = (openBody: string) => `const fs = require("fs");
const path = require("path");
function openFile(file, sonic) {
${openBody}
}
function SonicBoom(opts) {
  this.sync = !!opts.sync;
  this.file = opts.dest;
}
SonicBoom.prototype.reopen = function (file) {
  openFile(file || this.file, this);
};
SonicBoom.prototype.watch = function (emitter) {
  emitter.on("rotate", () => {
    this.reopen();
  });
};
module.exports = SonicBoom;`;

runInBothModes('no-blocking-in-async (ES5 classes, sync options)', rule, {
  both: {
    valid: [
      { code: REOPEN(`  if (sonic.sync) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    sonic.fd = fs.openSync(file, "a");
  } else {
    fs.open(file, "a", (err, fd) => { sonic.fd = fd; });
  }`), filename: 'file.js' },
      { code: REOPEN(`  sonic.fd = sonic.sync ? fs.openSync(file, "a") : null;`), filename: 'file.js' },
    ],
    invalid: [
      {
        ...invalid(REOPEN(`  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.open(file, "a", (err, fd) => { sonic.fd = fd; });`), [viaHelper('this.reopen()', 'this.reopen() → openFile() → fs.mkdirSync', 'an event listener')]),
        filename: 'file.js',
      },
    ],
  },
});

/** Modules loaded through a compiler's import helpers: TypeScript's `__importDefault`/`__importStar`, Babel's `_interopRequireDefault`. */
const TS_INTEROP = (body: string) => `"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };
const fs_1 = __importDefault(require("fs"));
async function backup(path, data) {
${body}
}
module.exports = { backup };`;

const BABEL_INTEROP = (body: string) => `"use strict";
var _fs = _interopRequireDefault(require("fs"));
var _cp = _interopRequireWildcard(require("child_process"));
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }
function _interopRequireWildcard(obj) { return obj; }
async function load(path) {
${body}
}
module.exports = { load };`;

/** Babel 6's interop: the helper wraps the variable that holds the module (lerna 2.0.0, webdriverio 4.6.2). */
const BABEL6_INTEROP = (body: string) => `"use strict";
var _fs = require("fs");
var _fs2 = _interopRequireDefault(_fs);
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }
async function load(path) {
${body}
}
module.exports = { load };`;

runInBothModes('no-blocking-in-async (compiled import helpers)', rule, {
  both: {
    valid: [
      // the helper's object itself is no module member, and the promise API is no blocking call
      { code: TS_INTEROP('    await fs_1.default.promises.writeFile(path, data);\n    return fs_1.readFileSync;'), filename: 'file.js' },
    ],
    invalid: [
      {
        ...invalid(TS_INTEROP('    fs_1.default.writeFileSync(path + ".tmp", data);'), [{
          messageId: 'blockingCall', text: 'fs_1.default.writeFileSync(path + ".tmp", data)',
          data: { name: 'fs.writeFileSync', context: 'an async function', advice: '`await fs_1.default.promises.writeFile(…)`' },
          suggestions: [{ messageId: 'suggestAsyncApi', output: TS_INTEROP('    await fs_1.default.promises.writeFile(path + ".tmp", data);') }],
        }]),
        filename: 'file.js',
      },
      {
        ...invalid(BABEL6_INTEROP('    return _fs2.default.readFileSync(path, "utf8");'), [
          {
            messageId: 'blockingCall', text: '_fs2.default.readFileSync(path, "utf8")',
            data: { name: 'fs.readFileSync', context: 'an async function', advice: '`await _fs2.default.promises.readFile(…)`' },
            suggestions: [{ messageId: 'suggestAsyncApi', output: BABEL6_INTEROP('    return await _fs2.default.promises.readFile(path, "utf8");') }],
          },
        ]),
        filename: 'file.js',
      },
      {
        ...invalid(BABEL_INTEROP('    _cp.execSync("sync");\n    return _fs.default.readFileSync(path, "utf8");'), [
          { messageId: 'blockingProcess', text: '_cp.execSync("sync")' },
          {
            messageId: 'blockingCall', text: '_fs.default.readFileSync(path, "utf8")',
            data: { name: 'fs.readFileSync', context: 'an async function', advice: '`await _fs.default.promises.readFile(…)`' },
            suggestions: [{ messageId: 'suggestAsyncApi', output: BABEL_INTEROP('    _cp.execSync("sync");\n    return await _fs.default.promises.readFile(path, "utf8");') }],
          },
        ]),
        filename: 'file.js',
      },
    ],
  },
});

runInBothModes("no-blocking-in-async (the operating system's certificate store read on the event loop)", rule, {
  both: {
    valid: [
      // read once at startup, not in async code
      `import * as tls from 'node:tls';\nexport const systemCertificates: string[] = tls.getCACertificates('system');`,
      // another module's function of the same name
      `declare const store: { getCACertificates(kind: string): Promise<string[]> };\nexport async function load(): Promise<string[]> {\n  return store.getCACertificates('system');\n}`,
    ],
    invalid: [
      invalid(
        `import * as tls from 'tls';\nexport async function loadSystemCertificates(): Promise<string[]> {\n  const systemCerts = tls.getCACertificates('system');\n  return systemCerts.filter((cert) => cert.length > 0);\n}`,
        [{ messageId: 'blockingCall', text: "tls.getCACertificates('system')", data: { name: 'tls.getCACertificates', context: 'an async function', advice: 'none exists: read the store once at startup, or in a worker thread' } }],
      ),
    ],
  },
});

runInBothModes('no-blocking-in-async (a blocking write in a helper that async code reaches from several places)', rule, {
  both: {
    valid: [
      // one place only: the report stays at that call (see the chains above)
      `${READ}function storeSet(key: string, value: unknown) { fs.writeFileSync(key + ".json", JSON.stringify(value)); }\nexport function init() { storeSet("id", 1); }`,
    ],
    invalid: [
      // countly-sdk-nodejs 20.4.0's storeSet(): reached from timers and listeners, directly and through toRequestQueue()
      invalid(
        `${READ}const queue: unknown[] = [];\nfunction storeSet(key: string, value: unknown) {\n  try {\n    fs.writeFileSync(key + ".json", JSON.stringify(value));\n  } catch (error) {\n    console.log(error);\n  }\n}\nfunction toRequestQueue(request: unknown) {\n  queue.push(request);\n  storeSet("queue", queue);\n}\nexport function start(emitter: NodeJS.EventEmitter) {\n  setInterval(() => toRequestQueue({ beat: 1 }), 60000);\n  emitter.on("event", (event: unknown) => storeSet("event", event));\n  storeSet("started", true);\n}`,
        [{
          messageId: 'blockingInSharedHelper',
          text: 'fs.writeFileSync(key + ".json", JSON.stringify(value))',
          data: { name: 'fs.writeFileSync', helper: 'storeSet()', count: '2', context: 'a timer callback', line: '15', advice: '`fs.promises.writeFile`' },
        }],
      ),
    ],
  },
});
